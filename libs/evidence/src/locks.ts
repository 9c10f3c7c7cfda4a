import { LOCK_KINDS } from '@recert/lifecycle';
import type { LockCheckEvent, ReleaseLockEvent } from '@recert/lifecycle';
import { admit, Judgement, refuse } from './judgement';
import { unknownValue, unknownValues } from './vocabulary';

/** LOCK_CHECK: every lock reported is of a known kind (a typo would hide a lock from certification's lock rule). */
export function judgeLockCheck(event: LockCheckEvent): Judgement<LockCheckEvent> {
  const reasons = unknownValues(
    'lock-kind-unknown',
    event.locks.map((l, i) => [`locks[${i}].kind`, l.kind]),
    LOCK_KINDS,
    'the lock kinds',
  );
  return reasons.length ? refuse('A lock kind is not in the vocabulary of lock kinds.', reasons) : admit(event);
}

/** RELEASE_LOCK: the lock released is of a known kind. */
export function judgeLockRelease(event: ReleaseLockEvent): Judgement<ReleaseLockEvent> {
  if ((LOCK_KINDS as readonly string[]).includes(event.kind)) return admit(event);
  return refuse('The lock kind is not in the vocabulary of lock kinds.', [
    unknownValue('lock-kind-unknown', 'kind', event.kind, LOCK_KINDS, 'the lock kinds'),
  ]);
}
