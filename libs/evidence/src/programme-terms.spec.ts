import { ProgrammeTerms, reaches, termProblems } from './programme-terms';

const terms: ProgrammeTerms = {
  name: 'P', brands: ['lenovo'], deviceClasses: ['notebook', 'server'], sanitization: { resale: 'purge', returnToOwner: 'clear' },
  testSuites: { notebook: 'notebook-standard@1', server: 'server-standard@1' }, rubric: 'notebook-cosmetic@1', certifiableGrades: ['A'],
  osLicenceRequired: false, markets: [{ market: 'DE', warrantyMonths: 12, extendableToMonths: 24, doaDays: 14 }],
};
const catalogue = {
  suiteClass: (ref: string) => ({ 'notebook-standard@1': 'notebook', 'server-standard@1': 'server' })[ref],
  rubricExists: (ref: string) => ref === 'notebook-cosmetic@1',
};

describe('programme terms', () => {
  it('accepts terms whose every reference resolves', () => {
    expect(termProblems(terms, ['lenovo'], catalogue)).toEqual([]);
  });

  it('names each problem with its field', () => {
    const problems = termProblems({ ...terms, brands: ['lenovo', 'hp'], testSuites: { notebook: 'server-standard@1', tablet: 'x@1' }, rubric: 'r@9',
      markets: [...terms.markets, { market: 'DE', warrantyMonths: 24, extendableToMonths: 12, doaDays: 0 }] }, ['lenovo'], catalogue);
    expect(problems.map((p) => p.path)).toEqual(['brands', 'testSuites.notebook', 'testSuites.server', 'testSuites.tablet', 'rubric', 'markets.1.market', 'markets.1.extendableToMonths']);
  });

  it('orders levels clear < purge < destroy; nothing reaches any level', () => {
    expect(reaches('purge', 'clear')).toBe(true);
    expect(reaches('destroy', 'purge')).toBe(true);
    expect(reaches('clear', 'purge')).toBe(false);
    expect(reaches(null, 'clear')).toBe(false);
  });
});
