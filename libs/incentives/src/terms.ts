import { CURRENCIES, Currency } from './money';
import { PERIOD_KINDS, PeriodKind } from './period';
import { IncentiveRule, RULE_KINDS } from './rules';

/** What a partner is paid for, and the trail entry that proves it. */
export const QUALIFYING_EVENTS = {
  takeback_received: 'RECEIVE',
  certified: 'CERTIFY',
  certified_sale: 'SELL',
  returned_to_owner: 'RETURN_TO_OWNER',
} as const;
export type QualifyingEvent = keyof typeof QUALIFYING_EVENTS;

/** Later entries of the unit's trail that undo a qualifying one (RMA outcomes are recorded as RMA_RESOLVED). */
export const REVERSING_EVENTS = {
  refund: { eventType: 'RMA_RESOLVED', outcome: 'refunded' },
  rma_replacement: { eventType: 'RMA_RESOLVED', outcome: 'replaced' },
  rma_received: { eventType: 'RECEIVE_RMA', outcome: null },
} as const;
export type ReversingEvent = keyof typeof REVERSING_EVENTS;

export interface IncentiveFilters {
  brands: string[];
  deviceClasses: string[];
  markets: string[];
  grades: string[];
}

/** One version of an incentive programme's rules, as stored. Empty filter lists mean "any". */
export interface IncentiveTerms {
  name: string;
  qualifyingEvents: QualifyingEvent[];
  filters: IncentiveFilters;
  period: PeriodKind;
  rule: IncentiveRule;
  currency: Currency;
  claimWindowDays: number;
  clawbackWindowDays: number;
  reversingEvents: ReversingEvent[];
}

export interface TermProblem {
  field: string;
  code: string;
  message: string;
}

const unknownOf = (values: readonly string[], known: readonly string[]) => values.filter((v) => !known.includes(v));

/** Every problem of a version's terms at once: closed vocabularies first, then the rule's own consistency. */
export function incentiveTermProblems(terms: {
  qualifyingEvents: string[];
  reversingEvents: string[];
  period: string;
  currency: string;
  rule: { kind: string; tiers?: Array<{ minUnits: number }> };
}): TermProblem[] {
  const problems: TermProblem[] = [];
  const vocab = (field: string, values: string[], known: readonly string[]) => {
    const unknown = unknownOf(values, known);
    if (unknown.length)
      problems.push({ field, code: 'unknown-value', message: `unknown ${field}: ${unknown.join(', ')}; known: ${known.join(', ')}` });
  };
  vocab('qualifyingEvents', terms.qualifyingEvents, Object.keys(QUALIFYING_EVENTS));
  vocab('reversingEvents', terms.reversingEvents, Object.keys(REVERSING_EVENTS));
  vocab('period', [terms.period], PERIOD_KINDS);
  vocab('currency', [terms.currency], CURRENCIES);
  vocab('rule.kind', [terms.rule.kind], RULE_KINDS);
  if (terms.rule.kind === 'tiered') {
    const mins = (terms.rule.tiers ?? []).map((t) => t.minUnits);
    if (!mins.includes(0)) problems.push({ field: 'rule.tiers', code: 'tiers-start-at-zero', message: 'one tier must start at 0 units' });
    if (new Set(mins).size !== mins.length)
      problems.push({ field: 'rule.tiers', code: 'tiers-overlap', message: 'two tiers start at the same volume' });
  }
  return problems;
}
