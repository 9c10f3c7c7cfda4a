import type { HarvestEvent } from './events';

/**
 * What an event does besides changing the unit's state. The machine names each effect where it happens (its
 * actions, with parameters taken from the event); the command pipeline runs each one through its handler in
 * the command's own transaction. Their implementations in the machine do nothing: the machine stays pure.
 */
export interface EffectParams {
  /** RECEIVE of a takeback unit: its manifest item is ticked (or added, for an unexpected unit). */
  markTakebackItemReceived: Record<string, never>;
  /** SELL, RETURN_TO_OWNER: the warranty's end is scheduled (EXPIRE_WARRANTY, sent by the scheduler). */
  scheduleWarrantyExpiry: { endsAt: string };
  /** A medium's sanitization is complete (validated, or destroyed): its certificate points at this entry. */
  issueCertificate: { mediumSerial: string };
  /** CERTIFY: the lifecycle keeps the programme version it was certified under (unless pinned at intake). */
  pinProgramme: { programmeId: string; programmeVersion: number };
  /** HARVEST: each part becomes a unit of its own, the donor as its lineage. */
  createPartUnits: { parts: HarvestEvent['parts'] };
  /** RECEIVE_RMA: this lifecycle ends and the unit begins a new one, already received. */
  startRmaLifecycle: { site: string };
}

export type EffectName = keyof EffectParams;

export type Effect = { [K in EffectName]: { type: K; params: EffectParams[K] } }[EffectName];

const NAMES: Record<EffectName, true> = {
  markTakebackItemReceived: true,
  scheduleWarrantyExpiry: true,
  issueCertificate: true,
  pinProgramme: true,
  createPartUnits: true,
  startRmaLifecycle: true,
};

export const EFFECT_NAMES = Object.keys(NAMES) as EffectName[];

export const isEffect = (action: { type: string }): action is Effect => action.type in NAMES;

/** The machine's implementation of every effect: nothing (the pipeline's handlers do the work). */
export const noEffect = () => undefined;
