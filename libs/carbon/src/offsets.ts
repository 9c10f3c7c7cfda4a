/** Carbon-credit registries Recert records retirements from: a closed vocabulary. */
export const OFFSET_REGISTRIES = ['verra_vcs', 'gold_standard', 'acr', 'car', 'puro_earth', 'isometric', 'plan_vivo'] as const;
export type OffsetRegistry = (typeof OFFSET_REGISTRIES)[number];

/** A block of serial numbers within one registry project: first and last credit, inclusive. */
export interface SerialBlock {
  registry: string;
  projectId: string;
  serialStart: number;
  serialEnd: number;
}

/** Two blocks overlap when they are of the same registry and project and share at least one serial. */
export const blocksOverlap = (a: SerialBlock, b: SerialBlock) =>
  a.registry === b.registry && a.projectId === b.projectId && a.serialStart <= b.serialEnd && b.serialStart <= a.serialEnd;

/** One credit is one tonne: a block of serials n..m retires m − n + 1 t CO2e. */
export const tonnesOfBlock = (block: Pick<SerialBlock, 'serialStart' | 'serialEnd'>) => block.serialEnd - block.serialStart + 1;

/** Allocating beyond what a retirement holds is refused; the answer says how much is left. */
export function allocationFits(input: { retiredT: number; allocatedT: number; requestedT: number }): { ok: boolean; remainingT: number } {
  const remainingT = Math.round((input.retiredT - input.allocatedT) * 1000) / 1000;
  return { ok: input.requestedT <= remainingT + 1e-9, remainingT };
}
