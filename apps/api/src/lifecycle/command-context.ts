import type { EventType, LifecycleEvent } from '@recert/lifecycle';
import type { CompositeOperation } from '../auth/event-permissions';

/** The unit a command acts on, read under its row lock: the device, its current lifecycle and the trail's head. */
export interface LockedUnit {
  deviceId: string;
  brand: string;
  deviceClass: string;
  model: string;
  /** The takeback's market, if it named one. */
  market: string | null;
  lifecycleId: string;
  number: number;
  state: string;
  snapshot: unknown;
  version: number;
  lastSeq: number;
  lastHash: string;
  custodianOrganisationId: string;
  site: string;
  takebackId: string | null;
  /** The programme version the unit is pinned to (at intake or certification), if any. */
  programmeId: string | null;
  programmeVersion: number | null;
}

/**
 * What the evidence rules made of a submitted event: the event as the trail stores it (computed fields filled in)
 * and what the answer shows of the computation. What the event then does is the machine's to say (its actions).
 */
export interface Admitted {
  event: LifecycleEvent;
  evidence?: Record<string, unknown>;
}

/** A lifecycle that begins inside another unit's command (a unit back under RMA, a harvested part). */
export interface NextLifecycle {
  id: string;
  state: string;
  allowedEvents: EventType[];
}

/** What the effects of one event produced, for its answer. */
export interface EffectResults {
  certificateId?: string;
  createdDeviceIds?: string[];
  nextLifecycle?: NextLifecycle;
}

export interface CommandOptions {
  ifMatch?: string;
  idempotencyKey?: string;
  requestId: string | null;
  /** The composite operation that performs this event internally; recorded in the entry's payload. */
  causedBy?: CausedBy;
}

/** A composite operation on a unit (an RMA's resolution) that caused an event on another. */
export interface CausedBy {
  operation: CompositeOperation;
  deviceId: string;
  lifecycleId: string;
}

/** The part of a lifecycle row that a new lifecycle starts with. */
export interface NewLifecycle {
  id: string;
  deviceId: string;
  number: number;
  takebackId: string | null;
  state: string;
  snapshot: unknown;
  machineVersion: string;
  custodianOrganisationId: string;
  site: string;
  lastHash: string;
  startedAt: string;
}

export interface StoredReply {
  fingerprint: string;
  status: number;
  body: unknown;
  etag: string | null;
}
