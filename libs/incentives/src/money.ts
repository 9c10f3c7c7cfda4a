/** Money is integer minor units (cents); rates are integer basis points (1 bp = 0.01 %, ×1.2 = 12,000 bp). No floats. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'CAD', 'AUD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const BASIS_POINTS = 10_000;

/** "1.2" → 12000, "0.055" → 550: a decimal with at most four places, as basis points; undefined when malformed. */
export function decimalToBasisPoints(text: string): number | undefined {
  const match = /^(\d{1,6})(?:\.(\d{1,4}))?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * BASIS_POINTS + Number((match[2] ?? '').padEnd(4, '0'));
}

/** 12000 → "1.2", 10000 → "1.0". */
export function basisPointsToDecimal(bp: number): string {
  const whole = Math.trunc(bp / BASIS_POINTS);
  const fraction = String(bp % BASIS_POINTS)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${whole}.${fraction || '0'}`;
}

/** "499.99" (a recorded price, in major units) → 49999; at most two decimals. */
export function majorToMinor(value: number | string): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(String(value));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** amount × bp / 10,000, rounded half away from zero to a whole minor unit (integer arithmetic only). */
export function applyBasisPoints(amountMinor: number, bp: number): number {
  const product = Math.abs(amountMinor) * bp;
  const rounded = Math.floor((product + BASIS_POINTS / 2) / BASIS_POINTS);
  return amountMinor < 0 ? -rounded : rounded;
}

/** 165000 → "1,650.00"; −7500 → "−75.00" (for arithmetic that people read). */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? '−' : '';
  const abs = Math.abs(minor);
  const major = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${major}.${String(abs % 100).padStart(2, '0')}`;
}
