import { LOCK_KINDS } from '@recert/lifecycle';
import { judgeLockCheck, judgeLockRelease } from './locks';

describe('lock kinds are a closed vocabulary', () => {
  it('LOCK_CHECK refuses an unknown kind with its path and the kinds allowed, and keeps a known one as sent', () => {
    // "bios_pasword" is a typo of bios_password: recorded as is, certification would not know the unit is locked
    const event = {
      type: 'LOCK_CHECK' as const,
      locks: [
        { kind: 'mdm' as const, status: 'locked' as const },
        { kind: 'bios_pasword' as never, status: 'locked' as const },
      ],
    };
    expect(judgeLockCheck(event)).toMatchObject({
      ok: false,
      refusal: 'evidence-rejected',
      reasons: [{ code: 'lock-kind-unknown', field: 'locks[1].kind', allowed: LOCK_KINDS }],
    });
    expect(judgeLockCheck({ ...event, locks: [event.locks[0]] })).toEqual({ ok: true, event: { ...event, locks: [event.locks[0]] } });
  });

  it('RELEASE_LOCK refuses an unknown kind (lock-kind-unknown)', () => {
    expect(judgeLockRelease({ type: 'RELEASE_LOCK', kind: 'icloud' as never, evidence: 'ticket 7' })).toMatchObject({
      ok: false,
      reasons: [{ code: 'lock-kind-unknown', field: 'kind' }],
    });
    expect(judgeLockRelease({ type: 'RELEASE_LOCK', kind: 'mdm', evidence: 'ticket 7' }).ok).toBe(true);
  });
});
