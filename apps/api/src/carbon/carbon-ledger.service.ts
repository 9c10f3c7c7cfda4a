import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { HashedAuditRecord } from '@recert/audit';
import {
  avoidedClaimBlocker,
  avoidedFigure,
  avoidedReversalFigure,
  Band,
  CarbonFigure,
  Claimant,
  embodiedFigure,
  Leg,
  logisticsFigure,
  refurbishmentFigure,
  totalOf,
  LEG_KINDS,
  type LegKind,
  TRANSPORT_MODES,
  TransportMode,
  useFigure,
} from '@recert/carbon';
import type { LifecycleEvent } from '@recert/lifecycle';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import type { Transaction } from '../database/transaction';
import { ProgrammeService } from '../programmes/programme.service';
import { TakebackItems } from '../takebacks/takeback-items.service';
import { CarbonRepository, StoredEntry } from './carbon.repository';

/** The unit a carbon computation is about (the command pipeline's locked unit has all of it). */
export interface CarbonUnit {
  deviceId: string;
  brand: string;
  model: string;
  deviceClass: string;
  market: string | null;
  lifecycleId: string;
  number: number;
  custodianOrganisationId: string;
  takebackId: string | null;
  programmeId: string | null;
  programmeVersion: number | null;
}

/** What a stored event carries: the carbon inputs as sent and the figures computed from them. */
interface CarbonPayload {
  carbon?: { stationKwh?: number; siteCountry?: string; legs?: Leg[] };
  carbonLedger?: CarbonFigure[];
}

export const toFigure = (e: StoredEntry): CarbonFigure & { id: string } => ({
  id: e.id,
  kind: e.kind,
  amount: { kg: e.kg, low: e.lowKg, high: e.highKg },
  factorSet: e.factorSet,
  source: e.source,
  inputs: e.inputs,
  ...(e.claimantOrganisationId && e.claimantRole
    ? { claimant: { organisationId: e.claimantOrganisationId, role: e.claimantRole as Claimant['role'] } }
    : {}),
});

/**
 * The per-unit carbon ledger. Figures are computed before the machine sees the event and travel in its payload
 * (`carbonLedger`), so they sit in the trail under the hash chain; after the entry is saved, `store` writes one row
 * per figure beside it (the keys reports group by), in the same transaction.
 */
@Injectable()
export class CarbonLedger {
  constructor(
    private readonly ledger: CarbonRepository,
    private readonly programmes: ProgrammeService,
    private readonly takebacks: TakebackItems,
  ) {}

  /** The event with its carbon figures added (unchanged when it has none). `rmaLifecycle`: the unit is back under RMA. */
  async annotate(
    tx: Transaction,
    unit: CarbonUnit,
    event: LifecycleEvent,
    options: { rmaLifecycle: boolean; at: string },
  ): Promise<LifecycleEvent> {
    const inputs = (event as CarbonPayload).carbon;
    const country = inputs?.siteCountry ?? countryOf(unit.market);
    const figures: CarbonFigure[] = [];
    const sent = (inputs?.legs ?? []).map((leg, i) => this.eventLeg(`carbon.legs[${i}]`, leg));
    const legs = sent.length ? [logisticsFigure({ deviceClass: unit.deviceClass, legs: sent })] : [];
    switch (event.type) {
      case 'RECEIVE':
        if (!(await this.embodiedOf(tx, unit))) figures.push(embodiedFigure(unit));
        figures.push(...legs);
        break;
      case 'TEST_RESULT':
        figures.push(
          refurbishmentFigure({ deviceClass: unit.deviceClass, stationKwh: inputs?.stationKwh, country, at: options.at }),
          ...legs,
        );
        break;
      case 'COMPLETE_REPAIR':
        figures.push(
          refurbishmentFigure({
            deviceClass: unit.deviceClass,
            stationKwh: inputs?.stationKwh ?? 0,
            country,
            at: options.at,
            replacedParts: event.parts.map((p) => p.kind),
          }),
          ...legs,
        );
        break;
      case 'SELL':
      case 'RETURN_TO_OWNER': {
        figures.push(...legs);
        const recorded = await this.embodiedOf(tx, unit);
        const embodied = recorded ?? embodiedFigure(unit);
        if (!recorded) figures.push(embodied);
        const market = 'market' in event && typeof event.market === 'string' ? event.market : (unit.market ?? 'ZZ');
        const claim = await this.claim(tx, unit, {
          event,
          embodied: embodied.amount,
          market,
          rmaLifecycle: options.rmaLifecycle,
          fresh: figures,
        });
        if (claim) figures.push(claim);
        break;
      }
      default:
        if (legs.length) figures.push(...legs);
    }
    return figures.length ? ({ ...event, carbonLedger: figures } as LifecycleEvent) : event;
  }

