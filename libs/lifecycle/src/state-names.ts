import { unitMachine } from './machine';

/**
 * Every name `stateName` can store for a lifecycle (top states, and `top.sub` where a top state is compound but
 * not parallel), read from the machine itself so a new state needs no second list.
 */
export const STORED_STATE_NAMES: readonly string[] = Object.entries(unitMachine.root.states).flatMap(([top, node]) =>
  node.type === 'compound' ? [top, ...Object.keys(node.states).map((sub) => `${top}.${sub}`)] : [top],
);

/** The state names a list filter accepts: a top state (which matches its sub-states too) or a stored name. */
export const FILTERABLE_STATE_NAMES: readonly string[] = [...new Set([...Object.keys(unitMachine.root.states), ...STORED_STATE_NAMES])];

/** The stored names a filter value matches: `sold` → `sold`, `sold.warrantyActive`, …; unknown → none. */
export const storedStatesMatching = (filter: string): string[] =>
  STORED_STATE_NAMES.filter((name) => name === filter || name.startsWith(`${filter}.`));
