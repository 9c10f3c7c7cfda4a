import fc from 'fast-check';
import { EFFECT_NAMES } from './effects';
import type { EffectName } from './effects';
import { machineDefinition, machineSource } from './export';
import type { LifecycleEvent } from './events';
import { applyEvent, startLifecycle, stateName, UnitSnapshot } from './lifecycle';

/*
 * The effects of an event are named by the machine (its actions). These specs hold the machine to a table
 * written independently of it: which effect each event has, with which parameters — and none when refused.
 */

const receive: LifecycleEvent = { type: 'RECEIVE', site: 'Dock 1', sealIntact: true };
const clearLocks: LifecycleEvent = { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] };
const sanitize = (result: 'pass' | 'fail'): LifecycleEvent => ({
  type: 'SANITIZE',
  mediumSerial: 'M1',
  level: 'purge',
  method: 'nvme_sanitize_crypto_erase',
  result,
});
const validate = (result?: 'pass' | 'fail'): LifecycleEvent => ({
  type: 'VALIDATE_SANITIZATION',
  mediumSerial: 'M1',
  method: 'full',
  ...(result ? { result } : {}),
});
const destroy: LifecycleEvent = {
  type: 'DESTROY_MEDIA',
  mediumSerial: 'M1',
  method: 'shred',
  witness: 'A. Witness',
  evidenceReference: 'video-7',
};
const pass: LifecycleEvent = { type: 'TEST_RESULT', suite: 'notebook-standard@1', result: 'pass' };
const grade: LifecycleEvent = { type: 'GRADE', grade: 'A' };
const certify: LifecycleEvent = { type: 'CERTIFY', programmeId: 'p-1', programmeVersion: 3, programme: 'hp-renew@3' };
const list: LifecycleEvent = { type: 'LIST', channel: 'web', market: 'FR', price: 349, currency: 'EUR' };
const warranty = { endsAt: '2027-12-01T10:00:00.000Z', doaEndsAt: '2026-12-15T10:00:00.000Z' };
const sell: LifecycleEvent = { type: 'SELL', orderReference: 'SO-1', buyer: 'Buyer SA', market: 'FR', warranty };
const returnToOwner: LifecycleEvent = { type: 'RETURN_TO_OWNER', reference: 'LEASE-9', warrantyMonths: 12, warranty };
const claim: LifecycleEvent = { type: 'OPEN_CLAIM', symptom: 'does not boot' };
const rma: LifecycleEvent = { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-1' };
const receiveRma: LifecycleEvent = { type: 'RECEIVE_RMA', site: 'Dock 2' };
const harvest: LifecycleEvent = {
  type: 'HARVEST',
  parts: [{ kind: 'ssd', serial: 'SSD-1', model: 'ssd from T14', mediaType: 'ssd', interface: 'nvme' }],
};
const decline: LifecycleEvent = { type: 'DECLINE_CERTIFICATION', reason: 'sold as-is' };
const ready = [receive, clearLocks, sanitize('pass'), validate(), pass, grade];

const run = (events: LifecycleEvent[]): UnitSnapshot =>
  events.reduce(
    (snapshot, event) => {
      const applied = applyEvent(snapshot, event);
      if (!applied.ok) throw new Error(`${event.type} refused in ${stateName(snapshot)}`);
      return applied.snapshot;
    },
    startLifecycle({ mediaSerials: ['M1'] }),
  );

const effectsOf = (before: LifecycleEvent[], event: LifecycleEvent) => {
  const applied = applyEvent(run(before), event);
  if (!applied.ok) throw new Error(`${event.type} refused`);
  return applied.effects;
};

describe('the effects the machine names', () => {
  it('a receipt ticks the takeback item', () => {
    expect(effectsOf([], receive)).toEqual([{ type: 'markTakebackItemReceived', params: undefined }]);
  });

  it('a wipe issues nothing; its passed validation issues the medium’s certificate, a failed one does not', () => {
    expect(effectsOf([receive], sanitize('pass'))).toEqual([]);
    expect(effectsOf([receive, sanitize('pass')], validate())).toEqual([{ type: 'issueCertificate', params: { mediumSerial: 'M1' } }]);
    expect(effectsOf([receive, sanitize('pass')], validate('pass'))).toEqual([
      { type: 'issueCertificate', params: { mediumSerial: 'M1' } },
    ]);
    expect(effectsOf([receive, sanitize('pass')], validate('fail'))).toEqual([]);
  });

  it('destroying a medium issues its certificate, also as the first event after receipt (raised into processing)', () => {
    expect(effectsOf([receive], destroy)).toEqual([{ type: 'issueCertificate', params: { mediumSerial: 'M1' } }]);
  });

  it('certification pins the programme version it was judged under', () => {
    expect(effectsOf(ready, certify)).toEqual([{ type: 'pinProgramme', params: { programmeId: 'p-1', programmeVersion: 3 } }]);
  });

  it('a sale and a return to the owner schedule the warranty’s end', () => {
    expect(effectsOf([...ready, certify, list], sell)).toEqual([{ type: 'scheduleWarrantyExpiry', params: { endsAt: warranty.endsAt } }]);
    expect(effectsOf([...ready, certify], returnToOwner)).toEqual([
      { type: 'scheduleWarrantyExpiry', params: { endsAt: warranty.endsAt } },
    ]);
    expect(effectsOf([...ready, decline], returnToOwner)).toEqual([
      { type: 'scheduleWarrantyExpiry', params: { endsAt: warranty.endsAt } },
    ]);
  });

  it('a unit received under RMA starts its next lifecycle at the receiving site', () => {
    expect(effectsOf([...ready, certify, list, sell, claim, rma], receiveRma)).toEqual([
      { type: 'startRmaLifecycle', params: { site: 'Dock 2' } },
    ]);
  });

  it('a harvest creates its parts as units', () => {
    expect(effectsOf([receive], harvest)).toEqual([{ type: 'createPartUnits', params: { parts: (harvest as { parts: unknown }).parts } }]);
  });

  it('a refused event names no effect', () => {
    const refused = applyEvent(run([receive]), sell);
    expect(refused.ok).toBe(false);
    expect('effects' in refused).toBe(false);
  });
});

/** The table, written apart from the machine: the effects an applied event must have. */
function expectedEffects(event: LifecycleEvent): EffectName[] {
  switch (event.type) {
    case 'RECEIVE':
      return ['markTakebackItemReceived'];
    case 'VALIDATE_SANITIZATION':
      return event.result === 'fail' ? [] : ['issueCertificate'];
    case 'DESTROY_MEDIA':
      return ['issueCertificate'];
    case 'CERTIFY':
      return ['pinProgramme'];
    case 'SELL':
    case 'RETURN_TO_OWNER':
      return ['scheduleWarrantyExpiry'];
    case 'HARVEST':
      return ['createPartUnits'];
    case 'RECEIVE_RMA':
      return ['startRmaLifecycle'];
    default:
      return [];
  }
}

const SAMPLES: LifecycleEvent[] = [
  receive,
  clearLocks,
  { type: 'LOCK_CHECK', locks: [{ kind: 'mdm', status: 'locked' }] },
  { type: 'RELEASE_LOCK', kind: 'mdm', evidence: 'ticket 42' },
  sanitize('pass'),
  sanitize('fail'),
  validate(),
  validate('fail'),
  destroy,
  pass,
  { type: 'TEST_RESULT', suite: 'notebook-standard@1', result: 'fail' },
  { type: 'START_REPAIR', reason: 'keyboard' },
  { type: 'COMPLETE_REPAIR', parts: [{ kind: 'keyboard', condition: 'genuine' }] },
  grade,
  { type: 'REGRADE', grade: 'B', reason: 'scratch' },
  certify,
  decline,
  list,
  { type: 'UNLIST' },
  sell,
  returnToOwner,
  claim,
  rma,
  { type: 'REJECT_CLAIM', reason: 'liquid damage' },
  receiveRma,
  { type: 'EXPIRE_WARRANTY' },
  harvest,
  { type: 'SEND_TO_RECYCLER', vendor: 'Shred Co', certification: 'NAID AAA', destroysData: true },
  { type: 'CONFIRM_RECYCLED', certificateReference: 'COR-1', weightKg: 2.1 },
];

describe('effects over any sequence of events', () => {
  it('every applied event has exactly the effects of the table, every refused one none', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SAMPLES), { maxLength: 40 }), (events) => {
        let snapshot = startLifecycle({ mediaSerials: ['M1'] });
        for (const event of events) {
          const applied = applyEvent(snapshot, event);
          if (!applied.ok) {
            expect('effects' in applied).toBe(false);
            continue;
          }
          expect(applied.effects.map((e) => e.type)).toEqual(expectedEffects(event));
          snapshot = applied.snapshot;
        }
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});

describe('the exported machine', () => {
  it.each(EFFECT_NAMES)('shows the effect %s in the definition and in the source Stately imports', (name) => {
    expect(machineSource()).toContain(`"type": "${name}"`);
    expect(JSON.stringify(machineDefinition().definition)).toContain(`"type":"${name}"`);
  });
});
