import { CarbonLedger } from '../carbon/carbon-ledger.service';
import { persist, startLifecycle } from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import type { Transaction, Transactions } from '../database/transaction';
import type { LicenceGate } from '../licences/licence-gate.service';
import type { MetricsService } from '../metrics/metrics.service';
import type { LockedUnit } from './command-context';
import type { EffectRunner } from './effects.service';
import type { EvidenceGate } from './evidence/evidence-gate';
import { LifecycleCommandService } from './lifecycle-command.service';
import type { LifecycleRepository } from './lifecycle.repository';

const caller = { keyId: 'k', userId: 'u', organisationId: 'org', organisationKind: 'refurbishment_centre', role: 'admin' } as Caller;
const unit: LockedUnit = {
  deviceId: 'd1',
  brand: 'hp',
  deviceClass: 'notebook',
  model: 'EliteBook',
  market: null,
  lifecycleId: 'l1',
  number: 1,
  state: 'expected',
  snapshot: persist(startLifecycle({ mediaSerials: ['M1'] })),
  version: 1,
  lastSeq: 1,
  lastHash: 'h1',
  custodianOrganisationId: 'org',
  site: 'Dock',
  takebackId: 't1',
  programmeId: null,
  programmeVersion: null,
};

function pipeline() {
  const tx = {} as Transaction;
  const lifecycles = { lockUnit: jest.fn(async () => unit), saveTransition: jest.fn(async () => undefined) };
  const effects = { run: jest.fn(async () => ({})) };
  const service = new LifecycleCommandService(
    { run: (work: (t: Transaction) => Promise<unknown>) => work(tx) } as unknown as Transactions,
    lifecycles as unknown as LifecycleRepository,
    { transitions: { inc: jest.fn() }, idempotencyReplays: { inc: jest.fn() } } as unknown as MetricsService,
    { decide: jest.fn(async () => null), logDenial: jest.fn(async (error: unknown) => Promise.reject(error)) } as unknown as LicenceGate,
    { admit: jest.fn(async (_tx, command: { event: unknown }) => ({ event: command.event })) } as unknown as EvidenceGate,
    effects as unknown as EffectRunner,
    { store: jest.fn(async () => undefined) } as unknown as CarbonLedger,
  );
  return { service, lifecycles, effects };
}

describe('the command pipeline', () => {
  it('runs the effects the machine named, after the entry is saved', async () => {
    const { service, lifecycles, effects } = pipeline();
    await service.apply(caller, 'd1', { type: 'RECEIVE', site: 'Dock', sealIntact: true }, { requestId: null });
    expect(lifecycles.saveTransition).toHaveBeenCalledTimes(1);
    expect(effects.run).toHaveBeenCalledWith(
      expect.objectContaining({ unit, entry: expect.objectContaining({ seq: 2, eventType: 'RECEIVE' }) }),
      [{ type: 'markTakebackItemReceived', params: undefined }],
    );
    expect(lifecycles.saveTransition.mock.invocationCallOrder[0]).toBeLessThan(effects.run.mock.invocationCallOrder[0]);
  });

  it('runs no effect and saves nothing for an event the machine refuses', async () => {
    const { service, lifecycles, effects } = pipeline();
    const refused = service.apply(caller, 'd1', { type: 'SELL', orderReference: 'SO', buyer: 'B', market: 'FR' }, { requestId: null });
    await expect(refused).rejects.toEqual(expect.objectContaining({ code: DomainErrorCode.InvalidTransition }));
    await refused.catch((error: unknown) => expect(error).toBeInstanceOf(DomainError));
    expect(lifecycles.saveTransition).not.toHaveBeenCalled();
    expect(effects.run).not.toHaveBeenCalled();
  });
});
