import { roundKg } from './band';
import { embodiedShare, PCF_ROWS, PCF_SOURCE, PcfRow } from './pcf';

/** Every figure a carbon entry uses comes from one factor set, named `id@version` in the entry. */
export const FACTOR_SET_ID = 'recert-carbon';
export const FACTOR_SET_VERSION = '2026.1';
export const FACTOR_SET = `${FACTOR_SET_ID}@${FACTOR_SET_VERSION}`;

export const CARBON_DEVICE_CLASSES = ['notebook', 'desktop', 'workstation', 'tablet', 'server', 'monitor', 'part'] as const;
export type CarbonDeviceClass = (typeof CARBON_DEVICE_CLASSES)[number];

export interface Sourced {
  source: string;
  url?: string;
}

/** Relative uncertainty of figures that do not come with their own (documented in docs/carbon.md). */
export const DEFAULT_ERROR = {
  classDefault: 0.4,
  refurbishment: 0.2,
  logistics: 0.3,
  use: 0.15,
  part: 0.5,
} as const;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const medianEmbodied = (subcategory: string, rows: readonly PcfRow[]) => {
  const own = rows.filter((r) => r.subcategory === subcategory);
  return { kg: roundKg(median(own.map((r) => r.totalKg * embodiedShare(r).share))), rows: own.length };
};

export interface ClassDefault extends Sourced {
  /** Embodied kg CO2e (manufacturing + transport + end of life) of a new unit of the class. */
  embodiedKg: number;
  derivation: string;
}

function classDefaults(rows: readonly PcfRow[]): Record<CarbonDeviceClass, ClassDefault> {
  const fromRows = (subcategory: string, what: string): ClassDefault => {
    const { kg, rows: n } = medianEmbodied(subcategory, rows);
    return {
      embodiedKg: kg,
      derivation: `median embodied figure of the ${n} ${what} rows of the PCF subset`,
      source: `${PCF_SOURCE.dataset} ${PCF_SOURCE.file}`,
      url: PCF_SOURCE.url,
    };
  };
  const notebook = fromRows('Laptop', 'notebook');
  return {
    notebook,
    desktop: fromRows('Desktop', 'desktop'),
    monitor: fromRows('Monitor', 'monitor'),
    workstation: fromRows('Workstation', 'workstation'),
    // Dell PowerEdge R710 life-cycle assessment: 6,360 kg over its life, more than 90 % of it in use.
    server: {
      embodiedKg: 636,
      derivation: '10 % (the non-use share) of the 6,360 kg life-cycle footprint of a Dell PowerEdge R710',
      source: 'Dell, PowerEdge R710 life-cycle assessment (2010)',
    },
    // No tablet PCF in the subset: half the notebook default, and the same wide band.
    tablet: {
      embodiedKg: roundKg(notebook.embodiedKg / 2),
      derivation: 'half the notebook class default (no tablet row in the subset): an estimate',
      source: 'Recert estimate',
    },
    part: { embodiedKg: 10, derivation: 'a generic spare part without a factor of its own: an estimate', source: 'Recert estimate' },
  };
}

export const CLASS_DEFAULTS = classDefaults(PCF_ROWS);

/** Electricity grid intensity, g CO2e per kWh, per country and year. */
export interface GridFactor extends Sourced {
  gPerKwh: number;
}

const EMBER = {
  source: 'Ember, Yearly Electricity Data (CO2 intensity of generation), 2023',
  url: 'https://ember-energy.org/data/yearly-electricity-data/',
};
const EEA = {
  source: 'EEA, Greenhouse gas emission intensity of electricity generation, 2023',
  url: 'https://www.eea.europa.eu/en/analysis/indicators/greenhouse-gas-emission-intensity-of-1',
};

export const GRID_FACTORS: Record<string, Record<number, GridFactor>> = {
  FR: { 2023: { gPerKwh: 56, ...EEA } },
  DE: { 2023: { gPerKwh: 381, ...EEA } },
  NL: { 2023: { gPerKwh: 268, ...EEA } },
  IE: { 2023: { gPerKwh: 282, ...EEA } },
  PL: { 2023: { gPerKwh: 662, ...EEA } },
  GB: { 2023: { gPerKwh: 238, ...EMBER } },
  US: { 2023: { gPerKwh: 369, ...EMBER } },
  CN: { 2023: { gPerKwh: 582, ...EMBER } },
  IN: { 2023: { gPerKwh: 713, ...EMBER } },
  WORLD: { 2023: { gPerKwh: 481, ...EMBER } },
};

