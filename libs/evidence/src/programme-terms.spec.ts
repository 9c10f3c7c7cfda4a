import { ProgrammeTerms, reaches, termProblems } from './programme-terms';

const terms: ProgrammeTerms = {
  name: 'P',
  brands: ['lenovo'],
  deviceClasses: ['notebook', 'server'],
  sanitization: { resale: 'purge', returnToOwner: 'clear' },
  testSuites: { notebook: 'notebook-standard@1', server: 'server-standard@1' },
  rubric: 'notebook-cosmetic@1',
  rubrics: { server: 'server-cosmetic@1' },
  certifiableGrades: ['A'],
  osLicenceRequired: false,
  markets: [{ market: 'DE', warrantyMonths: 12, extendableToMonths: 24, doaDays: 14 }],
};
const catalogue = {
  suiteClass: (ref: string) => ({ 'notebook-standard@1': 'notebook', 'server-standard@1': 'server' })[ref],
  rubricClasses: (ref: string) =>
    ({ 'notebook-cosmetic@1': ['notebook'], 'server-cosmetic@1': ['server'], 'chassis-cosmetic@1': ['desktop', 'workstation', 'server'] })[
      ref
    ],
};

describe('programme terms', () => {
  it('accepts terms whose every reference resolves', () => {
    expect(termProblems(terms, ['lenovo'], catalogue)).toEqual([]);
  });

  it('names each problem with its field', () => {
    const problems = termProblems(
      {
        ...terms,
        brands: ['lenovo', 'hp'],
        testSuites: { notebook: 'server-standard@1', tablet: 'x@1' },
        rubric: 'r@9',
        markets: [...terms.markets, { market: 'DE', warrantyMonths: 24, extendableToMonths: 12, doaDays: 0 }],
      },
      ['lenovo'],
      catalogue,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'brands',
      'testSuites.notebook',
      'testSuites.server',
      'testSuites.tablet',
      'rubric',
      'markets.1.market',
      'markets.1.extendableToMonths',
    ]);
  });

  it("grades each class under a rubric made for it: the programme's rubric, or the one rubrics names for the class", () => {
    // one rubric for a notebook and a server: the server would be graded on a notebook's lid and keyboard
    expect(termProblems({ ...terms, rubrics: undefined }, ['lenovo'], catalogue)).toEqual([
      { path: 'rubric', messages: ['notebook-cosmetic@1 grades notebook, not server: name a rubric for server in rubrics.server'] },
    ]);
    // a rubric made for several classes serves each of them
    expect(termProblems({ ...terms, rubrics: { server: 'chassis-cosmetic@1' } }, ['lenovo'], catalogue)).toEqual([]);
    // a notebook rubric named for the server, an unknown one, and a class the programme does not cover
    expect(
      termProblems({ ...terms, rubrics: { server: 'notebook-cosmetic@1', tablet: 'tablet-cosmetic@1' } }, ['lenovo'], catalogue),
    ).toEqual([
      { path: 'rubrics.server', messages: ['notebook-cosmetic@1 grades notebook, not server: name a rubric for server in rubrics.server'] },
      { path: 'rubrics.tablet', messages: ["tablet is not one of the programme's device classes"] },
    ]);
  });

  it('orders levels clear < purge < destroy; nothing reaches any level', () => {
    expect(reaches('purge', 'clear')).toBe(true);
    expect(reaches('destroy', 'purge')).toBe(true);
    expect(reaches('clear', 'purge')).toBe(false);
    expect(reaches(null, 'clear')).toBe(false);
  });
});
