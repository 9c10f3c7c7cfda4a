import { judgeChronology } from '@recert/evidence';
import type { LifecycleEvent } from '@recert/lifecycle';
import type { Admitted } from '../command-context';
import { admitted } from './admitted';
import type { EvidenceContext } from './evidence-context';

/** Any event that states a time (receivedAt, completedAt, soldAt): the unit's last recorded entry, one read. */
export async function admitChronology(ev: EvidenceContext, event: LifecycleEvent): Promise<Admitted> {
  return admitted(judgeChronology({ lastEntry: await ev.lastEntry() }, event, ev.now));
}