/**
 * The grid factor of a country for a year: that year's, else the latest earlier one, else the earliest; a country
 * without figures takes the world average (and says so in the entry's source).
 */
export function gridFactorFor(country: string | null | undefined, year: number): GridFactor & { country: string; year: number } {
  const code = country && GRID_FACTORS[country.toUpperCase()] ? country.toUpperCase() : 'WORLD';
  const years = Object.keys(GRID_FACTORS[code])
    .map(Number)
    .sort((a, b) => a - b);
  const chosen = [...years].reverse().find((y) => y <= year) ?? years[0];
  return { ...GRID_FACTORS[code][chosen], country: code, year: chosen };
}

export const TRANSPORT_MODES = ['road_van', 'road_truck', 'rail', 'sea', 'air'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

const DESNZ = {
  source: 'UK DESNZ/DEFRA GHG conversion factors 2023, freighting goods (kg CO2e per tonne-km, average laden)',
  url: 'https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2023',
};

/** kg CO2e per tonne-km, per mode. */
export const TRANSPORT_FACTORS: Record<TransportMode, Sourced & { kgPerTonneKm: number }> = {
  road_van: { kgPerTonneKm: 0.605, ...DESNZ },
  road_truck: { kgPerTonneKm: 0.107, ...DESNZ },
  rail: { kgPerTonneKm: 0.028, ...DESNZ },
  sea: { kgPerTonneKm: 0.016, ...DESNZ },
  air: { kgPerTonneKm: 0.602, ...DESNZ },
};

export const REPLACED_PART_KINDS = ['battery', 'ssd', 'nvme', 'hdd', 'display', 'keyboard', 'board', 'ram'] as const;
export type ReplacedPartKind = (typeof REPLACED_PART_KINDS)[number];

const BOAVIZTA_API = { source: 'Boavizta API component defaults (manufacture)', url: 'https://doc.api.boavizta.org/' };
const ESTIMATE = { source: 'Recert estimate (no published per-part factor found); wide band' };

/** kg CO2e to make one replacement part. Kinds without a factor of their own count as a generic part. */
export const PART_FACTORS: Record<ReplacedPartKind, Sourced & { kg: number }> = {
  hdd: { kg: 31.1, ...BOAVIZTA_API },
  board: { kg: 66.1, ...BOAVIZTA_API },
  ssd: { kg: 24.0, ...ESTIMATE },
  nvme: { kg: 24.0, ...ESTIMATE },
  ram: { kg: 10.0, ...ESTIMATE },
  battery: { kg: 8.0, ...ESTIMATE },
  display: { kg: 40.0, ...ESTIMATE },
  keyboard: { kg: 3.0, ...ESTIMATE },
};

/** Per class: test/repair station energy when the event states none, shipping weight, and average power in use. */
export const CLASS_PROCESS_DEFAULTS: Record<CarbonDeviceClass, { stationKwh: number; weightKg: number; powerW: number }> = {
  notebook: { stationKwh: 1.5, weightKg: 2.5, powerW: 15 },
  desktop: { stationKwh: 2.5, weightKg: 9, powerW: 50 },
  workstation: { stationKwh: 3, weightKg: 15, powerW: 120 },
  tablet: { stationKwh: 0.8, weightKg: 1, powerW: 5 },
  server: { stationKwh: 8, weightKg: 30, powerW: 300 },
  monitor: { stationKwh: 1, weightKg: 7, powerW: 20 },
  part: { stationKwh: 0.2, weightKg: 0.5, powerW: 5 },
};
export const PROCESS_DEFAULTS_SOURCE = 'Recert estimate (station, weight and power defaults per class)';

export const asCarbonClass = (deviceClass: string): CarbonDeviceClass =>
  (CARBON_DEVICE_CLASSES as readonly string[]).includes(deviceClass) ? (deviceClass as CarbonDeviceClass) : 'part';
