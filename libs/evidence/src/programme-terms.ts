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
  /** Grading rubric (id@version). */
  rubric: string;
  /** Internal grades (A–D) that may be certified. */
  certifiableGrades: string[];
  osLicenceRequired: boolean;
  markets: MarketTerms[];
}

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
  catalogue: { suiteClass: (ref: string) => string | undefined; rubricExists: (ref: string) => boolean },
): TermProblem[] {
  const problems: TermProblem[] = [];
  const foreign = terms.brands.filter((b) => !ownedBrands.includes(b));
  if (foreign.length) problems.push({ path: 'brands', messages: [`your organisation does not own: ${foreign.join(', ')}`] });
  for (const deviceClass of terms.deviceClasses) {
    const ref = terms.testSuites[deviceClass];
    const suiteClass = typeof ref === 'string' ? catalogue.suiteClass(ref) : undefined;
    if (suiteClass === undefined) problems.push({ path: `testSuites.${deviceClass}`, messages: [`a known test suite (id@version) is required for ${deviceClass}`] });
    else if (suiteClass !== deviceClass) problems.push({ path: `testSuites.${deviceClass}`, messages: [`${ref} tests ${suiteClass}, not ${deviceClass}`] });
  }
  for (const key of Object.keys(terms.testSuites)) {
    if (!terms.deviceClasses.includes(key)) problems.push({ path: `testSuites.${key}`, messages: [`${key} is not one of the programme's device classes`] });
  }
  if (!catalogue.rubricExists(terms.rubric)) problems.push({ path: 'rubric', messages: [`unknown rubric ${terms.rubric}`] });
  const seen = new Set<string>();
  terms.markets.forEach((m, i) => {
    if (seen.has(m.market)) problems.push({ path: `markets.${i}.market`, messages: [`${m.market} is listed twice`] });
    seen.add(m.market);
    if (m.extendableToMonths < m.warrantyMonths) problems.push({ path: `markets.${i}.extendableToMonths`, messages: ['must be at least warrantyMonths'] });
  });
  return problems;
}

/** The warranty terms for a market, if the programme sells there. */
export const marketTerms = (terms: ProgrammeTerms, market: string) => terms.markets.find((m) => m.market === market);
