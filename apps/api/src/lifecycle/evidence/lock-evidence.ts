import { judgeLockCheck, judgeLockRelease } from '@recert/evidence';
import type { LockCheckEvent, ReleaseLockEvent } from '@recert/lifecycle';
import type { Admitted } from '../command-context';
import { admitted } from './admitted';
import type { EvidenceContext } from './evidence-context';

/** LOCK_CHECK and RELEASE_LOCK need no facts: the vocabulary of lock kinds decides. */
export const admitLockCheck = async (_ev: EvidenceContext, event: LockCheckEvent): Promise<Admitted> => admitted(judgeLockCheck(event));

export const admitLockRelease = async (_ev: EvidenceContext, event: ReleaseLockEvent): Promise<Admitted> =>
  admitted(judgeLockRelease(event));
