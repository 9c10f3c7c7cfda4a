import { defaultSuiteFor, evaluateSuite, findSuite, suiteProblems, suiteRef, TestSuite } from '@recert/diagnostics';
import { computeGrade, defaultRubricFor, findRubric, Rubric, rubricRef } from '@recert/grading';
import type { Functional } from '@recert/grading';
import type { GradeEvent, RegradeEvent, TestResultEvent } from '@recert/lifecycle';
import { DomainErrorCode, Reason, rejected } from '../../common/domain-error';
import type { Admitted } from '../command-context';
import type { EvidenceContext } from './evidence-context';

/** The suite named, else the pinned programme's suite for the unit's class, else the class's default. */
async function suiteFor(ev: EvidenceContext, named: string | undefined): Promise<TestSuite> {
  const ref = named ?? (await ev.pinnedProgramme())?.terms.testSuites[ev.unit.deviceClass];
  const suite = ref ? findSuite(ref) : defaultSuiteFor(ev.unit.deviceClass);
  if (!suite) throw rejected(DomainErrorCode.EvidenceRejected, 'No test suite for this unit.', [{ code: 'suite-unknown', message: `unknown test suite ${ref ?? `for ${ev.unit.deviceClass}`}` }]);
  if (suite.deviceClass !== ev.unit.deviceClass) {
    throw rejected(DomainErrorCode.EvidenceRejected, 'The suite is for another device class.', [{ code: 'suite-wrong-class', message: `${suiteRef(suite)} tests ${suite.deviceClass}, this unit is a ${ev.unit.deviceClass}` }]);
  }
  return suite;
}

/** TEST_RESULT: the suite judges the measured values; measurements it cannot judge are refused (422). */
export async function admitTestResult(ev: EvidenceContext, event: TestResultEvent): Promise<Admitted> {
  const suite = await suiteFor(ev, event.suite);
  const measurements = event.measurements ?? [];
  const problems = suiteProblems(suite, measurements);
  if (problems) {
    const reasons: Reason[] = [
      ...problems.missing.map((check) => ({ code: 'check-missing', message: `required check ${check} was not measured` })),
      ...problems.unknown.map((check) => ({ code: 'check-unknown', message: `${suiteRef(suite)} has no check ${check}` })),
      ...problems.mistyped.map((check) => ({ code: 'check-mistyped', message: `${check} needs a ${typeof measurements.find((m) => m.check === check)?.value === 'boolean' ? 'number' : 'boolean'}` })),
      ...problems.duplicated.map((check) => ({ code: 'check-repeated', message: `${check} is measured twice` })),
    ];
    throw rejected(DomainErrorCode.EvidenceRejected, `The measurements cannot be judged under ${suiteRef(suite)}.`, reasons, { missing: problems.missing });
  }
  const verdict = evaluateSuite(suite, measurements);
  return { event: { ...event, suite: verdict.suite, result: verdict.result, checks: verdict.checks, failed: verdict.failed }, evidence: { ...verdict } };
}

async function rubricFor(ev: EvidenceContext, named: string | undefined): Promise<Rubric> {
  const ref = named ?? (await ev.pinnedProgramme())?.terms.rubric;
  const rubric = ref ? findRubric(ref) : defaultRubricFor(ev.unit.deviceClass);
  if (!rubric) throw rejected(DomainErrorCode.EvidenceRejected, 'Unknown rubric.', [{ code: 'rubric-unknown', message: `unknown rubric ${ref}` }]);
  return rubric;
}

const FUNCTIONAL: Record<string, Functional> = { passed: 'passed', failed: 'failed', untested: 'untested', repairing: 'failed' };

/** GRADE / REGRADE: the rubric computes the grades from the recorded defects and the unit's test outcome. */
export async function admitGrade(ev: EvidenceContext, event: GradeEvent | RegradeEvent): Promise<Admitted> {
  const rubric = await rubricFor(ev, typeof event.rubric === 'string' ? event.rubric : undefined);
  const defects = event.defects ?? [];
  const result = computeGrade(rubric, defects, FUNCTIONAL[ev.context.condition]);
  const previous = event.type === 'REGRADE' ? (await ev.latest('GRADE', 'REGRADE'))?.payload.grade ?? null : undefined;
  const stored = { ...event, rubric: rubricRef(rubric), grade: result.grade, computed: result, ...(previous !== undefined ? { previousGrade: previous } : {}) };
  return { event: stored, evidence: { ...result, ...(previous !== undefined ? { previousGrade: previous } : {}) } };
}
