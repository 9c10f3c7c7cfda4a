import { transition as transition_ } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { LifecycleEvent, stateName, unitMachine, UnitSnapshot } from '@recert/lifecycle';
import { certify, grade, sanitize, testResult, validate } from './evidence';

/** One concrete event of each kind the machine distinguishes, for a unit with a single medium "M1". */
export const SAMPLE_EVENTS: LifecycleEvent[] = [
  { type: 'RECEIVE', site: 'Dock 1', sealIntact: true },
  { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
  { type: 'LOCK_CHECK', locks: [{ kind: 'mdm', status: 'locked' }] },
  { type: 'RELEASE_LOCK', kind: 'mdm', evidence: 'release ticket 42' },
  { type: 'SANITIZE', mediumSerial: 'M1', level: 'purge', method: 'nvme_sanitize_crypto_erase', result: 'pass' },
  { type: 'SANITIZE', mediumSerial: 'M1', level: 'purge', method: 'nvme_sanitize_block_erase', result: 'fail' },
  { type: 'VALIDATE_SANITIZATION', mediumSerial: 'M1', method: 'full' },
  { type: 'VALIDATE_SANITIZATION', mediumSerial: 'M1', method: 'full', result: 'fail' },
  { type: 'DESTROY_MEDIA', mediumSerial: 'M1', method: 'shred', witness: 'A. Witness', evidenceReference: 'video-7' },
  { type: 'TEST_RESULT', suite: 'notebook-standard@1', result: 'pass' },
  { type: 'TEST_RESULT', suite: 'notebook-standard@1', result: 'fail' },
  { type: 'START_REPAIR', reason: 'keyboard dead' },
  { type: 'COMPLETE_REPAIR', parts: [{ kind: 'keyboard', condition: 'genuine', serial: 'KB-1' }] },
  { type: 'GRADE', grade: 'A' },
  { type: 'REGRADE', grade: 'B', reason: 'scratch found on lid' },
  { type: 'CERTIFY', programme: 'certified-refurbished@1' },
  { type: 'DECLINE_CERTIFICATION', reason: 'sold as-is' },
  { type: 'LIST', channel: 'web', market: 'FR', price: 349, currency: 'EUR' },
  { type: 'UNLIST', reason: 'price change' },
  { type: 'SELL', orderReference: 'SO-1', buyer: 'Buyer SA', market: 'FR', warrantyMonths: 12 },
  { type: 'RETURN_TO_OWNER', reference: 'LEASE-9', warrantyMonths: 6 },
  { type: 'OPEN_CLAIM', symptom: 'does not boot' },
  { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-1' },
  { type: 'REJECT_CLAIM', reason: 'liquid damage' },
  { type: 'RECEIVE_RMA', site: 'Dock 2' },
  { type: 'EXPIRE_WARRANTY' },
  { type: 'HARVEST', parts: [{ kind: 'ram', serial: 'RAM-1' }] },
  { type: 'SEND_TO_RECYCLER', vendor: 'Green Metals', certification: 'R2v3', destroysData: false },
  { type: 'SEND_TO_RECYCLER', vendor: 'Shred Co', certification: 'NAID AAA', destroysData: true },
  { type: 'CONFIRM_RECYCLED', certificateReference: 'COR-1', weightKg: 2.1 },
];

export interface SubmissionContext {
  programmeId: string;
  /**
   * The path expires the warranty: listed and sold in a market whose term is 0 months (EXPIRY_MARKET; a sale
   * cannot be dated before the unit's trail), the return carries no warranty.
   */
  expires: boolean;
  /** Harvested part serials must be unique across runs (the random end of a UUIDv7, not its time-ordered start). */
  unique: string;
}

/** A market the programme of the paths sells in with a warranty of 0 months: a sale there is due to expire at once. */
export const EXPIRY_MARKET = { market: 'ZZ', warrantyMonths: 0, extendableToMonths: 0, doaDays: 0 };

/**
 * What a client submits for a machine event: the evidence the server turns into it (a passing or failing
 * wipe, healthy or failing measurements, defects giving grade A or B, the programme's id…).
 */
export function submissionOf(event: LifecycleEvent, ctx: SubmissionContext): Record<string, unknown> {
  switch (event.type) {
    case 'SANITIZE':
      return sanitize(event.mediumSerial, { method: event.method, result: event.result });
    case 'VALIDATE_SANITIZATION':
      return validate(event.mediumSerial, event.result ? { result: event.result } : {});
    case 'TEST_RESULT':
      return testResult(event.result === 'pass' ? {} : { battery_health_percent: 50 });
    case 'GRADE':
      return grade([]);
    case 'REGRADE':
      return { ...grade([{ code: 'scratch', zone: 'lid', severity: 2 }]), type: 'REGRADE', reason: event.reason };
    case 'CERTIFY':
      return certify(ctx.programmeId);
    case 'LIST':
      return ctx.expires ? { ...event, market: EXPIRY_MARKET.market } : { ...event };
    case 'SELL':
      return ctx.expires ? { ...event, market: EXPIRY_MARKET.market, warrantyMonths: 0 } : { ...event };
    case 'RETURN_TO_OWNER':
      return ctx.expires ? { ...event, warrantyMonths: 0 } : { ...event };
    case 'HARVEST':
      return { ...event, parts: event.parts.map((p) => ({ ...p, serial: `${p.serial}-${ctx.unique}` })) };
    default:
      return { ...event };
  }
}

export const MODEL_INPUT = { mediaSerials: ['M1'] };

/** The leaf states a snapshot is in, e.g. `processing.locks.cleared`, `sold.claimOpen`. */
export function activeLeaves(snapshot: UnitSnapshot): string[] {
  const walk = (value: unknown, prefix: string): string[] =>
    typeof value === 'string'
      ? [`${prefix}${value}`]
      : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => walk(v, `${prefix}${k}.`));
  return walk(snapshot.value, '');
}

interface NodeLike {
  key: string;
  type: string;
  states: Record<string, NodeLike>;
  config: { on?: Record<string, unknown> };
}

function nodes(): Array<{ path: string; node: NodeLike }> {
  const out: Array<{ path: string; node: NodeLike }> = [];
  const walk = (node: NodeLike, path: string) => {
    out.push({ path, node });
    for (const [key, child] of Object.entries(node.states)) walk(child, path ? `${path}.${key}` : key);
  };
  walk(unitMachine.root as unknown as NodeLike, '');
  return out;
}

/** Every leaf state of the machine, except the transient routing states (never at rest). */
export const machineLeaves = () =>
  nodes()
    .filter(({ node }) => Object.keys(node.states).length === 0 && node.key !== 'routing')
    .map(({ path }) => path);

/** Every (state, event) pair for which the machine defines a transition. */
export const machineTransitions = () =>
  nodes().flatMap(({ path, node }) => Object.keys(node.config.on ?? {}).map((type) => `${path || '(root)'} --${type}-->`));

/** Transitions taken by an event in a snapshot: those defined on any active leaf or its ancestors. */
function transitionsTaken(snapshot: UnitSnapshot, event: LifecycleEvent): string[] {
  const defined = new Set(machineTransitions());
  const taken = new Set<string>();
  for (const leaf of activeLeaves(snapshot)) {
    const parts = leaf.split('.');
    for (let i = parts.length; i > 0; i--) {
      const key = `${parts.slice(0, i).join('.')} --${event.type}-->`;
      if (defined.has(key)) taken.add(key);
    }
  }
  return [...taken];
}

export interface ModelPath {
  events: LifecycleEvent[];
  /** stateName after each event. */
  states: string[];
  final: UnitSnapshot;
}

/**
 * Shortest paths through the machine (xstate/graph), reduced greedily to a set that still reaches every
 * leaf state and takes every defined transition at least once.
 */
export function coveringPaths(): { paths: ModelPath[]; missedLeaves: string[]; missedTransitions: string[] } {
  const all = getShortestPaths(unitMachine, {
    input: MODEL_INPUT,
    events: SAMPLE_EVENTS as never,
    // Attempt counters grow without bound; two snapshots differing only there are the same state here.
    serializeState: (s) => JSON.stringify([s.value, { ...s.context, media: s.context.media.map((m) => [m.serial, m.status, m.level]) }]),
  });
  const leaves = new Set(machineLeaves());
  const transitions = new Set(machineTransitions());
  const chosen: ModelPath[] = [];
  const sorted = [...all].sort((a, b) => b.steps.length - a.steps.length);
  for (const path of sorted) {
    const seenLeaves = new Set<string>();
    const seenTransitions = new Set<string>();
    let previous: UnitSnapshot | undefined;
    for (const step of path.steps) {
      const snapshot = step.state as UnitSnapshot;
      if (previous) transitionsTaken(previous, step.event as LifecycleEvent).forEach((t) => seenTransitions.add(t));
      activeLeaves(snapshot).forEach((l) => seenLeaves.add(l));
      previous = snapshot;
    }
    const adds = [...seenLeaves].some((l) => leaves.has(l)) || [...seenTransitions].some((t) => transitions.has(t));
    if (!adds) continue;
    seenLeaves.forEach((l) => leaves.delete(l));
    seenTransitions.forEach((t) => transitions.delete(t));
    const steps = path.steps.slice(1);
    chosen.push({
      events: steps.map((s) => s.event as LifecycleEvent),
      states: steps.map((s) => stateName(s.state as UnitSnapshot)),
      final: path.state as UnitSnapshot,
    });
  }
  // Transitions into states reached another way first: extend the shortest path to a state that can take them.
  const byLength = [...all].sort((a, b) => a.steps.length - b.steps.length);
  for (const transition of [...transitions]) {
    const type = /^.* --(.*)-->$/.exec(transition)![1];
    for (const path of byLength) {
      const snapshot = path.state as UnitSnapshot;
      const event = SAMPLE_EVENTS.find((e) => e.type === type && snapshot.can(e));
      if (!event || !transitionsTaken(snapshot, event).includes(transition)) continue;
      const [next] = transition_(unitMachine, snapshot, event);
      const steps = path.steps.slice(1);
      chosen.push({
        events: [...steps.map((s) => s.event as LifecycleEvent), event],
        states: [...steps.map((s) => stateName(s.state as UnitSnapshot)), stateName(next)],
        final: next,
      });
      transitions.delete(transition);
      break;
    }
  }
  return { paths: chosen, missedLeaves: [...leaves], missedTransitions: [...transitions] };
}
