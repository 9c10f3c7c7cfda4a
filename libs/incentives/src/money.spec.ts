import { applyBasisPoints, basisPointsToDecimal, decimalToBasisPoints, formatMinor, majorToMinor } from './money';

describe('money without floats', () => {
  it('reads multipliers as basis points: "1.2" = 12,000; "0.055" = 550; "1.23456" is refused', () => {
    expect(decimalToBasisPoints('1.2')).toBe(12_000);
    expect(decimalToBasisPoints('0.055')).toBe(550);
    expect(decimalToBasisPoints('1.23456')).toBeUndefined();
    expect(basisPointsToDecimal(12_000)).toBe('1.2');
    expect(basisPointsToDecimal(10_000)).toBe('1.0');
  });

  it('rounds half away from zero: 5.00 × 1.25 % = 0.0625 → 0.06; 0.5 cent → 1 cent; −0.5 cent → −1 cent', () => {
    expect(applyBasisPoints(500, 125)).toBe(6);
    expect(applyBasisPoints(1, 5_000)).toBe(1);
    expect(applyBasisPoints(-1, 5_000)).toBe(-1);
  });

  it('reads recorded prices in major units: 499.99 = 49,999 cents; 3 decimals are refused', () => {
    expect(majorToMinor(499.99)).toBe(49_999);
    expect(majorToMinor('12')).toBe(1_200);
    expect(majorToMinor('1.005')).toBeUndefined();
  });

  it('formats for people: 165,000 → 1,650.00; −7,500 → −75.00', () => {
    expect(formatMinor(165_000)).toBe('1,650.00');
    expect(formatMinor(-7_500)).toBe('−75.00');
  });
});
