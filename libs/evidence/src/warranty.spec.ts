import type { TrailEntry } from '@recert/audit';
import { initialContext } from '@recert/lifecycle';
import type { MediumProgress, OpenClaimEvent, ReturnToOwnerEvent, SellEvent, UnitContext } from '@recert/lifecycle';
import { addMonths, judgeClaim, judgeExpiry, judgeReturn, judgeSale } from './warranty';
import { lenovoProgramme } from '../test/fixtures';

describe('warranty terms in calendar months', () => {
  it('adds months on the calendar, keeping the time of day', () => {
    expect(addMonths(new Date('2026-11-23T10:15:00.000Z'), 12).toISOString()).toBe('2027-11-23T10:15:00.000Z');
    expect(addMonths(new Date('2026-11-23T10:15:00.000Z'), 3).toISOString()).toBe('2027-02-23T10:15:00.000Z');
  });

  it('clamps to the last day of a shorter month, leap years included', () => {
    expect(addMonths(new Date('2027-01-31T00:00:00.000Z'), 1).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2027-08-31T12:00:00.000Z'), 6).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(addMonths(new Date('2028-02-29T00:00:00.000Z'), 12).toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });

  it('zero months is the same instant', () => {
    expect(addMonths(new Date('2026-11-23T10:15:00.000Z'), 0).toISOString()).toBe('2026-11-23T10:15:00.000Z');
  });
});

const programme = lenovoProgramme();
const medium = (status: MediumProgress['status'], level: MediumProgress['level']): MediumProgress => ({
  serial: 'M1',
  status,
  level,
  attempts: 1,
});
const unit = (media: MediumProgress[], overrides: Partial<UnitContext> = {}): UnitContext => ({
  ...initialContext({ mediaSerials: [] }),
  media,
  ...overrides,
});
const purged = unit([medium('validated', 'purge')]);
const certified = unit([medium('validated', 'purge')], { certified: true, programme: 'lenovo-cr@3' });
const sell = (fields: Partial<SellEvent> = {}): SellEvent => ({
  type: 'SELL',
  orderReference: 'SO-1',
  buyer: 'B',
  market: 'DE',
  ...fields,
});
const at = (iso: string) => new Date(iso);
const breaks = (detail: string, code: string, message: string) => ({
  ok: false,
  refusal: 'evidence-rejected',
  detail,
  reasons: [{ code, message }],
});

describe('SELL', () => {
  const now = at('2026-02-02T10:00:00.000Z');

  it('gives a certified unit its programme’s warranty for the market, from the day it was sold', () => {
    // sold 2026-01-31 09:00 + 12 months (DE standard) → 2027-01-31 09:00; DOA 14 days → 2026-02-14 09:00
    const warranty = {
      months: 12,
      startsAt: '2026-01-31T09:00:00.000Z',
      endsAt: '2027-01-31T09:00:00.000Z',
      doaEndsAt: '2026-02-14T09:00:00.000Z',
      programme: 'lenovo-cr@3',
      market: 'DE',
    };
    expect(judgeSale({ context: certified, pinned: programme }, sell({ soldAt: '2026-01-31T09:00:00.000Z' }), now)).toEqual({
      ok: true,
      event: { ...sell(), soldAt: '2026-01-31T09:00:00.000Z', warrantyMonths: 12, warranty },
      evidence: { warranty },
    });
  });

  it('sells an extended warranty up to the programme’s maximum', () => {
    // sold 2026-01-31 09:00 + 36 months (DE maximum) → 2029-01-31 09:00
    expect(
      judgeSale({ context: certified, pinned: programme }, sell({ soldAt: '2026-01-31T09:00:00.000Z', warrantyMonths: 36 }), now),
    ).toMatchObject({
      event: { warrantyMonths: 36, warranty: { months: 36, endsAt: '2029-01-31T09:00:00.000Z' } },
    });
  });

  it('an uncertified unit has only the warranty the seller gives, no DOA window, whatever programme it was pinned to', () => {
    // sold now (2026-11-30 12:00) + 3 months → 2027-02-30 does not exist → clamped to 2027-02-28 12:00; DOA 0 days → now
    const november = at('2026-11-30T12:00:00.000Z');
    expect(judgeSale({ context: purged, pinned: programme }, sell({ market: 'FR', warrantyMonths: 3 }), november)).toMatchObject({
      ok: true,
      event: { soldAt: '2026-11-30T12:00:00.000Z', warrantyMonths: 3 },
      evidence: {
        warranty: {
          months: 3,
          startsAt: '2026-11-30T12:00:00.000Z',
          endsAt: '2027-02-28T12:00:00.000Z',
          doaEndsAt: '2026-11-30T12:00:00.000Z',
          programme: null,
          market: 'FR',
        },
      },
    });
  });

  it('refuses a sale in another market than the unit is listed in (market-not-listed)', () => {
    // Listed in DE (entry 9): a sale in FR needs a new listing there; a sale in DE goes through.
    const listing: TrailEntry = {
      seq: 9,
      eventType: 'LIST',
      payload: { channel: 'web', market: 'DE', price: 1, currency: 'EUR' },
      userId: 'u',
      occurredAt: '2026-02-01T10:00:00.000Z',
    };
    expect(judgeSale({ context: purged, pinned: undefined, listing }, sell({ market: 'FR' }), now)).toEqual(
      breaks(
        'The sale breaks the programme rules.',
        'market-not-listed',
        'the unit is listed in DE, not FR: a sale in another market needs a new listing (UNLIST, then LIST there)',
      ),
    );
    expect(judgeSale({ context: purged, pinned: undefined, listing }, sell({ market: 'DE' }), now)).toMatchObject({ ok: true });
  });

  it('refuses a market the programme does not sell in (market-not-in-programme)', () => {
    expect(judgeSale({ context: certified, pinned: programme }, sell({ market: 'FR' }), now)).toEqual(
      breaks('The sale breaks the programme rules.', 'market-not-in-programme', 'lenovo-cr@3 does not sell in FR'),
    );
  });

  it('refuses a warranty shorter than the standard or longer than the maximum (warranty-out-of-terms)', () => {
    const outOfTerms = breaks(
      'The sale breaks the programme rules.',
      'warranty-out-of-terms',
      'in DE the warranty is 12 months, extendable to 36',
    );
    expect(judgeSale({ context: certified, pinned: programme }, sell({ warrantyMonths: 6 }), now)).toEqual(outOfTerms);
    expect(judgeSale({ context: certified, pinned: programme }, sell({ warrantyMonths: 48 }), now)).toEqual(outOfTerms);
  });

  it('refuses a unit whose media are not purged, a destroyed medium aside (medium-below-required-level)', () => {
    const context = unit([
      medium('validated', 'clear'),
      { serial: 'M2', status: 'destroyed', level: null, attempts: 0 },
      { serial: 'M3', status: 'pending', level: null, attempts: 0 },
    ]);
    expect(judgeSale({ context, pinned: undefined }, sell(), now)).toMatchObject({
      ok: false,
      reasons: [
        { code: 'medium-below-required-level', message: 'M1 reached clear; purge is required here' },
        { code: 'medium-below-required-level', message: 'M3 reached nothing; purge is required here' },
      ],
    });
  });

  it('a replacement under RMA carries the rest of the replaced unit’s warranty, sold now, with no DOA window', () => {
    const transfer = { fromDeviceId: 'd-old', fromLifecycleId: 'l-old', endsAt: '2027-01-31T09:00:00.000Z' };
    const may = at('2026-05-10T08:00:00.000Z');
    // the programme's markets do not matter: the warranty is the replaced unit's, ending 2027-01-31 09:00
    const warranty = {
      months: null,
      startsAt: '2026-05-10T08:00:00.000Z',
      endsAt: '2027-01-31T09:00:00.000Z',
      doaEndsAt: '2026-05-10T08:00:00.000Z',
      programme: null,
      market: 'FR',
      transferredFrom: transfer,
    };
    expect(judgeSale({ context: certified, pinned: programme }, sell({ market: 'FR', warrantyTransfer: transfer }), may)).toEqual({
      ok: true,
      event: { ...sell({ market: 'FR', warrantyTransfer: transfer }), soldAt: '2026-05-10T08:00:00.000Z', warranty },
      evidence: { warranty },
    });
    expect(
      judgeSale({ context: unit([medium('validated', 'clear')]), pinned: undefined }, sell({ warrantyTransfer: transfer }), may),
    ).toEqual(breaks('The replacement cannot leave custody.', 'medium-below-required-level', 'M1 reached clear; purge is required here'));
  });
});

describe('RETURN_TO_OWNER', () => {
  const giveBack = (warrantyMonths: number): ReturnToOwnerEvent => ({ type: 'RETURN_TO_OWNER', reference: 'RA-7', warrantyMonths });
  const cleared = unit([medium('validated', 'clear')], { certified: true });

  it('starts the contract’s warranty today; the owner may have media back at the programme’s level for owners', () => {
    // 2026-08-31 12:00 + 6 months → 2027-02-31 does not exist → clamped to 2027-02-28 12:00; clear meets the owner's level (clear)
    const warranty = {
      months: 6,
      startsAt: '2026-08-31T12:00:00.000Z',
      endsAt: '2027-02-28T12:00:00.000Z',
      doaEndsAt: '2026-08-31T12:00:00.000Z',
      programme: null,
      market: null,
      continuesFrom: null,
    };
    expect(
      judgeReturn({ context: cleared, pinned: programme, rmaResolution: undefined }, giveBack(6), at('2026-08-31T12:00:00.000Z')),
    ).toEqual({
      ok: true,
      event: { ...giveBack(6), warranty },
      evidence: { warranty },
    });
  });

  it('refuses media below the owner’s level: the programme’s, else Clear (medium-below-required-level)', () => {
    const strict = {
      ...programme,
      terms: { ...programme.terms, sanitization: { resale: 'purge' as const, returnToOwner: 'purge' as const } },
    };
    expect(
      judgeReturn({ context: cleared, pinned: strict, rmaResolution: undefined }, giveBack(6), at('2026-08-31T12:00:00.000Z')),
    ).toEqual(breaks('The return breaks the programme rules.', 'medium-below-required-level', 'M1 reached clear; purge is required here'));
    expect(
      judgeReturn(
        { context: unit([medium('pending', null)]), pinned: undefined, rmaResolution: undefined },
        giveBack(6),
        at('2026-08-31T12:00:00.000Z'),
      ),
    ).toMatchObject({
      reasons: [{ code: 'medium-below-required-level', message: 'M1 reached nothing; clear is required here' }],
    });
  });

  it('refuses a unit back under RMA until its outcome is recorded (rma-unresolved)', () => {
    expect(
      judgeReturn(
        { context: unit([], { entry: 'rma' }), pinned: undefined, rmaResolution: undefined },
        giveBack(3),
        at('2026-09-01T00:00:00.000Z'),
      ),
    ).toEqual(
      breaks(
        'The return breaks the programme rules.',
        'rma-unresolved',
        'record the RMA outcome (POST /devices/{id}/rma-resolution) before the unit goes back',
      ),
    );
  });

  it('a unit back from RMA keeps the claimant’s warranty when it runs longer than the contract’s', () => {
    const rmaResolution: TrailEntry = {
      seq: 4,
      eventType: 'RMA_RESOLVED',
      payload: { outcome: 'repaired', warranty: { endsAt: '2027-06-30T00:00:00.000Z' } },
      userId: 'u',
      occurredAt: '2026-08-30T00:00:00.000Z',
    };
    const backFromRma = { context: unit([], { entry: 'rma' as const }), pinned: undefined, rmaResolution };
    const september = at('2026-09-01T00:00:00.000Z');
    // 2026-09-01 + 3 months → 2026-12-01, before 2027-06-30: the original warranty runs on
    expect(judgeReturn(backFromRma, giveBack(3), september)).toMatchObject({
      ok: true,
      evidence: { warranty: { months: 3, endsAt: '2027-06-30T00:00:00.000Z', continuesFrom: '2027-06-30T00:00:00.000Z' } },
    });
    // 2026-09-01 + 12 months → 2027-09-01, after 2027-06-30: the contract's end
    expect(judgeReturn(backFromRma, giveBack(12), september)).toMatchObject({
      ok: true,
      evidence: { warranty: { months: 12, endsAt: '2027-09-01T00:00:00.000Z', continuesFrom: '2027-06-30T00:00:00.000Z' } },
    });
  });
});

const recorded = (seq: number, eventType: string, payload: Record<string, unknown>): TrailEntry => ({
  seq,
  eventType,
  payload,
  userId: 'u',
  occurredAt: '2026-01-01T00:00:00.000Z',
});
const sold = recorded(9, 'SELL', { warranty: { endsAt: '2027-01-31T09:00:00.000Z', doaEndsAt: '2026-02-14T09:00:00.000Z' } });

describe('OPEN_CLAIM', () => {
  const trail = [
    recorded(3, 'TEST_RESULT', { failed: ['display'] }),
    recorded(4, 'GRADE', {
      defects: [
        { code: 'scratch', zone: 'lid', severity: 2 },
        { code: 'dent', zone: 'base', severity: 1 },
      ],
    }),
    sold,
  ];
  const claim = (defectCode?: string, zone?: string): OpenClaimEvent => ({
    type: 'OPEN_CLAIM',
    symptom: 's',
    ...(defectCode ? { defectCode } : {}),
    ...(zone ? { zone } : {}),
  });

  it('refuses a defect code or zone outside the unit’s rubric and suite, naming the field and the values allowed', () => {
    // graded under no named rubric and tested under no named suite: a notebook's defaults (notebook-cosmetic@1, notebook-standard@1)
    const judged = judgeClaim({ trail, deviceClass: 'notebook' }, claim('scratchh', 'hinge-area'), at('2026-02-10T00:00:00.000Z'));
    expect(judged).toMatchObject({
      ok: false,
      reasons: [
        {
          code: 'defect-code-unknown',
          field: 'defectCode',
          allowed: expect.arrayContaining(['scratch', 'dead-key', 'battery_health_percent']),
        },
        { code: 'zone-unknown', field: 'zone', allowed: expect.arrayContaining(['lid', 'display', 'keyboard']) },
      ],
    });
    // a failed check's name is a valid claim code: the desk matches claims against tests too
    expect(judgeClaim({ trail, deviceClass: 'notebook' }, claim('display'), at('2026-02-10T00:00:00.000Z'))).toMatchObject({
      ok: true,
      evidence: { assessment: { recordedAtTest: true } },
    });
  });

  it('says a defect with the same code and zone was on record at grading, inside the DOA window', () => {
    // now 2026-02-10 < DOA end 2026-02-14 09:00; scratch on the lid is entry 4's first defect; 'scratch' and 'lid' are no failed check
    const assessment = {
      withinDoa: true,
      recordedAtGrading: true,
      gradingEntry: 4,
      gradedDefects: [{ code: 'scratch', zone: 'lid', severity: 2 }],
      recordedAtTest: false,
      testEntry: 3,
      warrantyEndsAt: '2027-01-31T09:00:00.000Z',
    };
    expect(judgeClaim({ trail, deviceClass: 'notebook' }, claim('scratch', 'lid'), at('2026-02-10T00:00:00.000Z'))).toEqual({
      ok: true,
      event: { ...claim('scratch', 'lid'), assessment },
      evidence: { assessment },
    });
  });

  it('says a fault in a zone that failed its check was on record at test, after the DOA window', () => {
    // now 2026-06-01 ≥ DOA end 2026-02-14; no dead-pixel was graded; the display check failed at entry 3
    expect(judgeClaim({ trail, deviceClass: 'notebook' }, claim('dead-pixel', 'display'), at('2026-06-01T00:00:00.000Z'))).toMatchObject({
      evidence: { assessment: { withinDoa: false, recordedAtGrading: false, gradedDefects: [], recordedAtTest: true, testEntry: 3 } },
    });
    // a scratch graded on the lid is not one on the base
    expect(judgeClaim({ trail, deviceClass: 'notebook' }, claim('scratch', 'base'), at('2026-06-01T00:00:00.000Z'))).toMatchObject({
      evidence: { assessment: { recordedAtGrading: false } },
    });
  });

  it('refuses a claim once the warranty has ended, or when there was none (outside-warranty)', () => {
    // the warranty ends at 2027-01-31 09:00: a claim at that instant is already outside
    expect(judgeClaim({ trail, deviceClass: 'notebook' }, claim(), at('2027-01-31T09:00:00.000Z'))).toEqual(
      breaks('The warranty has ended.', 'outside-warranty', 'the warranty ended at 2027-01-31T09:00:00.000Z'),
    );
    expect(judgeClaim({ trail: trail.slice(0, 2), deviceClass: 'notebook' }, claim(), at('2026-02-10T00:00:00.000Z'))).toMatchObject({
      reasons: [{ code: 'outside-warranty', message: 'the warranty ended at its start' }],
    });
  });

  it('judges by the latest warranty: a return to the owner after the sale replaces it', () => {
    const returned = recorded(12, 'RETURN_TO_OWNER', {
      warranty: { endsAt: '2027-06-30T00:00:00.000Z', doaEndsAt: '2027-02-01T00:00:00.000Z' },
    });
    // 2027-03-01 is after the sale's end (2027-01-31) but before the return's (2027-06-30)
    expect(judgeClaim({ trail: [...trail, returned], deviceClass: 'notebook' }, claim(), at('2027-03-01T00:00:00.000Z'))).toMatchObject({
      ok: true,
      evidence: { assessment: { warrantyEndsAt: '2027-06-30T00:00:00.000Z', withinDoa: false } },
    });
  });
});

describe('EXPIRE_WARRANTY', () => {
  it('refuses to expire a warranty before its end (warranty-not-due)', () => {
    expect(judgeExpiry({ sales: [sold] }, { type: 'EXPIRE_WARRANTY' }, at('2027-01-31T08:59:00.000Z'))).toEqual(
      breaks('The warranty has not ended yet.', 'warranty-not-due', 'the warranty ends at 2027-01-31T09:00:00.000Z'),
    );
  });

  it('expires a warranty from its end on, and a unit that never had one', () => {
    expect(judgeExpiry({ sales: [sold] }, { type: 'EXPIRE_WARRANTY' }, at('2027-01-31T09:00:00.000Z'))).toEqual({
      ok: true,
      event: { type: 'EXPIRE_WARRANTY' },
    });
    expect(judgeExpiry({ sales: [] }, { type: 'EXPIRE_WARRANTY' }, at('2026-01-01T00:00:00.000Z'))).toEqual({
      ok: true,
      event: { type: 'EXPIRE_WARRANTY' },
    });
  });
});
