import type { TrailEntry } from '@recert/audit';
import { defaultSuiteFor, evaluateSuite, findSuite, suiteProblems, suiteRef } from '@recert/diagnostics';
import type { TestSuite } from '@recert/diagnostics';
import { computeGrade, defaultRubricFor, findRubric, rubricRef, severitiesOf, zonesOf } from '@recert/grading';
import type { Functional, Rubric } from '@recert/grading';
import type { Condition, GradeEvent, RegradeEvent, TestResultEvent } from '@recert/lifecycle';
import type { ProgrammeVersion, Reason } from './facts';
import { admit, Judgement, refuse } from './judgement';
import { rubricFor } from './programme-terms';
import { unknownValue, unknownValues } from './vocabulary';

export interface TestResultFacts {
  deviceClass: string;
  /** The programme the unit is pinned to; read only when the event names no suite. */
  pinnedProgramme: ProgrammeVersion | undefined;
}

/** The suite named, else the pinned programme's suite for the unit's class, else the class's default. */
function suiteFor(facts: TestResultFacts, named: string | undefined): TestSuite | Judgement<never> {
  const ref = named ?? facts.pinnedProgramme?.terms.testSuites[facts.deviceClass];
  const suite = ref ? findSuite(ref) : defaultSuiteFor(facts.deviceClass);
  if (!suite)
    return refuse('No test suite for this unit.', [
      { code: 'suite-unknown', message: `unknown test suite ${ref ?? `for ${facts.deviceClass}`}` },
    ]);
  if (suite.deviceClass !== facts.deviceClass) {
    return refuse('The suite is for another device class.', [
      { code: 'suite-wrong-class', message: `${suiteRef(suite)} tests ${suite.deviceClass}, this unit is a ${facts.deviceClass}` },
    ]);
  }
  return suite;
}

/** TEST_RESULT: the suite judges the measured values; measurements it cannot judge are refused (422). */
export function judgeTestResult(facts: TestResultFacts, event: TestResultEvent): Judgement<TestResultEvent> {
  const suite = suiteFor(facts, event.suite);
  if ('ok' in suite) return suite;
  const measurements = event.measurements ?? [];
  const problems = suiteProblems(suite, measurements);
  if (problems) {
    const reasons: Reason[] = [
      ...problems.missing.map((check) => ({ code: 'check-missing', message: `required check ${check} was not measured` })),
      ...problems.unknown.map((check) => ({
        ...unknownValue(
          'check-unknown',
          `measurements[${measurements.findIndex((m) => m.check === check)}].check`,
          check,
          suite.checks.map((c) => c.name),
          suiteRef(suite),
        ),
        message: `${suiteRef(suite)} has no check ${check}`,
      })),
      ...problems.mistyped.map((check) => ({
        code: 'check-mistyped',
        message: `${check} needs a ${typeof measurements.find((m) => m.check === check)?.value === 'boolean' ? 'number' : 'boolean'}`,
      })),
      ...problems.duplicated.map((check) => ({ code: 'check-repeated', message: `${check} is measured twice` })),
    ];
    return refuse(`The measurements cannot be judged under ${suiteRef(suite)}.`, reasons, { missing: problems.missing });
  }
  const verdict = evaluateSuite(suite, measurements);
  return admit({ ...event, suite: verdict.suite, result: verdict.result, checks: verdict.checks, failed: verdict.failed }, { ...verdict });
}

export interface GradeFacts {
  deviceClass: string;
  condition: Condition;
  /** The programme the unit is pinned to; read only when the event names no rubric. */
  pinnedProgramme: ProgrammeVersion | undefined;
  /** The latest GRADE or REGRADE entry; read only for a REGRADE. */
  lastGrade: TrailEntry | undefined;
}

function rubricOf(facts: GradeFacts, named: string | undefined): Rubric | Judgement<never> {
  const ref = named ?? (facts.pinnedProgramme ? rubricFor(facts.pinnedProgramme.terms, facts.deviceClass) : undefined);
  const rubric = ref ? findRubric(ref) : defaultRubricFor(facts.deviceClass);
  if (!rubric) return refuse('Unknown rubric.', [{ code: 'rubric-unknown', message: `unknown rubric ${ref}` }]);
  // A rubric grades the kinds of unit it was made for: a server has no lid, a monitor no keyboard.
  if (!rubric.deviceClasses.includes(facts.deviceClass)) {
    return refuse('The rubric is for another device class.', [
      {
        code: 'rubric-wrong-class',
        message: `${rubricRef(rubric)} grades ${rubric.deviceClasses.join(', ')}, this unit is a ${facts.deviceClass}`,
      },
    ]);
  }
  return rubric;
}

/** The rubric named by a GRADE or REGRADE, if the client named one. */
export const namedRubric = (event: GradeEvent | RegradeEvent) => (typeof event.rubric === 'string' ? event.rubric : undefined);

const FUNCTIONAL: Record<Condition, Functional> = { passed: 'passed', failed: 'failed', untested: 'untested', repairing: 'failed' };

/** GRADE / REGRADE: the rubric computes the grades from the recorded defects and the unit's test outcome. */
export function judgeGrade(facts: GradeFacts, event: GradeEvent | RegradeEvent): Judgement<GradeEvent | RegradeEvent> {
  const rubric = rubricOf(facts, namedRubric(event));
  if ('ok' in rubric) return rubric;
  const defects = event.defects ?? [];
  // The rubric's vocabularies are closed: a typo would silently break "was this defect recorded at grading?".
  const ref = rubricRef(rubric);
  const reasons = [
    ...unknownValues(
      'defect-code-unknown',
      defects.map((d, i) => [`defects[${i}].code`, d.code]),
      rubric.defectCodes,
      ref,
    ),
    ...unknownValues(
      'zone-unknown',
      defects.map((d, i) => [`defects[${i}].zone`, d.zone]),
      zonesOf(rubric),
      ref,
    ),
    ...unknownValues(
      'severity-unknown',
      defects.map((d, i) => [`defects[${i}].severity`, String(d.severity)]),
      severitiesOf(rubric).map(String),
      ref,
    ),
  ];
  if (reasons.length) return refuse(`The defects are not in the vocabulary of ${ref}.`, reasons);
  const result = computeGrade(rubric, defects, FUNCTIONAL[facts.condition]);
  const previous = event.type === 'REGRADE' ? (facts.lastGrade?.payload.grade ?? null) : undefined;
  const stored = {
    ...event,
    rubric: rubricRef(rubric),
    grade: result.grade,
    computed: result,
    ...(previous !== undefined ? { previousGrade: previous } : {}),
  };
  return admit(stored, { ...result, ...(previous !== undefined ? { previousGrade: previous } : {}) });
}
