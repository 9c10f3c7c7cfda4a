/** A figure in kg CO2e with its uncertainty: the central value and a low–high range. */
export interface Band {
  kg: number;
  low: number;
  high: number;
}

/** Kilograms to the gram: enough for any report, and free of floating-point noise. */
export const roundKg = (kg: number) => Math.round(kg * 1000) / 1000;

const rounded = (b: Band): Band => ({ kg: roundKg(b.kg), low: roundKg(b.low), high: roundKg(b.high) });

/** kg ± a relative error (0.2375 = ±23.75 %). */
export const bandOf = (kg: number, errorRatio: number): Band => rounded({ kg, low: kg * (1 - errorRatio), high: kg * (1 + errorRatio) });

export const ZERO: Band = { kg: 0, low: 0, high: 0 };

export const addBands = (...bands: Band[]): Band =>
  rounded(bands.reduce((sum, b) => ({ kg: sum.kg + b.kg, low: sum.low + b.low, high: sum.high + b.high }), ZERO));

/** a − b: the low end takes b's high end and the other way round, so the range only widens. */
export const subtractBand = (a: Band, b: Band): Band => rounded({ kg: a.kg - b.kg, low: a.low - b.high, high: a.high - b.low });

export const scaleBand = (b: Band, factor: number): Band => rounded({ kg: b.kg * factor, low: b.low * factor, high: b.high * factor });

/**
 * What cancels a band exactly: every end negated (kg, low and high), so that a figure and its cancellation sum to
 * zero at both ends of a total. Its "low" is then above its "high": they are the amounts it takes off each end.
 */
export const cancellingBand = (b: Band): Band => rounded({ kg: -b.kg, low: -b.low, high: -b.high });
