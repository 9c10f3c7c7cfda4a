import { randomUUID } from 'node:crypto';
import { hashAuditRecord, HashedAuditRecord } from '@recert/audit';
import { initialPersisted, LifecycleInput, MACHINE_VERSION, PersistedUnit, restore, stateName } from '@recert/lifecycle';

/** The first entry of every lifecycle: how it began, with the input the machine started from (for replay). */
export const LIFECYCLE_STARTED = 'LIFECYCLE_STARTED';

/** Trail entries that record a fact about the unit without a machine event: its state stays as it was. */
export const RECORD_ONLY_ENTRIES = ['CUSTODY_HANDOFF_REQUESTED', 'CUSTODY_TRANSFERRED', 'RMA_RESOLVED', 'USAGE_RECORDED'] as const;
export type RecordOnlyEntry = (typeof RECORD_ONLY_ENTRIES)[number];

export interface GenesisPayload extends Record<string, unknown> {
  input: LifecycleInput;
  takebackId: string | null;
  custodianOrganisationId: string;
  site: string;
  number: number;
}

export interface Genesis {
  lifecycleId: string;
  state: string;
  snapshot: PersistedUnit;
  record: HashedAuditRecord;
}

export function genesis(args: {
  deviceId: string;
  payload: GenesisPayload;
  actor: Record<string, unknown> | null;
  requestId: string | null;
  occurredAt: string;
  /** The last hash of the unit's previous lifecycle: one chain per unit, across its lifecycles. */
  prevHash: string | null;
}): Genesis {
  const lifecycleId = randomUUID();
  const snapshot = initialPersisted(args.payload.input);
  const record = {
    deviceId: args.deviceId,
    lifecycleId,
    seq: 1,
    eventType: LIFECYCLE_STARTED,
    payload: args.payload,
    fromState: null,
    toState: initialStateName(args.payload.input.entry ?? 'takeback'),
    actor: args.actor,
    requestId: args.requestId,
    machineVersion: MACHINE_VERSION,
    occurredAt: args.occurredAt,
    prevHash: args.prevHash,
  };
  return { lifecycleId, state: record.toState, snapshot, record: { ...record, hash: hashAuditRecord(record) } };
}

const initialStates = new Map<string, string>();
const initialStateName = (entry: string) => {
  if (!initialStates.has(entry))
    initialStates.set(entry, stateName(restore(initialPersisted({ mediaSerials: [], entry: entry as LifecycleInput['entry'] }))));
  return initialStates.get(entry)!;
};
