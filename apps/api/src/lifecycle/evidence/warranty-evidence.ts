import { judgeClaim, judgeExpiry, judgeListing, judgeReturn, judgeSale, SALE_EVENTS } from '@recert/evidence';
import type { ExpireWarrantyEvent, ListEvent, OpenClaimEvent, ReturnToOwnerEvent, SellEvent } from '@recert/lifecycle';
import type { Admitted } from '../command-context';
import { admitted } from './admitted';
import type { EvidenceContext } from './evidence-context';

/** The pinned programme applies to a certified unit only; an RMA replacement's sale carries its warranty instead. */
const pinnedIfCertified = (ev: EvidenceContext) => (ev.context.certified ? ev.pinnedProgramme() : Promise.resolve(undefined));

/** LIST: the pinned programme of a certified unit, for its markets. */
export async function admitListing(ev: EvidenceContext, event: ListEvent): Promise<Admitted> {
  return admitted(judgeListing({ context: ev.context, pinned: await pinnedIfCertified(ev) }, event));
}

/**
 * SELL: the pinned programme of a certified unit and its current listing (neither for an RMA replacement, whose
 * warranty is transferred and which goes to the claimant's market).
 */
export async function admitSale(ev: EvidenceContext, event: SellEvent): Promise<Admitted> {
  const pinned = event.warrantyTransfer ? undefined : await pinnedIfCertified(ev);
  const listing = event.warrantyTransfer ? undefined : await ev.latest('LIST');
  return admitted(judgeSale({ context: ev.context, pinned, listing }, event, ev.now));
}

/** RETURN_TO_OWNER: the pinned programme of a certified unit; the RMA's outcome for a unit back under RMA. */
export async function admitReturn(ev: EvidenceContext, event: ReturnToOwnerEvent): Promise<Admitted> {
  const pinned = await pinnedIfCertified(ev);
  const rmaResolution = ev.context.entry === 'rma' ? await ev.latest('RMA_RESOLVED') : undefined;
  return admitted(judgeReturn({ context: ev.context, pinned, rmaResolution }, event, ev.now));
}

/** OPEN_CLAIM: the sales, grades and tests, in one read. */
export async function admitClaim(ev: EvidenceContext, event: OpenClaimEvent): Promise<Admitted> {
  return admitted(
    judgeClaim(
      { trail: await ev.trail(...SALE_EVENTS, 'GRADE', 'REGRADE', 'TEST_RESULT'), deviceClass: ev.unit.deviceClass },
      event,
      ev.now,
    ),
  );
}

/** EXPIRE_WARRANTY: the sales. */
export async function admitExpiry(ev: EvidenceContext, event: ExpireWarrantyEvent): Promise<Admitted> {
  return admitted(judgeExpiry({ sales: await ev.trail(...SALE_EVENTS) }, event, ev.now));
}
