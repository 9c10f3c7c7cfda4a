import { createActor, ExecutableActionsFrom, initialTransition, SnapshotFrom } from 'xstate';
import { initialContext } from './context';
import type { LifecycleInput, UnitContext } from './context';
import { Effect, isEffect } from './effects';
import { EVENT_TYPES, EventType, LifecycleEvent } from './events';
import { unitMachine } from './machine';

export type UnitSnapshot = SnapshotFrom<typeof unitMachine>;

/** The JSON stored per lifecycle (jsonb); restored with `restore`. */
export type PersistedUnit = ReturnType<typeof unitMachine.getPersistedSnapshot>;

export function startLifecycle(input: LifecycleInput): UnitSnapshot {
  const [snapshot] = initialTransition(unitMachine, input);
  return snapshot;
}

export function restore(persisted: unknown): UnitSnapshot {
  return unitMachine.resolveState(persisted as Parameters<typeof unitMachine.resolveState>[0]);
}

export const persist = (snapshot: UnitSnapshot): PersistedUnit => unitMachine.getPersistedSnapshot(snapshot);

type UnitScope = Parameters<typeof unitMachine.transition>[2];
type UnitAction = ExecutableActionsFrom<typeof unitMachine>;

/**
 * XState's `transition()` builds a throw-away actor on every call — which computes a whole initial snapshot — and
 * a replay of the trail makes one call per entry, millions in a verification run. So the inert scope it builds is
 * built once here and reused: the machine invokes and spawns nothing, so its system never holds a child, and the
 * action collector is set per call (a transition is synchronous). What it computes is what `transition()` does.
 */
const inertSelf = createActor(unitMachine, { input: { mediaSerials: [] } });
const inertScope = {
  self: inertSelf,
  defer: () => {},
  id: '',
  logger: () => {},
  sessionId: '',
  stopChild: () => {},
  system: inertSelf.system,
  emit: () => {},
  actionExecutor: () => {},
} as unknown as UnitScope;

function pureTransition(current: UnitSnapshot, event: LifecycleEvent): [UnitSnapshot, UnitAction[]] {
  const actions: UnitAction[] = [];
  inertScope.actionExecutor = (action) => actions.push(action as UnitAction);
  return [unitMachine.transition(current, event, inertScope), actions];
}

export type Applied = { ok: true; snapshot: UnitSnapshot; effects: Effect[] } | { ok: false; allowed: EventType[] };

/**
 * XState's pure transition: nothing runs but the computation of the next snapshot. The actions it returns are
 * kept: the effects among them (see effects.ts) are what the caller must do, in order.
 */
export function applyEvent(current: UnitSnapshot, event: LifecycleEvent): Applied {
  if (!current.can(event)) return { ok: false, allowed: allowedEvents(current) };
  const [next, actions] = pureTransition(current, event);
  const effects = actions.filter(isEffect).map((action) => ({ type: action.type, params: action.params }) as Effect);
  return { ok: true, snapshot: next, effects };
}

/**
 * Event types that can apply now, judged on the unit's own state (payload checks come with the event). Only a type
 * some active state node has a transition for can apply, so `can` (guards included) judges those alone: every unit
 * of a page shows its allowed events (`npm run bench:allowed-events`: 18.6 µs a unit asking all 47 types, 6.1 µs so).
 */
export function allowedEvents(snapshot: UnitSnapshot): EventType[] {
  if (snapshot.status !== 'active') return [];
  const handled = new Set<string>(snapshot._nodes.flatMap(handledBy));
  return EVENT_TYPES.filter((type) => handled.has(type) && snapshot.can({ type, probe: true }));
}

type UnitStateNode = UnitSnapshot['_nodes'][number];
const handledByNode = new WeakMap<UnitStateNode, readonly string[]>();
/**
 * The event types a state node has transitions for: fixed by the machine's definition, so computed once per node.
 * A wildcard transition would handle types the node does not name: then every type (the machine has none today).
 */
function handledBy(node: UnitStateNode): readonly string[] {
  let events = handledByNode.get(node);
  if (!events) {
    events = node.ownEvents.some((type) => type.includes('*')) ? EVENT_TYPES : node.ownEvents;
    handledByNode.set(node, events);
  }
  return events;
}

/** allowedEvents without the shortcut: every type asked (the spec holds the two equal). */
export function allowedEventsAskingEveryType(snapshot: UnitSnapshot): EventType[] {
  if (snapshot.status !== 'active') return [];
  return EVENT_TYPES.filter((type) => snapshot.can({ type, probe: true }));
}

/**
 * A stable name for queries: the top state, or `top.sub` inside sold/returnedToOwner.
 * Processing is parallel; its regions are in `regionsOf`.
 */
export function stateName(snapshot: UnitSnapshot): string {
  const value = snapshot.value as string | Record<string, unknown>;
  if (typeof value === 'string') return value;
  const [top, inner] = Object.entries(value)[0];
  return typeof inner === 'string' ? `${top}.${inner}` : top;
}

export function regionsOf(snapshot: UnitSnapshot): Record<string, string> | null {
  const value = snapshot.value as string | Record<string, unknown>;
  return typeof value === 'object' && typeof value.processing === 'object' ? (value.processing as Record<string, string>) : null;
}

export const isTerminal = (snapshot: UnitSnapshot) => snapshot.status === 'done';
export const contextOf = (snapshot: UnitSnapshot): UnitContext => snapshot.context;

const initialByEntry = new Map<string, PersistedUnit>();

/**
 * The persisted first snapshot of a lifecycle, for bulk intake. Where a lifecycle starts depends only on how
 * it began (takeback or RMA), never on its media, so the machine runs once per kind of entry and each unit
 * gets that snapshot with its own context. A spec holds this equal to `persist(startLifecycle(input))`.
 */
export function initialPersisted(input: LifecycleInput): PersistedUnit {
  const entry = input.entry ?? 'takeback';
  let template = initialByEntry.get(entry);
  if (!template) {
    template = persist(startLifecycle({ mediaSerials: [], entry }));
    initialByEntry.set(entry, template);
  }
  return { ...template, context: initialContext(input) } as unknown as PersistedUnit;
}
