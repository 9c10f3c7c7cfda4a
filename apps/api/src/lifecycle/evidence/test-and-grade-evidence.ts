import { judgeGrade, judgeTestResult, namedRubric } from '@recert/evidence';
import type { GradeEvent, RegradeEvent, TestResultEvent } from '@recert/lifecycle';
import type { Admitted } from '../command-context';
import { admitted } from './admitted';
import type { EvidenceContext } from './evidence-context';

/** TEST_RESULT: the pinned programme only when the event names no suite. */
export async function admitTestResult(ev: EvidenceContext, event: TestResultEvent): Promise<Admitted> {
  const pinnedProgramme = event.suite == null ? await ev.pinnedProgramme() : undefined;
  return admitted(judgeTestResult({ deviceClass: ev.unit.deviceClass, pinnedProgramme }, event));
}

/** GRADE / REGRADE: the pinned programme only when the event names no rubric; the grade before only for a REGRADE. */
export async function admitGrade(ev: EvidenceContext, event: GradeEvent | RegradeEvent): Promise<Admitted> {
  const pinnedProgramme = namedRubric(event) === undefined ? await ev.pinnedProgramme() : undefined;
  const lastGrade = event.type === 'REGRADE' ? await ev.latest('GRADE', 'REGRADE') : undefined;
  return admitted(judgeGrade({ deviceClass: ev.unit.deviceClass, condition: ev.context.condition, pinnedProgramme, lastGrade }, event));
}
