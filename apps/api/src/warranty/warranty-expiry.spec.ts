import { DomainError, DomainErrorCode } from '../common/domain-error';
import type { IdentityService } from '../identity/identity.service';
import type { LifecycleCommandService } from '../lifecycle/lifecycle-command.service';
import { WarrantyExpiry } from './warranty-expiry';
import type { WarrantyExpiryRepository } from './warranty-expiry.repository';

const job = { deviceId: 'd1', lifecycleId: 'l1' };

/** The unit as the job finds it, and what applying EXPIRE_WARRANTY does. */
function expiryWith(unit: { current: string; state: string } | undefined, apply: () => Promise<unknown>) {
  const expiries = {
    currentLifecycle: jest.fn(async () => unit && { lifecycleId: unit.current, state: unit.state }),
  } as unknown as WarrantyExpiryRepository;
  const identity = {
    serviceCaller: jest.fn(async () => ({
      keyId: 'scheduler',
      userId: 'scheduler-user',
      organisationId: 'platform',
      organisationKind: 'platform',
      role: 'admin',
    })),
  } as unknown as IdentityService;
  const commands = { apply: jest.fn(apply) } as unknown as LifecycleCommandService & { apply: jest.Mock };
  return { expiry: new WarrantyExpiry(commands, expiries, identity), commands };
}

describe('the warranty expiry job', () => {
  it('expires the warranty of the lifecycle it was scheduled for, as the platform’s scheduler user', async () => {
    const { expiry, commands } = expiryWith({ current: 'l1', state: 'sold.warrantyActive' }, async () => ({}));
    expect(await expiry.run(job)).toBe('expired');
    expect(commands.apply).toHaveBeenCalledWith(
      expect.objectContaining({ userId: 'scheduler-user', organisationId: 'platform', organisationKind: 'platform', role: 'admin' }),
      'd1',
      { type: 'EXPIRE_WARRANTY' },
      { requestId: 'warranty-expiry:l1' },
    );
  });

  it('leaves a unit alone that has begun another lifecycle (RMA) or is gone', async () => {
    expect(await expiryWith({ current: 'l2', state: 'received' }, async () => ({})).expiry.run(job)).toBe('superseded');
    expect(await expiryWith(undefined, async () => ({})).expiry.run(job)).toBe('superseded');
  });

  it('postpones while a claim is open or an RMA authorised, also when the state moved under it', async () => {
    const { expiry, commands } = expiryWith({ current: 'l1', state: 'returnedToOwner.claimOpen' }, async () => ({}));
    expect(await expiry.run(job)).toBe('postponed');
    expect(commands.apply).not.toHaveBeenCalled();
    const raced = expiryWith({ current: 'l1', state: 'sold.warrantyActive' }, async () => {
      throw new DomainError(DomainErrorCode.InvalidTransition, 'no', { state: 'sold.rmaAuthorized' });
    });
    expect(await raced.expiry.run(job)).toBe('postponed');
  });

  it('is done when the warranty already expired, and lets other failures through for a retry', async () => {
    const done = expiryWith({ current: 'l1', state: 'sold.warrantyActive' }, async () => {
      throw new DomainError(DomainErrorCode.InvalidTransition, 'no', { state: 'warrantyExpired' });
    });
    expect(await done.expiry.run(job)).toBe('superseded');
    const failing = expiryWith({ current: 'l1', state: 'sold.warrantyActive' }, async () => {
      throw new Error('connection lost');
    });
    await expect(failing.expiry.run(job)).rejects.toThrow('connection lost');
  });
});
