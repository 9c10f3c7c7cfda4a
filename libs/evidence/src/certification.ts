import type { TrailEntry } from '@recert/audit';
import { computeGrade, findRubric } from '@recert/grading';
import type { Defect, GradeResult } from '@recert/grading';
import { isMediumSafe } from '@recert/lifecycle';
import type { CertifyEvent, UnitContext } from '@recert/lifecycle';
import type { ProgrammeVersion, Reason } from './facts';
import { admit, Judgement, refuseCertification } from './judgement';
import { reaches, rubricFor } from './programme-terms';

export interface CertificationFacts {
  brand: string;
  deviceClass: string;
  oemOwnsBrand: boolean;
  context: UnitContext;
  /** The programme the unit is already pinned to, if another one. */
  pinnedElsewhere: string | null;
  lastTest: TrailEntry | undefined;
  lastGrade: TrailEntry | undefined;
  /** The recorded defects graded again under their rubric with today's test outcome (grading may precede the test). */
  grade: GradeResult | null;
  osLicenceRecorded: boolean;
}

/** Every programme rule the unit breaks — all of them, never just the first. Pure. */
export function certificationReasons(programme: ProgrammeVersion, facts: CertificationFacts): Reason[] {
  const { terms } = programme;
  const reasons: Reason[] = [];
  const add = (code: string, message: string) => reasons.push({ code, message });
  if (facts.pinnedElsewhere) add('pinned-to-other-programme', `the unit was processed under ${facts.pinnedElsewhere}`);
  if (!terms.brands.includes(facts.brand) || !facts.oemOwnsBrand)
    add('brand-not-covered', `${programme.code} does not certify ${facts.brand}`);
  if (!terms.deviceClasses.includes(facts.deviceClass))
    add('device-class-not-covered', `${programme.code} does not certify a ${facts.deviceClass}`);
  const { context } = facts;
  if (!context.locks.checked) add('locks-unchecked', 'no lock check is recorded');
  for (const kind of context.locks.blocking) add('lock-blocking', `${kind} is still locked`);
  for (const medium of context.media) {
    if (!isMediumSafe(medium)) add('medium-not-sanitized', `${medium.serial} is ${medium.status}, not validated or destroyed`);
    else if (medium.status === 'validated' && !reaches(medium.level, terms.sanitization.resale)) {
      add(
        'medium-below-required-level',
        `${medium.serial} reached ${medium.level}; the programme requires ${terms.sanitization.resale} for resale`,
      );
    }
  }
  const requiredSuite = terms.testSuites[facts.deviceClass];
  if (context.condition !== 'passed') add('test-not-passed', `the functional test is ${context.condition}`);
  else if (requiredSuite && facts.lastTest?.payload.suite !== requiredSuite)
    add('suite-mismatch', `tested under ${String(facts.lastTest?.payload.suite)}; the programme requires ${requiredSuite}`);
  if (context.grade === null || facts.grade === null) add('ungraded', 'no grade is recorded');
  else {
    const requiredRubric = rubricFor(terms, facts.deviceClass);
    if (facts.grade.rubric !== requiredRubric)
      add('rubric-mismatch', `graded under ${facts.grade.rubric}; the programme requires ${requiredRubric}`);
    if (!terms.certifiableGrades.includes(facts.grade.grade))
      add('grade-not-certifiable', `grade ${facts.grade.grade} is not among ${terms.certifiableGrades.join(', ')}`);
  }
  if (terms.osLicenceRequired && !facts.osLicenceRecorded)
    add('os-licence-missing', 'the programme requires an OS licence record (with the test result)');
  return reasons;
}

/** The last grading's defects graded again under its rubric with the test outcome; null when ungraded or the rubric is unknown. */
export function regrade(entry: TrailEntry | undefined, testPassed: boolean): GradeResult | null {
  const rubric = entry && findRubric(String(entry.payload.rubric));
  if (!entry || !rubric) return null;
  return computeGrade(rubric, (entry.payload.defects as Defect[] | undefined) ?? [], testPassed ? 'passed' : 'failed');
}

/** What CERTIFY is judged on, as the app reads it. */
export interface CertifyFacts {
  brand: string;
  deviceClass: string;
  context: UnitContext;
  /** The programme version the unit is pinned to (since its takeback), if any. */
  pinned: ProgrammeVersion | undefined;
  /** The programme asked for: the pinned version when it is that programme, else the version in force; undefined when unknown. */
  programme: ProgrammeVersion | undefined;
  /** This lifecycle's TEST_RESULT, GRADE and REGRADE entries, oldest first (not read for an unknown programme). */
  testsAndGrades: TrailEntry[];
}

/**
 * CERTIFY: under the version the unit is pinned to (since its takeback), else the version in force, which it then
 * keeps; refused with every reason (422 certification-refused).
 */
export function judgeCertification(facts: CertifyFacts, event: CertifyEvent): Judgement<CertifyEvent> {
  const { programme, pinned } = facts;
  if (!programme)
    return refuseCertification('Certification refused.', [{ code: 'programme-unknown', message: `no programme ${event.programmeId}` }]);
  const tests = facts.testsAndGrades.filter((e) => e.eventType === 'TEST_RESULT');
  const lastGrade = facts.testsAndGrades.filter((e) => e.eventType !== 'TEST_RESULT').at(-1);
  const certification: CertificationFacts = {
    brand: facts.brand,
    deviceClass: facts.deviceClass,
    oemOwnsBrand: programme.ownsBrand,
    context: facts.context,
    pinnedElsewhere: pinned && pinned.id !== programme.id ? `${pinned.code}@${pinned.version}` : null,
    lastTest: tests.at(-1),
    lastGrade,
    grade: regrade(lastGrade, facts.context.condition === 'passed'),
    osLicenceRecorded: tests.some((e) => e.payload.osLicence != null),
  };
  const reasons = certificationReasons(programme, certification);
  const ref = `${programme.code}@${programme.version}`;
  if (reasons.length)
    return refuseCertification(`Certification under ${ref} refused: ${reasons.length} rule(s) not met.`, reasons, { programme: ref });
  // No reasons means the unit is graded (else 'ungraded').
  const { grade, programmeGrade: letter, functionalCode, cosmeticCode } = certification.grade as GradeResult;
  return admit(
    {
      ...event,
      programme: ref,
      programmeCode: programme.code,
      programmeOemId: programme.oemOrganisationId,
      programmeVersion: programme.version,
      grade,
      programmeGrade: letter,
      functionalCode,
      cosmeticCode,
    },
    { programme: ref, grade, programmeGrade: letter, functionalCode, cosmeticCode },
  );
}
