/**
 * A test suite is versioned data: which checks a device class must pass and each check's pass rule. The suite
 * decides pass or fail from measured values, so two technicians with the same readings get the same verdict.
 */
export type CheckRule =
  | { kind: 'boolean' }
  /** The measured value must be at least `threshold` (battery health %). */
  | { kind: 'min'; threshold: number; unit: string }
  /** The measured value must be at most `threshold` (SMART reallocated sectors). */
  | { kind: 'max'; threshold: number; unit: string };

export interface SuiteCheck {
  name: string;
  description: string;
  required: boolean;
  rule: CheckRule;
}

export interface TestSuite {
  id: string;
  version: number;
  deviceClass: string;
  checks: SuiteCheck[];
}

export interface Measurement {
  check: string;
  value: number | boolean;
}

export interface CheckOutcome {
  check: string;
  value: number | boolean;
  rule: string;
  passed: boolean;
}

export interface SuiteVerdict {
  suite: string;
  result: 'pass' | 'fail';
  checks: CheckOutcome[];
  failed: string[];
}

/** Why measurements cannot be judged: they are incomplete or do not fit the suite. */
export interface SuiteProblems {
  missing: string[];
  unknown: string[];
  mistyped: string[];
  duplicated: string[];
}

export const suiteRef = (suite: Pick<TestSuite, 'id' | 'version'>) => `${suite.id}@${suite.version}`;

const describeRule = (rule: CheckRule): string =>
  rule.kind === 'boolean' ? 'must pass' : `${rule.kind === 'min' ? '≥' : '≤'} ${rule.threshold} ${rule.unit}`;

function passes(rule: CheckRule, value: number | boolean): boolean {
  if (rule.kind === 'boolean') return value === true;
  return rule.kind === 'min' ? (value as number) >= rule.threshold : (value as number) <= rule.threshold;
}

/** What stops these measurements from being judged under the suite; null when they can be. */
export function suiteProblems(suite: TestSuite, measurements: Measurement[]): SuiteProblems | null {
  const byName = new Map(suite.checks.map((c) => [c.name, c]));
  const seen = new Set<string>();
  const problems: SuiteProblems = { missing: [], unknown: [], mistyped: [], duplicated: [] };
  for (const m of measurements) {
    const check = byName.get(m.check);
    if (seen.has(m.check)) problems.duplicated.push(m.check);
    seen.add(m.check);
    if (!check) problems.unknown.push(m.check);
    else if ((check.rule.kind === 'boolean') !== (typeof m.value === 'boolean')) problems.mistyped.push(m.check);
  }
  problems.missing = suite.checks.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  return Object.values(problems).some((list) => list.length > 0) ? problems : null;
}

/** The suite's verdict on measurements that fit it (see `suiteProblems`). Pure. */
export function evaluateSuite(suite: TestSuite, measurements: Measurement[]): SuiteVerdict {
  const byName = new Map(suite.checks.map((c) => [c.name, c]));
  const checks = measurements.map((m) => {
    const rule = byName.get(m.check)!.rule;
    return { check: m.check, value: m.value, rule: describeRule(rule), passed: passes(rule, m.value) };
  });
  const failed = checks.filter((c) => !c.passed).map((c) => c.check);
  return { suite: suiteRef(suite), result: failed.length === 0 ? 'pass' : 'fail', checks, failed };
}
