import type { LifecycleEvent, UnitContext } from '@recert/lifecycle';
import type { Caller } from '../../auth/caller';
import type { LockedUnit } from '../command.repository';
import type { EvidenceStatements, MediumFacts, ProgrammeVersion, TrailEntry } from './evidence-statements';
import type { HarvestedPart } from './harvest-evidence';

/** What an evidence check sees: the unit under its lock, and lazily read evidence recorded so far. */
export class EvidenceContext {
  private readonly entries = new Map<string, Promise<TrailEntry[]>>();
  private mediaFacts?: Promise<{ hostSerial: string; media: MediumFacts[] }>;
  private pinned?: Promise<ProgrammeVersion | undefined>;

  constructor(
    readonly statements: EvidenceStatements,
    readonly caller: Caller,
    readonly unit: LockedUnit,
    readonly context: UnitContext,
    readonly now: Date,
  ) {}

  /** This lifecycle's entries of these types, oldest first (read once per command). */
  trail(...types: string[]): Promise<TrailEntry[]> {
    const key = [...types].sort().join(',');
    if (!this.entries.has(key)) this.entries.set(key, this.statements.trail(this.unit.lifecycleId, types));
    return this.entries.get(key)!;
  }

  /** The unit's serial and media (read once per command). */
  devicePhysical(): Promise<{ hostSerial: string; media: MediumFacts[] }> {
    return (this.mediaFacts ??= this.statements.media(this.unit.deviceId));
  }

  async media(): Promise<MediumFacts[]> {
    return (await this.devicePhysical()).media;
  }

  async hostSerial(): Promise<string> {
    return (await this.devicePhysical()).hostSerial;
  }

  /** The programme version the unit is pinned to (at certification), if any. */
  pinnedProgramme(): Promise<ProgrammeVersion | undefined> {
    const { programmeId, programmeVersion } = this.unit;
    return (this.pinned ??= programmeId ? this.statements.programme(programmeId, programmeVersion, this.unit.brand) : Promise.resolve(undefined));
  }

  /** The latest entry of one of these types in this lifecycle. */
  async latest(...types: string[]): Promise<TrailEntry | undefined> {
    return (await this.trail(...types)).at(-1);
  }
}

/**
 * What the checks made of a submitted event: the event as the trail stores it (computed fields filled in),
 * what the answer shows of the computation, and what to do in the same transaction once it is applied.
 */
export interface Admitted {
  event: LifecycleEvent;
  evidence?: Record<string, unknown>;
  pinProgramme?: { id: string; version: number };
  /** A medium whose sanitization this entry completes: its certificate points here. */
  completesMedium?: string;
  warrantyEndsAt?: string;
  /** Parts to create as units of their own, with this unit as donor. */
  harvest?: HarvestedPart[];
}
