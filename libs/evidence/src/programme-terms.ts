import { meetsLevel } from '@recert/sanitization';
import type { Level } from '@recert/sanitization';

/** A programme's rules, as one version stores them. Pure data: the evidence checks read it. */
export interface MarketTerms {
  market: string;
  /** Standard warranty from the sale. */
  warrantyMonths: number;
  /** The longest warranty a buyer may purchase. */
  extendableToMonths: number;
  /** Dead-on-arrival window from the sale. */
  doaDays: number;
}

export type RequiredLevel = Level;

export interface ProgrammeTerms {
  name: string;
  brands: string[];
  deviceClasses: string[];
  /** Level every medium must reach, by where the unit goes; leaving the owner's control needs at least Purge. */
  sanitization: { resale: RequiredLevel; returnToOwner: RequiredLevel };
  /** Test suite (id@version) per device class. */
  testSuites: Record<string, string>;
  /** Grading rubric (id@version), for every class that `rubrics` does not name. */
  rubric: string;
  /** A rubric (id@version) per device class, where it differs from `rubric` (a server is not graded like a notebook). */
  rubrics?: Record<string, string>;
  /** Internal grades (A–D) that may be certified. */
  certifiableGrades: string[];
  osLicenceRequired: boolean;
  markets: MarketTerms[];
  /** Who claims a unit's avoided emissions, and the displacement rate per market (default 1.0); see docs/carbon.md. */
  carbon?: { claimant: 'oem' | 'partner' | 'customer'; displacementRates?: Array<{ market: string; rate: number }> };
}

/** The rubric a programme grades a device class under. */
export const rubricFor = (terms: Pick<ProgrammeTerms, 'rubric' | 'rubrics'>, deviceClass: string): string =>
  terms.rubrics?.[deviceClass] ?? terms.rubric;

/** The sanitization library's order of levels: clear < purge < destroy. */
export const reaches = meetsLevel;

export interface TermProblem {
  path: string;
  messages: string[];
}

/**
 * What is wrong with a programme's terms beyond their shape: brands the OEM does not own, suites or a rubric
 * the catalogues do not know, a suite for the wrong device class, a warranty that cannot be extended to itself.
 */
export function termProblems(
  terms: ProgrammeTerms,
  ownedBrands: string[],
  catalogue: { suiteClass: (ref: string) => string | undefined; rubricClasses: (ref: string) => string[] | undefined },
): TermProblem[] {
  const problems: TermProblem[] = [];
  const foreign = terms.brands.filter((b) => !ownedBrands.includes(b));
  if (foreign.length) problems.push({ path: 'brands', messages: [`your organisation does not own: ${foreign.join(', ')}`] });
  for (const deviceClass of terms.deviceClasses) {
    const ref = terms.testSuites[deviceClass];
    const suiteClass = typeof ref === 'string' ? catalogue.suiteClass(ref) : undefined;
    if (suiteClass === undefined)
      problems.push({ path: `testSuites.${deviceClass}`, messages: [`a known test suite (id@version) is required for ${deviceClass}`] });
    else if (suiteClass !== deviceClass)
      problems.push({ path: `testSuites.${deviceClass}`, messages: [`${ref} tests ${suiteClass}, not ${deviceClass}`] });
  }
  for (const key of Object.keys(terms.testSuites)) {
    if (!terms.deviceClasses.includes(key))
      problems.push({ path: `testSuites.${key}`, messages: [`${key} is not one of the programme's device classes`] });
  }
  // Each class is graded under a rubric made for it: zones and defect codes that exist on that kind of unit.
  const rubricProblems = new Map<string, string[]>();
  const addRubricProblem = (path: string, message: string) => rubricProblems.set(path, [...(rubricProblems.get(path) ?? []), message]);
  if (!catalogue.rubricClasses(terms.rubric)) addRubricProblem('rubric', `unknown rubric ${terms.rubric}`);
  for (const deviceClass of terms.deviceClasses) {
    const named = terms.rubrics?.[deviceClass];
    const ref = rubricFor(terms, deviceClass);
    const path = named !== undefined ? `rubrics.${deviceClass}` : 'rubric';
    const classes = catalogue.rubricClasses(ref);
    if (!classes) {
      if (named !== undefined) addRubricProblem(path, `unknown rubric ${ref}`);
    } else if (!classes.includes(deviceClass))
      addRubricProblem(
        path,
        `${ref} grades ${classes.join(', ')}, not ${deviceClass}: name a rubric for ${deviceClass} in rubrics.${deviceClass}`,
      );
  }
  for (const key of Object.keys(terms.rubrics ?? {})) {
    if (!terms.deviceClasses.includes(key)) addRubricProblem(`rubrics.${key}`, `${key} is not one of the programme's device classes`);
  }
  for (const [path, messages] of rubricProblems) problems.push({ path, messages });
  const seen = new Set<string>();
  terms.markets.forEach((m, i) => {
    if (seen.has(m.market)) problems.push({ path: `markets.${i}.market`, messages: [`${m.market} is listed twice`] });
    seen.add(m.market);
    if (m.extendableToMonths < m.warrantyMonths)
      problems.push({ path: `markets.${i}.extendableToMonths`, messages: ['must be at least warrantyMonths'] });
  });
  return problems;
}

/** The warranty terms for a market, if the programme sells there. */
export const marketTerms = (terms: ProgrammeTerms, market: string) => terms.markets.find((m) => m.market === market);
