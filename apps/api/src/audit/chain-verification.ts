import canonicalize from 'canonicalize';
import { findChainBreak, HashedAuditRecord } from '@recert/audit';
import { applyEvent, LifecycleEvent, MACHINE_VERSION, persist, startLifecycle, stateName, UnitSnapshot } from '@recert/lifecycle';
import { GenesisPayload, LIFECYCLE_STARTED, RECORD_ONLY_ENTRIES } from '../lifecycle/genesis';
import type { LifecycleHead } from './history.repository';

export type Verification =
  { ok: true; lifecycles: number; events: number; head: string | null } | { ok: false; lifecycleId: string; seq: number; reason: string };

/**
 * Checks a unit's trail twice over: the hash chain (content, links, numbering, heads) and a replay of every
 * event through the machine from the start, which must reach each recorded state and the stored snapshot.
 */
export function verifyTrail(records: HashedAuditRecord[], lifecycles: LifecycleHead[], options: { replay?: boolean } = {}): Verification {
  const broken = findChainBreak(records);
  if (broken) return { ok: false, ...broken };

  for (const lifecycle of lifecycles) {
    const own = records.filter((r) => r.lifecycleId === lifecycle.id);
    const last = own.at(-1);
    if (!last || last.seq !== lifecycle.lastSeq || last.hash !== lifecycle.lastHash) {
      return {
        ok: false,
        lifecycleId: lifecycle.id,
        seq: (last?.seq ?? 0) + 1,
        reason: `the lifecycle's head is seq ${lifecycle.lastSeq}, but the trail ends at seq ${last?.seq ?? 0}: entries are missing`,
      };
    }
    // A caller that replayed these very heads before may skip the replay: the hash chain above still ran.
    if (options.replay === false) continue;
    const replayed = replay(own);
    if ('reason' in replayed) return { ok: false, lifecycleId: lifecycle.id, ...replayed };
    if (canonicalize(persist(replayed.snapshot)) !== canonicalize(lifecycle.snapshot)) {
      return {
        ok: false,
        lifecycleId: lifecycle.id,
        seq: lifecycle.lastSeq,
        reason: 'replaying the events does not give the stored snapshot',
      };
    }
  }
  return { ok: true, lifecycles: lifecycles.length, events: records.length, head: records.at(-1)?.hash ?? null };
}

function replay(records: HashedAuditRecord[]): { snapshot: UnitSnapshot } | { seq: number; reason: string } {
  const [first, ...events] = records;
  if (first.eventType !== LIFECYCLE_STARTED) return { seq: first.seq, reason: `a lifecycle must begin with ${LIFECYCLE_STARTED}` };
  let snapshot = startLifecycle((first.payload as GenesisPayload).input);
  if (stateName(snapshot) !== first.toState)
    return { seq: first.seq, reason: `the machine starts in ${stateName(snapshot)}, the trail says ${first.toState}` };
  for (const record of events) {
    if (record.machineVersion !== MACHINE_VERSION)
      return { seq: record.seq, reason: `recorded under ${record.machineVersion}; this server replays ${MACHINE_VERSION}` };
    if (record.fromState !== stateName(snapshot))
      return { seq: record.seq, reason: `recorded from ${record.fromState}, but the replay is in ${stateName(snapshot)}` };
    if ((RECORD_ONLY_ENTRIES as readonly string[]).includes(record.eventType)) {
      if (record.toState !== record.fromState) return { seq: record.seq, reason: `${record.eventType} cannot change the state` };
      continue;
    }
    const applied = applyEvent(snapshot, { type: record.eventType, ...record.payload } as LifecycleEvent);
    if (!applied.ok) return { seq: record.seq, reason: `the machine refuses ${record.eventType} in ${stateName(snapshot)}` };
    snapshot = applied.snapshot;
    if (stateName(snapshot) !== record.toState)
      return { seq: record.seq, reason: `the replay reaches ${stateName(snapshot)}, the trail says ${record.toState}` };
  }
  return { snapshot };
}
