import { INTERNAL_GRADES } from '@recert/grading';
import {
  basisPointsToDecimal,
  decimalToBasisPoints,
  formatMinor,
  IncentiveRule,
  IncentiveTerms,
  incentiveTermProblems,
  majorToMinor,
  TermProblem,
} from '@recert/incentives';
import { DEVICE_CLASSES } from '../devices/device.entity';
import type { IncentiveRuleDto, IncentiveTermsDto } from './incentive.dto';

/** The DTO's shape is validated; here the closed vocabularies and the rule's fields: every problem, or the stored terms. */
export function parseTerms(dto: IncentiveTermsDto): { terms: IncentiveTerms } | { problems: TermProblem[] } {
  const rule = dto.rule;
  const problems = incentiveTermProblems({ ...dto, rule: { kind: rule.kind, tiers: rule.tiers } });
  const vocab = (field: string, values: string[] | undefined, known: readonly string[]) => {
    const unknown = (values ?? []).filter((v) => !known.includes(v));
    if (unknown.length)
      problems.push({ field, code: 'unknown-value', message: `unknown ${field}: ${unknown.join(', ')}; known: ${known.join(', ')}` });
  };
  vocab('filters.deviceClasses', dto.filters?.deviceClasses, DEVICE_CLASSES);
  vocab('filters.grades', dto.filters?.grades, INTERNAL_GRADES);
  const parsed = parseRule(rule, problems);
  if (problems.length || !parsed) return { problems };
  return {
    terms: {
      name: dto.name,
      qualifyingEvents: [...new Set(dto.qualifyingEvents)].sort() as IncentiveTerms['qualifyingEvents'],
      filters: {
        brands: [...new Set((dto.filters?.brands ?? []).map((b) => b.toLowerCase()))].sort(),
        deviceClasses: [...new Set(dto.filters?.deviceClasses ?? [])].sort(),
        markets: [...new Set(dto.filters?.markets ?? [])].sort(),
        grades: [...new Set(dto.filters?.grades ?? [])].sort(),
      },
      period: dto.period as IncentiveTerms['period'],
      rule: parsed,
      currency: dto.currency as IncentiveTerms['currency'],
      claimWindowDays: dto.claimWindowDays,
      clawbackWindowDays: dto.clawbackWindowDays,
      reversingEvents: [...new Set(dto.reversingEvents)].sort() as IncentiveTerms['reversingEvents'],
    },
  };
}

function parseRule(rule: IncentiveRuleDto, problems: TermProblem[]): IncentiveRule | undefined {
  const need = (field: string, present: boolean) => {
    if (!present) problems.push({ field: `rule.${field}`, code: 'required', message: `a ${rule.kind} rule needs rule.${field}` });
    return present;
  };
  if (rule.kind === 'per_unit' && need('amount', rule.amount !== undefined))
    return { kind: 'per_unit', amountMinor: majorToMinor(rule.amount!)! };
  if (rule.kind === 'tiered' && need('amount', rule.amount !== undefined) && need('tiers', rule.tiers !== undefined)) {
    const tiers = rule.tiers!.map((t) => ({ minUnits: t.minUnits, multiplierBp: decimalToBasisPoints(t.multiplier)! }));
    return { kind: 'tiered', amountMinor: majorToMinor(rule.amount!)!, tiers: tiers.sort((a, b) => a.minUnits - b.minUnits) };
  }
  if (rule.kind === 'percentage' && need('percent', rule.percent !== undefined)) {
    const rateBp = majorToMinor(rule.percent!);
    if (rateBp === undefined || rateBp > 10_000) {
      problems.push({ field: 'rule.percent', code: 'invalid-percent', message: 'percent is 0–100 with at most two decimals' });
      return undefined;
    }
    return { kind: 'percentage', rateBp };
  }
  return undefined;
}

/** The rule as people wrote it: decimals, never minor units or basis points. */
export function ruleView(rule: IncentiveRule): IncentiveRuleDto {
  switch (rule.kind) {
    case 'per_unit':
      return { kind: rule.kind, amount: formatMinor(rule.amountMinor).replace(/,/g, '') };
    case 'tiered':
      return {
        kind: rule.kind,
        amount: formatMinor(rule.amountMinor).replace(/,/g, ''),
        tiers: rule.tiers.map((t) => ({ minUnits: t.minUnits, multiplier: basisPointsToDecimal(t.multiplierBp) })),
      };
    case 'percentage':
      return { kind: rule.kind, percent: formatMinor(rule.rateBp).replace(/,/g, '') };
  }
}
