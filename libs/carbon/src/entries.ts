import { addBands, Band, bandOf, cancellingBand, roundKg, scaleBand, subtractBand, ZERO } from './band';
import {
  asCarbonClass,
  CLASS_DEFAULTS,
  CLASS_PROCESS_DEFAULTS,
  DEFAULT_ERROR,
  FACTOR_SET,
  gridFactorFor,
  PART_FACTORS,
  PROCESS_DEFAULTS_SOURCE,
  REPLACED_PART_KINDS,
  ReplacedPartKind,
  TRANSPORT_FACTORS,
  TransportMode,
} from './factor-set';
import { embodiedShare, pcfFor, PCF_SOURCE } from './pcf';

export const CARBON_KINDS = ['embodied', 'refurbishment', 'logistics', 'use', 'avoided', 'avoided_reversal'] as const;
export type CarbonKind = (typeof CARBON_KINDS)[number];

export const CLAIMANT_ROLES = ['oem', 'partner', 'customer'] as const;
export type ClaimantRole = (typeof CLAIMANT_ROLES)[number];

export interface Claimant {
  organisationId: string;
  role: ClaimantRole;
}

/** Where a figure came from: the data set's row, or the class default used instead, and the source's address. */
export interface FigureSource {
  row?: string;
  classDefault?: string;
  url?: string;
  note?: string;
}

/** One carbon entry as the trail stores it (the ledger adds its id, lifecycle, time and the entry's hash). */
export interface CarbonFigure {
  kind: CarbonKind;
  amount: Band;
  factorSet: string;
  source: FigureSource;
  inputs: Record<string, unknown>;
  claimant?: Claimant;
}

/**
 * embodied = PCF total × (manufacturing + transport + end-of-life shares), band from the row's error %;
 * a model the data set does not have takes its class default, ± 40 %, and says so.
 */
export function embodiedFigure(unit: { brand: string; model: string; deviceClass: string }): CarbonFigure {
  const row = pcfFor(unit.brand, unit.model);
  if (row) {
    const { share, basis } = embodiedShare(row);
    return {
      kind: 'embodied',
      amount: bandOf(row.totalKg * share, row.errorRatio),
      factorSet: FACTOR_SET,
      source: { row: `${PCF_SOURCE.file}: ${row.row}`, url: row.url },
      inputs: {
        brand: unit.brand,
        model: unit.model,
        pcfTotalKg: row.totalKg,
        manufacturingShare: row.manufacturingRatio,
        transportShare: row.transportRatio,
        endOfLifeShare: row.endOfLifeRatio,
        useShare: row.useRatio,
        embodiedShare: roundKg(share),
        shareBasis: basis,
        errorRatio: row.errorRatio,
      },
    };
  }
  const deviceClass = asCarbonClass(unit.deviceClass);
  const fallback = CLASS_DEFAULTS[deviceClass];
  return {
    kind: 'embodied',
    amount: bandOf(fallback.embodiedKg, DEFAULT_ERROR.classDefault),
    factorSet: FACTOR_SET,
    source: {
      classDefault: deviceClass,
      ...(fallback.url ? { url: fallback.url } : {}),
      note: `no PCF for ${unit.brand} ${unit.model}: class default (${fallback.derivation})`,
    },
    inputs: {
      brand: unit.brand,
      model: unit.model,
      deviceClass,
      classDefaultKg: fallback.embodiedKg,
      errorRatio: DEFAULT_ERROR.classDefault,
    },
  };
}

const partFactor = (kind: string) =>
  (REPLACED_PART_KINDS as readonly string[]).includes(kind)
    ? { kind, ...PART_FACTORS[kind as ReplacedPartKind], errorRatio: DEFAULT_ERROR.part }
    : { kind, kg: CLASS_DEFAULTS.part.embodiedKg, source: CLASS_DEFAULTS.part.source, errorRatio: DEFAULT_ERROR.part };

/**
 * refurbishment = station kWh (stated, or the class default) × the site's grid factor (± 20 %)
 *               + each replaced part's factor (± 50 %).
 */
export function refurbishmentFigure(input: {
  deviceClass: string;
  stationKwh?: number;
  country: string | null;
  at: string;
  replacedParts?: string[];
}): CarbonFigure {
  const deviceClass = asCarbonClass(input.deviceClass);
  const kwh = input.stationKwh ?? CLASS_PROCESS_DEFAULTS[deviceClass].stationKwh;
  const grid = gridFactorFor(input.country, new Date(input.at).getUTCFullYear());
  const energy = bandOf((kwh * grid.gPerKwh) / 1000, DEFAULT_ERROR.refurbishment);
  const parts = (input.replacedParts ?? []).map(partFactor);
  const amount = addBands(energy, ...parts.map((p) => bandOf(p.kg, p.errorRatio)));
  return {
    kind: 'refurbishment',
    amount,
    factorSet: FACTOR_SET,
    source: { note: `grid ${grid.country} ${grid.year}: ${grid.source}`, url: grid.url },
    inputs: {
      deviceClass,
      stationKwh: kwh,
      stationKwhStated: input.stationKwh !== undefined,
      ...(input.stationKwh === undefined ? { stationKwhSource: PROCESS_DEFAULTS_SOURCE } : {}),
      gridCountry: grid.country,
      gridYear: grid.year,
      gridGPerKwh: grid.gPerKwh,
      energyKg: energy.kg,
      parts: parts.map((p) => ({ kind: p.kind, kg: p.kg, source: p.source })),
    },
  };
}

