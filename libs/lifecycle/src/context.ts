import type { LockKind, SanitizationLevel } from './events';

export type MediumStatus = 'pending' | 'sanitized' | 'failed' | 'validated' | 'destroyed';

export interface MediumProgress {
  serial: string;
  status: MediumStatus;
  level: SanitizationLevel | null;
  attempts: number;
}

export type Condition = 'untested' | 'passed' | 'failed' | 'repairing';

/** What the machine needs to remember about one pass of a unit; evidence itself lives in the audit trail. */
export interface UnitContext {
  /** How this lifecycle began: a takeback manifest, a unit back under RMA, or a part harvested from a donor (both already received). */
  entry: LifecycleEntry;
  media: MediumProgress[];
  locks: { checked: boolean; blocking: LockKind[] };
  condition: Condition;
  grade: string | null;
  certified: boolean;
  programme: string | null;
}

export type LifecycleEntry = 'takeback' | 'rma' | 'harvest';

export interface LifecycleInput {
  mediaSerials: string[];
  entry?: LifecycleEntry;
  /** A harvested storage part: the donor's record of its medium, which the part's lifecycle continues from. */
  media?: MediumProgress[];
}

/**
 * `input` is optional on purpose: XState's pure `transition()` builds a throw-away actor that computes an
 * initial snapshot without input on every call; throwing there costs more than the transition itself.
 */
export function initialContext(input: LifecycleInput | undefined): UnitContext {
  return {
    entry: input?.entry ?? 'takeback',
    media:
      input?.media?.map((m) => ({ serial: m.serial, status: m.status, level: m.level, attempts: m.attempts })) ??
      (input?.mediaSerials ?? []).map((serial) => ({ serial, status: 'pending', level: null, attempts: 0 })),
    locks: { checked: false, blocking: [] },
    condition: 'untested',
    grade: null,
    certified: false,
    programme: null,
  };
}

/** A medium is safe once its wipe is verified, or once it is destroyed. */
export const isMediumSafe = (medium: MediumProgress) => medium.status === 'validated' || medium.status === 'destroyed';
export const isDataSafe = (context: UnitContext) => context.media.every(isMediumSafe);
