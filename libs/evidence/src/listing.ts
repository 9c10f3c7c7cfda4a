import type { TrailEntry } from '@recert/audit';
import type { ListEvent, UnitContext } from '@recert/lifecycle';
import type { ProgrammeVersion } from './facts';
import { admit, Judgement, refuse } from './judgement';
import { marketTerms } from './programme-terms';

export interface ListingFacts {
  context: UnitContext;
  /** The programme version the unit is pinned to; its markets apply to a certified unit, so it is read only for one. */
  pinned: ProgrammeVersion | undefined;
}

/** LIST: a certified unit is offered only in a market its programme sells in (where its warranty terms exist). */
export function judgeListing(facts: ListingFacts, event: ListEvent): Judgement<ListEvent> {
  const programme = facts.context.certified ? facts.pinned : undefined;
  if (programme && !marketTerms(programme.terms, event.market)) {
    const markets = programme.terms.markets.map((m) => m.market);
    return refuse(
      'The listing is outside the programme.',
      [
        {
          code: 'market-not-in-programme',
          message: `${programme.code}@${programme.version} sells only in ${markets.join(', ') || 'no market'}, not ${event.market}`,
        },
      ],
      { field: 'market', allowed: markets },
    );
  }
  return admit(event);
}

/** The market of the unit's current listing: its lifecycle's latest LIST (a listed unit has one). */
export const listedMarket = (listing: TrailEntry | undefined): string | undefined =>
  typeof listing?.payload.market === 'string' ? listing.payload.market : undefined;
