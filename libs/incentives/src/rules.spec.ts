import fc from 'fast-check';
import { clawback, IncentiveRule, periodAmounts, tieredTotal } from './rules';

/** The programme: €5 per certified sale; <50 ×1.0, 50–199 ×1.2, ≥200 ×1.5, retroactive. */
const TIERED: IncentiveRule = {
  kind: 'tiered',
  amountMinor: 500,
  tiers: [
    { minUnits: 0, multiplierBp: 10_000 },
    { minUnits: 50, multiplierBp: 12_000 },
    { minUnits: 200, multiplierBp: 15_000 },
  ],
};
const units = (n: number, dealValueMinor?: number) => Array.from({ length: n }, () => ({ dealValueMinor }));

describe('per_unit', () => {
  it('pays the amount for each unit: 37 × 5.00 = 185.00', () => {
    const result = periodAmounts({ kind: 'per_unit', amountMinor: 500 }, units(37));
    expect(result.totalMinor).toBe(18_500);
    expect(result.arithmetic).toBe('37 × 5.00 = 185.00');
  });

  it('gives back each reversed line whole: 185.00 − 2 × 5.00 = 175.00', () => {
    const result = clawback({ kind: 'per_unit', amountMinor: 500 }, 37, 18_500, [{ amountMinor: 500 }, { amountMinor: 500 }]);
    expect(result).toMatchObject({ totalMinor: -1_000, recomputedMinor: 17_500, tierAdjustmentMinor: 0, reversals: [-500, -500] });
  });
});

describe('tiered (retroactive: the period volume picks one band for every unit)', () => {
  it('49 units stay at ×1.0: 49 × 5.00 × 1.0 = 245.00', () => {
    expect(periodAmounts(TIERED, units(49)).totalMinor).toBe(24_500);
  });

  it('50 units lift all 50 to ×1.2: 50 × 5.00 × 1.2 = 300.00', () => {
    expect(periodAmounts(TIERED, units(50)).totalMinor).toBe(30_000);
  });

  it("the issue's 220 units: 220 × 5.00 × 1.5 = 1,650.00", () => {
    const result = periodAmounts(TIERED, units(220));
    expect(result.totalMinor).toBe(165_000);
    expect(result.amounts[0]).toBe(750);
    expect(result.arithmetic).toBe('220 × 5.00 × 1.5 = 1,650.00');
  });

  it('10 refunds keep the band: 210 × 5.00 × 1.5 = 1,575.00, clawback 1,650.00 − 1,575.00 = 75.00', () => {
    const result = clawback(
      TIERED,
      220,
      165_000,
      units(10).map(() => ({ amountMinor: 750 })),
    );
    expect(result.totalMinor).toBe(-7_500);
    expect(result.recomputedMinor).toBe(157_500);
    expect(result.tierAdjustmentMinor).toBe(0);
    expect(result.arithmetic).toBe('recomputed: 210 × 5.00 × 1.5 = 1,575.00; clawback 1,650.00 − 1,575.00 = 75.00');
  });

  it('30 refunds drop the band: 190 × 5.00 × 1.2 = 1,140.00, clawback 1,650.00 − 1,140.00 = 510.00', () => {
    const result = clawback(
      TIERED,
      220,
      165_000,
      units(30).map(() => ({ amountMinor: 750 })),
    );
    expect(result.totalMinor).toBe(-51_000);
    expect(result.recomputedMinor).toBe(114_000);
    // 30 × −7.50 = −225.00 for the refunded units; 190 × (6.00 − 7.50) = −285.00 for the band's drop.
    expect(result.reversals.reduce((a, b) => a + b, 0)).toBe(-22_500);
    expect(result.tierAdjustmentMinor).toBe(-28_500);
  });

  it('a second clawback starts from the first: 210 → 190 units, 1,575.00 − 1,140.00 = 435.00', () => {
    const result = clawback(
      TIERED,
      210,
      157_500,
      units(20).map(() => ({ amountMinor: 750 })),
    );
    expect(result.totalMinor).toBe(-43_500);
  });

  it('property: the clawback always equals the recomputation difference, and clawbacks in steps add up to one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (claimed, a, b) => {
        const first = Math.min(a, claimed);
        const second = Math.min(b, claimed - first);
        const once = clawback(
          TIERED,
          claimed,
          tieredTotal(TIERED, claimed),
          units(first + second).map(() => ({ amountMinor: 0 })),
        );
        expect(once.totalMinor).toBe(tieredTotal(TIERED, claimed - first - second) - tieredTotal(TIERED, claimed));
        expect(once.reversals.reduce((x, y) => x + y, 0) + once.tierAdjustmentMinor).toBe(once.totalMinor);
        const step1 = clawback(
          TIERED,
          claimed,
          tieredTotal(TIERED, claimed),
          units(first).map(() => ({ amountMinor: 0 })),
        );
        const step2 = clawback(
          TIERED,
          claimed - first,
          step1.recomputedMinor,
          units(second).map(() => ({ amountMinor: 0 })),
        );
        expect(step1.totalMinor + step2.totalMinor).toBe(once.totalMinor);
        expect(Number.isInteger(once.totalMinor)).toBe(true);
      }),
    );
  });
});

describe('percentage of a recorded deal value', () => {
  it('2.5 % per deal, rounded per line: 2.5 % of 499.99 = 12.49975 → 12.50; of 100.00 = 2.50; total 15.00', () => {
    const result = periodAmounts({ kind: 'percentage', rateBp: 250 }, [{ dealValueMinor: 49_999 }, { dealValueMinor: 10_000 }]);
    expect(result.amounts).toEqual([1_250, 250]);
    expect(result.totalMinor).toBe(1_500);
  });

  it('a unit without a recorded deal value is not priced (null), and earns nothing', () => {
    const result = periodAmounts({ kind: 'percentage', rateBp: 250 }, [{ dealValueMinor: null }]);
    expect(result.amounts).toEqual([null]);
    expect(result.totalMinor).toBe(0);
  });
});
