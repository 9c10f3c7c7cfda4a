import { Defect, Functional, INTERNAL_GRADES, InternalGrade, Rubric } from './rubric';

export interface GradeResult {
  rubric: string;
  points: number;
  grade: InternalGrade;
  functionalCode: string;
  cosmeticCode: string;
  programmeGrade: string | null;
  /** How the grade came about, rule by rule, for a grade that has to be explained later. */
  reasoning: string[];
}

const worse = (a: InternalGrade, b: InternalGrade): InternalGrade => (INTERNAL_GRADES.indexOf(a) >= INTERNAL_GRADES.indexOf(b) ? a : b);

/** Computes a unit's grades from its defects and functional outcome under one rubric version. Pure. */
export function computeGrade(rubric: Rubric, defects: Defect[], functional: Functional): GradeResult {
  const reasoning: string[] = [];
  let points = 0;
  for (const d of defects) {
    const weight = rubric.zoneWeights[d.zone] ?? 1;
    const cost = rubric.pointsBySeverity[d.severity] * weight;
    points += cost;
    reasoning.push(`${d.code} on ${d.zone}, severity ${d.severity}: ${rubric.pointsBySeverity[d.severity]} × ${weight} = ${cost} points`);
  }
  let grade = rubric.thresholds.find((t) => points <= t.maxPoints)!.grade;
  reasoning.push(`${points} points → ${grade}`);

  for (const d of defects) {
    const severityCap = rubric.severityCaps[d.severity];
    if (severityCap && worse(grade, severityCap) !== grade) {
      reasoning.push(`a severity-${d.severity} defect caps the grade at ${severityCap}`);
      grade = severityCap;
    }
    for (const z of rubric.zoneCaps) {
      if (z.zone === d.zone && d.severity >= z.minSeverity && worse(grade, z.cap) !== grade) {
        reasoning.push(`severity ${d.severity} on the ${d.zone} caps the grade at ${z.cap}`);
        grade = z.cap;
      }
    }
  }
  if (functional !== 'passed' && grade !== 'D') {
    reasoning.push(`functional test ${functional}: grade D until it passes`);
    grade = 'D';
  }
  const flawless = defects.length === 0;
  return {
    rubric: `${rubric.id}@${rubric.version}`,
    points,
    grade,
    functionalCode: functional === 'passed' && flawless ? rubric.functionalCodes.likeNew : rubric.functionalCodes[functional],
    cosmeticCode: flawless ? rubric.cosmeticCodes.flawless : rubric.cosmeticCodes[grade],
    programmeGrade: rubric.programmeGrades[grade],
    reasoning,
  };
}
