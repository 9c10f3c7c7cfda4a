import type { HashedAuditRecord } from '@recert/audit';
import type { Caller } from '../auth/caller';
import type { CertificateIssuer } from '../certificates/certificate-issuer.service';
import type { Transaction } from '../database/transaction';
import type { TakebackItems } from '../takebacks/takeback-items.service';
import type { WarrantySchedule } from '../warranty/warranty-schedule.service';
import type { LockedUnit } from './command-context';
import { EffectRunner } from './effects.service';
import type { LifecycleRepository } from './lifecycle.repository';
import type { NewLifecycles } from './new-lifecycles.service';

const tx = {} as Transaction;
const caller = { keyId: 'k', userId: 'u', organisationId: 'org', organisationKind: 'refurbishment_centre', role: 'technician' } as Caller;
const unit = { deviceId: 'd1', lifecycleId: 'l1', takebackId: 't1', number: 1 } as LockedUnit;
const entry = { seq: 7, hash: 'h7', occurredAt: '2026-12-01T10:00:00.000Z' } as HashedAuditRecord;

function runner() {
  const lifecycles = { pinProgramme: jest.fn(async () => undefined) };
  const newLifecycles = {
    parts: jest.fn(async () => ['p1', 'p2']),
    rma: jest.fn(async () => ({ id: 'l2', state: 'received', allowedEvents: [] })),
  };
  const takebackItems = { markReceived: jest.fn(async () => undefined) };
  const warranty = { expireAt: jest.fn(async () => undefined) };
  const certificates = { issue: jest.fn(async () => 'cert-1') };
  const effects = new EffectRunner(
    lifecycles as unknown as LifecycleRepository,
    newLifecycles as unknown as NewLifecycles,
    takebackItems as unknown as TakebackItems,
    warranty as unknown as WarrantySchedule,
    certificates as unknown as CertificateIssuer,
  );
  return { effects, lifecycles, newLifecycles, takebackItems, warranty, certificates };
}

const ctx = (u: LockedUnit = unit) => ({ tx, caller, unit: u, entry, requestId: 'r1' });

describe('the effect handlers', () => {
  it('tick the takeback item at the entry’s time, only for a unit that came with a takeback', async () => {
    const r = runner();
    await r.effects.run(ctx(), [{ type: 'markTakebackItemReceived', params: {} }]);
    expect(r.takebackItems.markReceived).toHaveBeenCalledWith(tx, { takebackId: 't1', deviceId: 'd1', at: entry.occurredAt });
    await r.effects.run(ctx({ ...unit, takebackId: null }), [{ type: 'markTakebackItemReceived', params: {} }]);
    expect(r.takebackItems.markReceived).toHaveBeenCalledTimes(1);
  });

  it('issue the certificate pointing at the entry that completed the medium, and answer its id', async () => {
    const r = runner();
    expect(await r.effects.run(ctx(), [{ type: 'issueCertificate', params: { mediumSerial: 'M1' } }])).toEqual({ certificateId: 'cert-1' });
    expect(r.certificates.issue).toHaveBeenCalledWith(tx, { deviceId: 'd1', lifecycleId: 'l1', mediumSerial: 'M1', seq: 7, hash: 'h7' });
  });

  it('schedule the warranty’s end for this lifecycle and pin the programme', async () => {
    const r = runner();
    await r.effects.run(ctx(), [
      { type: 'scheduleWarrantyExpiry', params: { endsAt: '2027-12-01T00:00:00.000Z' } },
      { type: 'pinProgramme', params: { programmeId: 'p', programmeVersion: 2 } },
    ]);
    expect(r.warranty.expireAt).toHaveBeenCalledWith(tx, { deviceId: 'd1', lifecycleId: 'l1', endsAt: '2027-12-01T00:00:00.000Z' });
    expect(r.lifecycles.pinProgramme).toHaveBeenCalledWith(tx, 'l1', { id: 'p', version: 2 });
  });

  it('create part units with the harvest entry as their lineage, and start the RMA lifecycle chained to the entry', async () => {
    const r = runner();
    const parts = [{ kind: 'ram', serial: 'R1', model: 'ram' }];
    expect(await r.effects.run(ctx(), [{ type: 'createPartUnits', params: { parts } }])).toEqual({ createdDeviceIds: ['p1', 'p2'] });
    expect(r.newLifecycles.parts).toHaveBeenCalledWith({ tx, caller, requestId: 'r1', at: entry.occurredAt }, unit, parts, 7);
    const produced = await r.effects.run(ctx(), [{ type: 'startRmaLifecycle', params: { site: 'Dock 2' } }]);
    expect(produced.nextLifecycle?.id).toBe('l2');
    expect(r.newLifecycles.rma).toHaveBeenCalledWith({ tx, caller, requestId: 'r1', at: entry.occurredAt }, unit, 'Dock 2', 'h7');
  });

  it('run nothing when the machine named nothing', async () => {
    const r = runner();
    expect(await r.effects.run(ctx(), [])).toEqual({});
    for (const mock of [
      r.takebackItems.markReceived,
      r.certificates.issue,
      r.warranty.expireAt,
      r.lifecycles.pinProgramme,
      r.newLifecycles.parts,
      r.newLifecycles.rma,
    ]) {
      expect(mock).not.toHaveBeenCalled();
    }
  });
});
