import { applyBasisPoints, basisPointsToDecimal, formatMinor } from './money';

/** One volume band: from `minUnits` qualifying units in the period on, each unit earns the amount × multiplier. */
export interface Tier {
  minUnits: number;
  multiplierBp: number;
}

/**
 * How a qualifying unit earns. `tiered` is retroactive: the period's whole volume picks one band, and every unit
 * of the period earns at that band (crossing 200 units lifts the first 199 too).
 */
export type IncentiveRule =
  | { kind: 'per_unit'; amountMinor: number }
  | { kind: 'tiered'; amountMinor: number; tiers: Tier[] }
  | { kind: 'percentage'; rateBp: number };

export const RULE_KINDS = ['per_unit', 'tiered', 'percentage'] as const;

/** What a line of the period brings to the rule: a recorded deal value, for `percentage`. */
export interface QualifyingUnit {
  dealValueMinor?: number | null;
}

export interface PeriodAmounts {
  /** Each unit's amount, in the order given (null: the rule cannot price it, e.g. no recorded deal value). */
  amounts: Array<number | null>;
  totalMinor: number;
  /** The band picked by the period's volume (tiered only). */
  tier: Tier | null;
  arithmetic: string;
}

/** The band a volume falls in: the highest `minUnits` not above it (tiers are validated to start at 0). */
export function tierFor(tiers: Tier[], units: number): Tier {
  return [...tiers].sort((a, b) => b.minUnits - a.minUnits).find((t) => units >= t.minUnits) ?? { minUnits: 0, multiplierBp: 0 };
}

/** A tiered unit's amount at a volume: amount × the band's multiplier, rounded to a minor unit once. */
export function tieredUnitAmount(rule: { amountMinor: number; tiers: Tier[] }, units: number): number {
  return applyBasisPoints(rule.amountMinor, tierFor(rule.tiers, units).multiplierBp);
}

/** What a tiered period of `units` earns in all: units × the unit amount at their band. */
export function tieredTotal(rule: { amountMinor: number; tiers: Tier[] }, units: number): number {
  return units * tieredUnitAmount(rule, units);
}

const tieredArithmetic = (rule: { amountMinor: number; tiers: Tier[] }, units: number) =>
  `${units} × ${formatMinor(rule.amountMinor)} × ${basisPointsToDecimal(tierFor(rule.tiers, units).multiplierBp)} = ${formatMinor(tieredTotal(rule, units))}`;

/** The amounts of one period's qualifying units under a rule, with the arithmetic people can check. */
export function periodAmounts(rule: IncentiveRule, units: QualifyingUnit[]): PeriodAmounts {
  switch (rule.kind) {
    case 'per_unit': {
      const totalMinor = units.length * rule.amountMinor;
      return {
        amounts: units.map(() => rule.amountMinor),
        totalMinor,
        tier: null,
        arithmetic: `${units.length} × ${formatMinor(rule.amountMinor)} = ${formatMinor(totalMinor)}`,
      };
    }
    case 'tiered': {
      const each = tieredUnitAmount(rule, units.length);
      return {
        amounts: units.map(() => each),
        totalMinor: units.length * each,
        tier: tierFor(rule.tiers, units.length),
        arithmetic: tieredArithmetic(rule, units.length),
      };
    }
    case 'percentage': {
      const amounts = units.map((u) => (u.dealValueMinor == null ? null : applyBasisPoints(u.dealValueMinor, rule.rateBp)));
      const priced = units.filter((u) => u.dealValueMinor != null);
      const dealTotal = priced.reduce((sum, u) => sum + (u.dealValueMinor ?? 0), 0);
      const totalMinor = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
      return {
        amounts,
        totalMinor,
        tier: null,
        arithmetic: `${basisPointsToDecimal(rule.rateBp * 100)} % of each deal value, rounded per line: ${priced.length} deals worth ${formatMinor(dealTotal)} → ${formatMinor(totalMinor)}`,
      };
    }
  }
}

export interface ReversedLine {
  /** What the line earned when it was claimed (per_unit, percentage: given back whole). */
  amountMinor: number;
}

export interface Clawback {
  /** One negative amount per reversed line. */
  reversals: number[];
  /** For tiered: the change of band applied to the units that remain (0 when the band holds). */
  tierAdjustmentMinor: number;
  totalMinor: number;
  /** The period's amount after this clawback (tiered: recomputed over the units that remain). */
  recomputedMinor: number;
  arithmetic: string;
}

/**
 * What reversals (refunds, RMA replacements) take back from a period already claimed.
 * `remainingBefore`: the period's units still standing before these reversals (claimed minus earlier reversals);
 * `amountBeforeMinor`: what the period stands at before them (its claim minus earlier clawbacks).
 * Tiered: each reversed unit gives back its unit amount at the band standing before, and the units that remain
 * are recomputed at their band; together the clawback is the difference of the two period amounts:
 * 220 claimed, 30 reversed → 190 × 5.00 × 1.2 = 1,140.00; 1,650.00 − 1,140.00 = 510.00.
 */
export function clawback(rule: IncentiveRule, remainingBefore: number, amountBeforeMinor: number, reversed: ReversedLine[]): Clawback {
  if (rule.kind !== 'tiered') {
    const reversals = reversed.map((line) => -line.amountMinor);
    const totalMinor = reversals.reduce((sum, a) => sum + a, 0);
    const recomputedMinor = amountBeforeMinor + totalMinor;
    return {
      reversals,
      tierAdjustmentMinor: 0,
      totalMinor,
      recomputedMinor,
      arithmetic: `${reversed.length} reversed: ${formatMinor(amountBeforeMinor)} − ${formatMinor(-totalMinor)} = ${formatMinor(recomputedMinor)}`,
    };
  }
  const remaining = remainingBefore - reversed.length;
  const unitBefore = tieredUnitAmount(rule, remainingBefore);
  const reversals = reversed.map(() => -unitBefore);
  const recomputedMinor = tieredTotal(rule, remaining);
  const totalMinor = recomputedMinor - amountBeforeMinor;
  return {
    reversals,
    tierAdjustmentMinor: totalMinor + reversed.length * unitBefore,
    totalMinor,
    recomputedMinor,
    arithmetic: `recomputed: ${tieredArithmetic(rule, remaining)}; clawback ${formatMinor(amountBeforeMinor)} − ${formatMinor(recomputedMinor)} = ${formatMinor(-totalMinor)}`,
  };
}
