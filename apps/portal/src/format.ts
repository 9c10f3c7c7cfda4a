const kgFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** One decimal, as the API's figures are compared in tests. */
export const kg = (value: number) => kgFormat.format(value);
export const band = (b: { kg: number; low: number; high: number }) => `${kg(b.kg)} kg (${kg(b.low)}–${kg(b.high)})`;
export const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