  /** A refund takes back the standing claim of the sale the RMA came from. */
  async refundReversal(tx: Transaction, unit: CarbonUnit): Promise<CarbonFigure[]> {
    const lifecycles = await this.ledger.lifecyclesOfDevice(tx, unit.deviceId);
    const entries = (await this.ledger.entriesOfLifecycles(tx, lifecycles)).map(toFigure);
    const reversed = new Set(entries.filter((e) => e.kind === 'avoided_reversal').map((e) => e.inputs.reverses));
    const standing = entries.filter((e) => e.kind === 'avoided' && !reversed.has(e.id)).at(-1);
    return standing ? [avoidedReversalFigure(standing, 'RMA refunded: the sale that claimed it is undone')] : [];
  }

  /** Writes a row per figure that the entry carries, pointing at the entry (seq, hash). */
  async store(tx: Transaction, unit: CarbonUnit, entry: HashedAuditRecord): Promise<void> {
    const figures = (entry.payload as CarbonPayload).carbonLedger;
    if (!figures?.length) return;
    // A lifecycle without a takeback (back under RMA) reports to the takeback the unit came in with.
    const earlier = unit.takebackId ? undefined : await this.ledger.latestTakebackKeys(tx, unit.deviceId);
    const takebackId = unit.takebackId ?? earlier?.takebackId ?? null;
    const customerOrganisationId = unit.takebackId ? await this.customerOf(tx, unit) : (earlier?.customerOrganisationId ?? null);
    const oemOrganisationId = await this.oemOf(tx, unit);
    const rows = figures.map((figure) => ({
      id: randomUUID(),
      deviceId: unit.deviceId,
      lifecycleId: unit.lifecycleId,
      lifecycleNumber: unit.number,
      auditSeq: entry.seq,
      auditEntryHash: entry.hash,
      figure,
      deviceClass: unit.deviceClass,
      customerOrganisationId,
      custodianOrganisationId: unit.custodianOrganisationId,
      oemOrganisationId,
      takebackId,
      programmeId: unit.programmeId,
      recordedAt: entry.occurredAt,
    }));
    await this.ledger.insert(tx, rows);
    await this.ledger.addToTotals(tx, rows);
  }

  /** An event's leg as sent: its kind and mode are closed vocabularies (422 `carbon-vocabulary-unknown` naming the field). */
  private eventLeg(field: string, leg: { leg: string; mode: string; distanceKm: number; weightKg?: number }): Leg {
    if (!(LEG_KINDS as readonly string[]).includes(leg.leg)) {
      throw new DomainError(DomainErrorCode.CarbonVocabularyUnknown, `Unknown leg kind "${leg.leg}".`, {
        field: `${field}.leg`,
        unknown: [leg.leg],
        allowed: LEG_KINDS,
      });
    }
    return { leg: leg.leg as LegKind, ...this.handoffLeg(`${field}.mode`, leg) };
  }

  /** A hand-off's leg as sent, its mode checked against the factor set (422 `carbon-vocabulary-unknown` naming `field`). */
  handoffLeg(field: string, leg: { mode: string; distanceKm: number; weightKg?: number }): Omit<Leg, 'leg'> {
    if (!(TRANSPORT_MODES as readonly string[]).includes(leg.mode)) {
      throw new DomainError(DomainErrorCode.CarbonVocabularyUnknown, `Unknown transport mode "${leg.mode}".`, {
        field,
        unknown: [leg.mode],
        allowed: TRANSPORT_MODES,
      });
    }
    return {
      mode: leg.mode as TransportMode,
      distanceKm: leg.distanceKm,
      ...(leg.weightKg === undefined ? {} : { weightKg: leg.weightKg }),
    };
  }

  /**
   * The logistics figure of a confirmed hand-off's leg: the event legs' arithmetic (weight × km × the mode's
   * factor, the class weight by default), its inputs naming the hand-off. The caller appends it to the trail as the
   * entry's `carbonLedger`, so `store` writes it beside the entry.
   */
  handoffFigure(unit: CarbonUnit, handoff: { id: string; leg: Omit<Leg, 'leg'> }): CarbonFigure {
    const figure = logisticsFigure({ deviceClass: unit.deviceClass, legs: [{ ...handoff.leg, leg: 'handoff' }] });
    return { ...figure, inputs: { ...figure.inputs, handoffId: handoff.id } };
  }

