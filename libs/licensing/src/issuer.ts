/** What the issuing OEM has: the codes of its programmes (with their ids) and the brands it owns. */
export interface Issuer {
  programmes: Array<{ id: string; code: string }>;
  brands: string[];
}

export interface BindingProblem {
  path: string;
  messages: string[];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A licence is bound to its issuer: it names one existing programme of the issuing OEM by the programme's code
 * (codes are unique per OEM; an id is refused, so two spellings of one binding never exist), and licenses only
 * brands that OEM owns. Every problem at once, by field.
 */
export function licenceBindingProblems(issuer: Issuer, licence: { programme?: string; brands: string[] }): BindingProblem[] {
  const problems: BindingProblem[] = [];
  if (licence.programme !== undefined && !issuer.programmes.some((p) => p.code === licence.programme)) {
    const byId = issuer.programmes.find((p) => p.id === licence.programme);
    const codes = issuer.programmes.map((p) => p.code);
    const message = byId
      ? `a licence names its programme by its code: use "${byId.code}", not the programme's id`
      : `the issuing OEM has no programme "${licence.programme}"; its programmes: ${codes.length ? codes.join(', ') : '(none)'}`;
    problems.push({ path: 'programme', messages: [message] });
  }
  const foreign = licence.brands.filter((b) => !issuer.brands.some((own) => same(own, b)));
  if (foreign.length) {
    problems.push({
      path: 'scope.brands',
      messages: [
        `${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not a brand of the issuing OEM (its brands: ${issuer.brands.join(', ') || '(none)'})`,
      ],
    });
  }
  return problems;
}