export const LEG_KINDS = ['pickup', 'handoff', 'shipment'] as const;
export type LegKind = (typeof LEG_KINDS)[number];

export interface Leg {
  leg: LegKind;
  mode: TransportMode;
  distanceKm: number;
  weightKg?: number;
}

/** logistics = Σ weight (t) × distance (km) × the mode's kg per tonne-km, ± 30 %; weight defaults per class. */
export function logisticsFigure(input: { deviceClass: string; legs: Leg[] }): CarbonFigure {
  const deviceClass = asCarbonClass(input.deviceClass);
  const legs = input.legs.map((leg) => {
    const weightKg = leg.weightKg ?? CLASS_PROCESS_DEFAULTS[deviceClass].weightKg;
    const factor = TRANSPORT_FACTORS[leg.mode];
    return { ...leg, weightKg, kgPerTonneKm: factor.kgPerTonneKm, kg: roundKg((weightKg / 1000) * leg.distanceKm * factor.kgPerTonneKm) };
  });
  const kg = legs.reduce((sum, leg) => sum + leg.kg, 0);
  return {
    kind: 'logistics',
    amount: bandOf(kg, DEFAULT_ERROR.logistics),
    factorSet: FACTOR_SET,
    source: { note: TRANSPORT_FACTORS.road_truck.source, url: TRANSPORT_FACTORS.road_truck.url },
    inputs: { deviceClass, legs },
  };
}

/** use = kWh (metered, or power-on hours × the class's average power) × the grid factor of the country and year, ± 15 %. */
export function useFigure(input: {
  deviceClass: string;
  kwh?: number;
  powerOnHours?: number;
  country: string | null;
  periodStart: string;
  periodEnd: string;
}): CarbonFigure {
  const deviceClass = asCarbonClass(input.deviceClass);
  const powerW = CLASS_PROCESS_DEFAULTS[deviceClass].powerW;
  const kwh = input.kwh ?? ((input.powerOnHours ?? 0) * powerW) / 1000;
  const grid = gridFactorFor(input.country, new Date(input.periodStart).getUTCFullYear());
  return {
    kind: 'use',
    amount: bandOf((kwh * grid.gPerKwh) / 1000, DEFAULT_ERROR.use),
    factorSet: FACTOR_SET,
    source: { note: `grid ${grid.country} ${grid.year}: ${grid.source}`, url: grid.url },
    inputs: {
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      ...(input.kwh !== undefined ? { kwh } : { powerOnHours: input.powerOnHours, averagePowerW: powerW, kwh: roundKg(kwh) }),
      gridCountry: grid.country,
      gridYear: grid.year,
      gridGPerKwh: grid.gPerKwh,
    },
  };
}

/** avoided = displacement rate × embodied − refurbishment − logistics (bands combined so the range only widens). */
export function avoidedFigure(input: {
  embodied: Band;
  refurbishment: Band;
  logistics: Band;
  displacementRate: number;
  market: string;
  claimant: Claimant;
}): CarbonFigure {
  const displaced = scaleBand(input.embodied, input.displacementRate);
  const amount = subtractBand(subtractBand(displaced, input.refurbishment), input.logistics);
  return {
    kind: 'avoided',
    amount,
    factorSet: FACTOR_SET,
    source: { note: 'displacement rate × embodied − refurbishment − logistics' },
    inputs: {
      displacementRate: input.displacementRate,
      market: input.market,
      embodiedKg: input.embodied.kg,
      refurbishmentKg: input.refurbishment.kg,
      logisticsKg: input.logistics.kg,
    },
    claimant: input.claimant,
  };
}

/** A refund takes the claim back with an entry that cancels it exactly, at both ends of its band (the claim is never edited). */
export function avoidedReversalFigure(claim: CarbonFigure & { id?: string }, reason: string): CarbonFigure {
  return {
    kind: 'avoided_reversal',
    amount: cancellingBand(claim.amount),
    factorSet: claim.factorSet,
    source: { note: reason },
    inputs: { reverses: claim.id ?? null, reversedKg: claim.amount.kg },
    ...(claim.claimant ? { claimant: claim.claimant } : {}),
  };
}

/** The sum of figures of some kinds (ZERO if none). */
export const totalOf = (figures: Array<{ kind: CarbonKind; amount: Band }>, kinds: readonly CarbonKind[]): Band =>
  addBands(ZERO, ...figures.filter((f) => kinds.includes(f.kind)).map((f) => f.amount));

/** What a buyer's Scope 3 inventory counts: the refurbished unit's own emissions (not the displaced new unit). */
export const INVENTORY_KINDS: readonly CarbonKind[] = ['refurbishment', 'logistics', 'use'];
export const AVOIDED_KINDS: readonly CarbonKind[] = ['avoided', 'avoided_reversal'];
