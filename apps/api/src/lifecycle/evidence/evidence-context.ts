import type { TrailEntry } from '@recert/audit';
import type { MediumFacts, ProgrammeVersion } from '@recert/evidence';
import type { UnitContext } from '@recert/lifecycle';
import type { Caller } from '../../auth/caller';
import type { Transaction } from '../../database/transaction';
import type { LockedUnit } from '../command-context';

/** Where the facts come from: the features that own them, read on the command's transaction. */
export interface EvidenceSources {
  trail(tx: Transaction, lifecycleId: string, types: string[]): Promise<TrailEntry[]>;
  lastEntry(tx: Transaction, lifecycleId: string): Promise<TrailEntry | undefined>;
  physical(tx: Transaction, deviceId: string): Promise<{ hostSerial: string; media: MediumFacts[] }>;
  programme(tx: Transaction, ref: { id: string; version: number | null; brand: string }): Promise<ProgrammeVersion | undefined>;
  takenSerials(tx: Transaction, brand: string, serials: string[]): Promise<string[]>;
}

/** What an evidence rule sees: the unit under its lock, and the evidence recorded so far, each fact read at most once per command. */
export class EvidenceContext {
  private readonly entries = new Map<string, Promise<TrailEntry[]>>();
  private physicalFacts?: Promise<{ hostSerial: string; media: MediumFacts[] }>;
  private pinned?: Promise<ProgrammeVersion | undefined>;

  readonly caller: Caller;
  readonly unit: LockedUnit;
  readonly context: UnitContext;
  readonly now: Date;

  constructor(
    private readonly sources: EvidenceSources,
    private readonly tx: Transaction,
    facts: { caller: Caller; unit: LockedUnit; context: UnitContext; now: Date },
  ) {
    ({ caller: this.caller, unit: this.unit, context: this.context, now: this.now } = facts);
  }

  /** This lifecycle's entries of these types, oldest first. */
  trail(...types: string[]): Promise<TrailEntry[]> {
    const key = [...types].sort().join(',');
    if (!this.entries.has(key)) this.entries.set(key, this.sources.trail(this.tx, this.unit.lifecycleId, types));
    return this.entries.get(key)!;
  }

  /** The unit's last recorded entry (its current lifecycle's latest). */
  lastEntry(): Promise<TrailEntry | undefined> {
    return this.sources.lastEntry(this.tx, this.unit.lifecycleId);
  }

  /** The unit's serial and media. */
  devicePhysical(): Promise<{ hostSerial: string; media: MediumFacts[] }> {
    return (this.physicalFacts ??= this.sources.physical(this.tx, this.unit.deviceId));
  }

  async media(): Promise<MediumFacts[]> {
    return (await this.devicePhysical()).media;
  }

  async hostSerial(): Promise<string> {
    return (await this.devicePhysical()).hostSerial;
  }

  /** The programme version the unit is pinned to, if any. */
  pinnedProgramme(): Promise<ProgrammeVersion | undefined> {
    const { programmeId, programmeVersion, brand } = this.unit;
    return (this.pinned ??= programmeId
      ? this.sources.programme(this.tx, { id: programmeId, version: programmeVersion, brand })
      : Promise.resolve(undefined));
  }

  /** A programme's version in force now, with whether its OEM owns the unit's brand. */
  programmeInForce(id: string): Promise<ProgrammeVersion | undefined> {
    return this.sources.programme(this.tx, { id, version: null, brand: this.unit.brand });
  }

  /** Which of these serials a unit of the brand already has. */
  takenSerials(serials: string[]): Promise<string[]> {
    return this.sources.takenSerials(this.tx, this.unit.brand, serials);
  }

  /** The latest entry of one of these types in this lifecycle. */
  async latest(...types: string[]): Promise<TrailEntry | undefined> {
    return (await this.trail(...types)).at(-1);
  }
}
