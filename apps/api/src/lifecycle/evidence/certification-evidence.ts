import { computeGrade, findRubric, GradeResult } from '@recert/grading';
import type { Defect } from '@recert/grading';
import { isMediumSafe } from '@recert/lifecycle';
import type { CertifyEvent, UnitContext } from '@recert/lifecycle';
import { DomainErrorCode, Reason, rejected } from '../../common/domain-error';
import type { TrailEntry } from '@recert/audit';
import { reaches } from '@recert/evidence';
import type { ProgrammeVersion } from '@recert/evidence';
import type { Admitted } from '../command-context';
import type { EvidenceContext } from './evidence-context';

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
  if (!terms.brands.includes(facts.brand) || !facts.oemOwnsBrand) add('brand-not-covered', `${programme.code} does not certify ${facts.brand}`);
  if (!terms.deviceClasses.includes(facts.deviceClass)) add('device-class-not-covered', `${programme.code} does not certify a ${facts.deviceClass}`);
  const { context } = facts;
  if (!context.locks.checked) add('locks-unchecked', 'no lock check is recorded');
  for (const kind of context.locks.blocking) add('lock-blocking', `${kind} is still locked`);
  for (const medium of context.media) {
    if (!isMediumSafe(medium)) add('medium-not-sanitized', `${medium.serial} is ${medium.status}, not validated or destroyed`);
    else if (medium.status === 'validated' && !reaches(medium.level, terms.sanitization.resale)) {
      add('medium-below-required-level', `${medium.serial} reached ${medium.level}; the programme requires ${terms.sanitization.resale} for resale`);
    }
  }
  const requiredSuite = terms.testSuites[facts.deviceClass];
  if (context.condition !== 'passed') add('test-not-passed', `the functional test is ${context.condition}`);
  else if (requiredSuite && facts.lastTest?.payload.suite !== requiredSuite) add('suite-mismatch', `tested under ${String(facts.lastTest?.payload.suite)}; the programme requires ${requiredSuite}`);
  if (context.grade === null || facts.grade === null) add('ungraded', 'no grade is recorded');
  else {
    if (facts.grade.rubric !== terms.rubric) add('rubric-mismatch', `graded under ${facts.grade.rubric}; the programme requires ${terms.rubric}`);
    if (!terms.certifiableGrades.includes(facts.grade.grade)) add('grade-not-certifiable', `grade ${facts.grade.grade} is not among ${terms.certifiableGrades.join(', ')}`);
  }
  if (terms.osLicenceRequired && !facts.osLicenceRecorded) add('os-licence-missing', 'the programme requires an OS licence record (with the test result)');
  return reasons;
}

/**
 * CERTIFY: under the version the unit is pinned to (since its takeback), else the version in force, which it then
 * keeps; refused with every reason (422 certification-refused).
 */
export async function admitCertification(ev: EvidenceContext, event: CertifyEvent): Promise<Admitted> {
  const pinned = await ev.pinnedProgramme();
  const programme = pinned && pinned.id === event.programmeId ? pinned : event.programmeId ? await ev.programmeInForce(event.programmeId) : undefined;
  if (!programme) {
    throw rejected(DomainErrorCode.CertificationRefused, 'Certification refused.', [{ code: 'programme-unknown', message: `no programme ${event.programmeId}` }]);
  }
  const evidence = await ev.trail('TEST_RESULT', 'GRADE', 'REGRADE');
  const tests = evidence.filter((e) => e.eventType === 'TEST_RESULT');
  const lastGrade = evidence.filter((e) => e.eventType !== 'TEST_RESULT').at(-1);
  const facts: CertificationFacts = {
    brand: ev.unit.brand,
    deviceClass: ev.unit.deviceClass,
    oemOwnsBrand: programme.ownsBrand,
    context: ev.context,
    pinnedElsewhere: pinned && pinned.id !== programme.id ? `${pinned.code}@${pinned.version}` : null,
    lastTest: tests.at(-1),
    lastGrade,
    grade: regrade(lastGrade, ev.context.condition === 'passed'),
    osLicenceRecorded: tests.some((e) => e.payload.osLicence != null),
  };
  const reasons = certificationReasons(programme, facts);
  const ref = `${programme.code}@${programme.version}`;
  if (reasons.length) throw rejected(DomainErrorCode.CertificationRefused, `Certification under ${ref} refused: ${reasons.length} rule(s) not met.`, reasons, { programme: ref });
  const { grade, programmeGrade: letter, functionalCode, cosmeticCode } = facts.grade as GradeResult;
  return {
    event: { ...event, programme: ref, programmeCode: programme.code, programmeOemId: programme.oemOrganisationId, programmeVersion: programme.version, grade, programmeGrade: letter, functionalCode, cosmeticCode },
    evidence: { programme: ref, grade, programmeGrade: letter, functionalCode, cosmeticCode },
  };
}

function regrade(entry: TrailEntry | undefined, testPassed: boolean): GradeResult | null {
  const rubric = entry && findRubric(String(entry.payload.rubric));
  if (!entry || !rubric) return null;
  return computeGrade(rubric, (entry.payload.defects as Defect[] | undefined) ?? [], testPassed ? 'passed' : 'failed');
}