  /** Use-phase figures of a device's readings (the usage feature appends them to the trail). */
  useFigures(
    unit: CarbonUnit,
    readings: Array<{ periodStart: string; periodEnd: string; kwh?: number; powerOnHours?: number; country?: string }>,
  ) {
    return readings.map((r) =>
      useFigure({
        deviceClass: unit.deviceClass,
        kwh: r.kwh,
        powerOnHours: r.powerOnHours,
        country: r.country ?? countryOf(unit.market),
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
      }),
    );
  }

  entriesOfDevice(tx: Transaction, deviceId: string): Promise<StoredEntry[]> {
    return this.ledger.entriesOfDevice(tx, deviceId);
  }

  private async embodiedOf(tx: Transaction, unit: CarbonUnit) {
    const lifecycles = await this.ledger.lifecyclesOfDevice(tx, unit.deviceId);
    const entries = await this.ledger.entriesOfLifecycles(tx, lifecycles);
    const embodied = entries.filter((e) => e.kind === 'embodied').at(-1);
    return embodied ? toFigure(embodied) : undefined;
  }

  /** The avoided claim of a sale or return, unless the claim-once rule says none. */
  private async claim(
    tx: Transaction,
    unit: CarbonUnit,
    c: { event: LifecycleEvent; embodied: Band; market: string; rmaLifecycle: boolean; fresh: CarbonFigure[] },
  ): Promise<CarbonFigure | undefined> {
    // An RMA lifecycle continues the sale it came back from: its claims count too.
    const lifecycles = c.rmaLifecycle ? await this.ledger.lifecyclesOfDevice(tx, unit.deviceId) : [unit.lifecycleId];
    const earlier = (await this.ledger.entriesOfLifecycles(tx, lifecycles)).map(toFigure);
    const rmaReplacement = 'warrantyTransfer' in c.event && c.event.warrantyTransfer !== undefined;
    if (avoidedClaimBlocker({ lifecycleKinds: earlier.map((e) => e.kind), rmaReplacement })) return undefined;
    const own = [...earlier.filter((e) => e.kind !== 'embodied'), ...c.fresh].filter(
      (e) => e.kind === 'refurbishment' || e.kind === 'logistics',
    );
    const terms = await this.programmeOf(tx, unit);
    const rate = terms?.terms.carbon?.displacementRates?.find((r) => r.market === c.market)?.rate ?? 1;
    return avoidedFigure({
      embodied: c.embodied,
      refurbishment: totalOf(own, ['refurbishment']),
      logistics: totalOf(own, ['logistics']),
      displacementRate: rate,
      market: c.market,
      claimant: await this.claimant(tx, unit, terms?.terms.carbon?.claimant ?? (terms ? 'oem' : 'partner'), terms?.oemOrganisationId),
    });
  }

  private async claimant(tx: Transaction, unit: CarbonUnit, role: Claimant['role'], oem: string | undefined): Promise<Claimant> {
    if (role === 'oem' && oem) return { organisationId: oem, role };
    if (role === 'customer') {
      const customer = await this.customerOf(tx, unit);
      if (customer) return { organisationId: customer, role };
    }
    return { organisationId: unit.custodianOrganisationId, role: 'partner' };
  }

  private programmeOf(tx: Transaction, unit: CarbonUnit) {
    return unit.programmeId
      ? this.programmes.versionFor(tx, { id: unit.programmeId, version: unit.programmeVersion, brand: unit.brand })
      : undefined;
  }

  private async oemOf(tx: Transaction, unit: CarbonUnit): Promise<string | null> {
    return (await this.programmeOf(tx, unit))?.oemOrganisationId ?? null;
  }

  private async customerOf(tx: Transaction, unit: CarbonUnit): Promise<string | null> {
    return unit.takebackId ? ((await this.takebacks.customerOf(tx, unit.takebackId)) ?? null) : null;
  }
}

/** A market code that is a country names its grid; anything else (ZZ, EU) takes the world average. */
const countryOf = (market: string | null) => (market && /^[A-Z]{2}$/.test(market) && market !== 'ZZ' ? market : null);
