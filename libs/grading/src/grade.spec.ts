import { computeGrade } from './grade';
import { DEFAULT_NOTEBOOK_RUBRIC as rubric, Defect } from './rubric';

const defect = (zone: string, severity: 1 | 2 | 3 | 4, code = 'scratch'): Defect => ({ code, zone, severity });

describe('default notebook rubric, one scenario per rule', () => {
  it('no defect, tests passed: A, like new (F6), flawless (C8), Premium', () => {
    // 0 points ≤ 2 → A
    expect(computeGrade(rubric, [], 'passed')).toEqual(
      expect.objectContaining({
        points: 0,
        grade: 'A',
        functionalCode: 'F6',
        cosmeticCode: 'C8',
        programmeGrade: 'Premium',
        rubric: 'notebook-cosmetic@1',
      }),
    );
  });

  it('points threshold A: a light scratch on the lid stays A', () => {
    // lid weight 1 × severity-1 points 1 = 1 ≤ 2 → A; a defect exists, so F5 and C7
    expect(computeGrade(rubric, [defect('lid', 1)], 'passed')).toEqual(
      expect.objectContaining({ points: 1, grade: 'A', functionalCode: 'F5', cosmeticCode: 'C7' }),
    );
  });

  it('points threshold B: a severity-2 scratch on the palmrest', () => {
    // palmrest weight 1.5 × severity-2 points 3 = 4.5; 2 < 4.5 ≤ 8 → B (Excellent, C6)
    expect(computeGrade(rubric, [defect('palmrest', 2)], 'passed')).toEqual(
      expect.objectContaining({ points: 4.5, grade: 'B', cosmeticCode: 'C6', programmeGrade: 'Excellent' }),
    );
  });

  it('zone weights add up: three light defects reach C', () => {
    // palmrest 1.5×3 = 4.5, keyboard 1.5×3 = 4.5, base 0.5×3 = 1.5 → 10.5; 8 < 10.5 ≤ 20 → C (Good, C4)
    const result = computeGrade(rubric, [defect('palmrest', 2), defect('keyboard', 2, 'shine'), defect('base', 2)], 'passed');
    expect(result).toEqual(expect.objectContaining({ points: 10.5, grade: 'C', cosmeticCode: 'C4', programmeGrade: 'Good' }));
  });

  it('points threshold D: past 20 points nothing is sold under the programme', () => {
    // display 2×6 = 12, lid 1×6 = 6, palmrest 1.5×3 = 4.5 → 22.5 > 20 → D (C2, no programme letter)
    const result = computeGrade(rubric, [defect('display', 3, 'crack'), defect('lid', 3, 'dent'), defect('palmrest', 2)], 'passed');
    expect(result).toEqual(expect.objectContaining({ points: 22.5, grade: 'D', cosmeticCode: 'C2', programmeGrade: null }));
  });

  it('a severity-4 defect caps the grade at C even when the points would give B', () => {
    // base weight 0.5 × severity-4 points 12 = 6; 2 < 6 ≤ 8 → B by points; the severity-4 cap lowers it to C
    const result = computeGrade(rubric, [defect('base', 4, 'crack')], 'passed');
    expect(result.points).toBe(6);
    expect(result.grade).toBe('C');
    expect(result.reasoning).toContain('a severity-4 defect caps the grade at C');
  });

  it('a display defect of severity 2 or more caps at C', () => {
    // display weight 2 × severity-2 points 3 = 6 → B by points; the display cap lowers it to C
    const capped = computeGrade(rubric, [defect('display', 2, 'pressure-mark')], 'passed');
    expect(capped).toEqual(expect.objectContaining({ points: 6, grade: 'C', programmeGrade: 'Good' }));
    expect(capped.reasoning).toEqual([
      'pressure-mark on display, severity 2: 3 × 2 = 6 points',
      '6 points → B',
      'severity 2 on the display caps the grade at C',
    ]);
    // severity 1 on the display is below the cap: 2 points → A
    expect(computeGrade(rubric, [defect('display', 1)], 'passed').grade).toBe('A');
  });

  it('a failed or missing functional test grades D, whatever the cosmetics', () => {
    // 0 points → A cosmetically; functional failed → D, F2; untested → D, F1
    expect(computeGrade(rubric, [], 'failed')).toEqual(expect.objectContaining({ grade: 'D', functionalCode: 'F2', programmeGrade: null }));
    expect(computeGrade(rubric, [], 'untested')).toEqual(expect.objectContaining({ grade: 'D', functionalCode: 'F1' }));
  });

  it('zones the rubric does not list weigh 1', () => {
    // hinge (unlisted) weight 1 × severity-2 points 3 = 3 → B
    expect(computeGrade(rubric, [defect('hinge', 2)], 'passed')).toEqual(expect.objectContaining({ points: 3, grade: 'B' }));
  });

  it('is a pure function of rubric version and evidence: the same input gives the same result', () => {
    const defects = [defect('lid', 2), defect('display', 1)];
    expect(computeGrade(rubric, defects, 'passed')).toEqual(computeGrade(rubric, defects, 'passed'));
  });
});
