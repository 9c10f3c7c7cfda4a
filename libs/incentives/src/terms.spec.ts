import { incentiveTermProblems } from './terms';

const valid = {
  qualifyingEvents: ['certified_sale'],
  reversingEvents: ['refund'],
  period: 'monthly',
  currency: 'EUR',
  rule: { kind: 'per_unit' },
};

describe('incentive terms', () => {
  it('accepts a closed-vocabulary programme', () => {
    expect(incentiveTermProblems(valid)).toEqual([]);
  });

  it('names every unknown value at once', () => {
    const problems = incentiveTermProblems({ ...valid, qualifyingEvents: ['sold_twice'], currency: 'XBT', period: 'weekly' });
    expect(problems.map((p) => p.field)).toEqual(['qualifyingEvents', 'period', 'currency']);
    expect(problems[0].message).toContain('sold_twice');
  });

  it('tiers must start at 0 and not repeat a volume', () => {
    const problems = incentiveTermProblems({ ...valid, rule: { kind: 'tiered', tiers: [{ minUnits: 50 }, { minUnits: 50 }] } });
    expect(problems.map((p) => p.code)).toEqual(['tiers-start-at-zero', 'tiers-overlap']);
  });
});
