import { computeGrade } from './grade';
import {
  DEFAULT_CHASSIS_RUBRIC,
  defaultRubricFor,
  DESKTOP_RUBRIC,
  DEVICE_CLASSES,
  MONITOR_RUBRIC,
  PART_RUBRIC,
  RUBRICS,
  rubricClasses,
  rubricRef,
  SERVER_RUBRIC,
  TABLET_RUBRIC,
  WORKSTATION_RUBRIC,
  zonesOf,
} from './rubric';
import type { Defect } from './rubric';

const defect = (zone: string, severity: 1 | 2 | 3 | 4, code = 'scratch'): Defect => ({ code, zone, severity });

describe('a rubric per device class', () => {
  it('every class a programme can cover has a default rubric made for it', () => {
    for (const deviceClass of DEVICE_CLASSES) expect(defaultRubricFor(deviceClass).deviceClasses).toContain(deviceClass);
    expect(rubricClasses('chassis-cosmetic@1')).toEqual(['desktop', 'workstation', 'server']);
    expect(rubricClasses('nope@1')).toBeUndefined();
  });

  it('every rubric is versioned data whose caps and codes name its own zones, with no code or zone twice', () => {
    for (const rubric of RUBRICS) {
      expect(rubric.zoneCaps.every((cap) => zonesOf(rubric).includes(cap.zone))).toBe(true);
      expect(new Set(rubric.defectCodes).size).toBe(rubric.defectCodes.length);
      expect(rubricRef(rubric)).toMatch(/^[a-z-]+@\d+$/);
    }
    expect(new Set(RUBRICS.map(rubricRef)).size).toBe(RUBRICS.length);
  });
});

describe('desktop-cosmetic@1 and workstation-cosmetic@1', () => {
  it('the front counts most: a severity-2 scuff on the front is 3 × 1.5 = 4.5 points → B; on the rear 3 × 0.5 = 1.5 → A', () => {
    expect(computeGrade(DESKTOP_RUBRIC, [defect('front', 2, 'scuff')], 'passed')).toMatchObject({ points: 4.5, grade: 'B' });
    expect(computeGrade(DESKTOP_RUBRIC, [defect('rear', 2, 'scuff')], 'passed')).toMatchObject({ points: 1.5, grade: 'A' });
  });

  it('a workstation has handles (weight 1): a severity-3 dent there is 6 points → B', () => {
    expect(computeGrade(WORKSTATION_RUBRIC, [defect('handles', 3, 'dent')], 'passed')).toMatchObject({
      points: 6,
      grade: 'B',
      rubric: 'workstation-cosmetic@1',
    });
  });
});

describe('server-cosmetic@1', () => {
  it('cap: a severity-3 bent rack ear caps at C although its 6 × 1 = 6 points would be B', () => {
    const result = computeGrade(SERVER_RUBRIC, [defect('rack-ears', 3, 'bent-ear')], 'passed');
    expect(result).toMatchObject({ points: 6, grade: 'C' });
    expect(result.reasoning).toContain('severity 3 on the rack-ears caps the grade at C');
  });

  it('cap: a severity-3 bent rail caps at C; severity 2 (3 points) does not', () => {
    expect(computeGrade(SERVER_RUBRIC, [defect('rails', 3, 'bent-rail')], 'passed')).toMatchObject({ grade: 'C' });
    expect(computeGrade(SERVER_RUBRIC, [defect('rails', 2, 'bent-rail')], 'passed')).toMatchObject({ points: 3, grade: 'B' });
  });
});

describe('monitor-cosmetic@1', () => {
  it('cap: a severity-2 pressure mark on the panel is 3 × 2 = 6 points (B), capped at C', () => {
    expect(computeGrade(MONITOR_RUBRIC, [defect('display', 2, 'pressure-mark')], 'passed')).toMatchObject({ points: 6, grade: 'C' });
  });
});

describe('tablet-cosmetic@1', () => {
  it('cap: a severity-2 scratch on the screen is 6 points (B), capped at C', () => {
    expect(computeGrade(TABLET_RUBRIC, [defect('display', 2)], 'passed')).toMatchObject({ points: 6, grade: 'C' });
  });

  it('cap: a severity-3 crack over the camera is 6 × 1 = 6 points (B), capped at C', () => {
    expect(computeGrade(TABLET_RUBRIC, [defect('camera', 3, 'crack')], 'passed')).toMatchObject({ points: 6, grade: 'C' });
  });
});

describe('part-cosmetic@1', () => {
  it('cap: a severity-2 bent pin on the connector is 3 × 2 = 6 points (B), capped at C; on the body 3 × 1 = 3 → B', () => {
    expect(computeGrade(PART_RUBRIC, [defect('connector', 2, 'bent-pin')], 'passed')).toMatchObject({ points: 6, grade: 'C' });
    expect(computeGrade(PART_RUBRIC, [defect('body', 2)], 'passed')).toMatchObject({ points: 3, grade: 'B' });
  });
});

describe('chassis-cosmetic@1 (kept for grades recorded under it)', () => {
  it('still grades as before: a severity-3 defect on the display caps at C', () => {
    expect(computeGrade(DEFAULT_CHASSIS_RUBRIC, [defect('display', 3)], 'passed')).toMatchObject({ points: 12, grade: 'C' });
  });
});
