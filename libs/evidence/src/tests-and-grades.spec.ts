import type { TrailEntry } from '@recert/audit';
import { DEFAULT_CHASSIS_RUBRIC, rubricRef } from '@recert/grading';
import type { GradeEvent, RegradeEvent, TestResultEvent } from '@recert/lifecycle';
import type { ProgrammeVersion } from './facts';
import { GradeFacts, judgeGrade, judgeTestResult } from './tests-and-grades';

const programme = (testSuites: Record<string, string>, rubric: string): ProgrammeVersion => ({
  id: 'p1',
  code: 'lenovo-cr',
  oemOrganisationId: 'oem',
  version: 3,
  ownsBrand: true,
  terms: {
    name: 'Lenovo Certified Refurbished',
    brands: ['lenovo'],
    deviceClasses: ['notebook'],
    sanitization: { resale: 'purge', returnToOwner: 'clear' },
    testSuites,
    rubric,
    certifiableGrades: ['A', 'B'],
    osLicenceRequired: false,
    markets: [],
  },
});

/** Every check of notebook-standard@1, each within its rule. */
const PASSING = [
  { check: 'battery_health_percent', value: 91 },
  { check: 'storage_reallocated_sectors', value: 0 },
  { check: 'storage_pending_sectors', value: 0 },
  ...['bios', 'memory', 'ports', 'display', 'keyboard', 'touchpad', 'wifi', 'audio'].map((check) => ({ check, value: true })),
];
const measured = (changes: Array<{ check: string; value: number | boolean }>, without: string[] = []) => [
  ...PASSING.filter((m) => !without.includes(m.check) && !changes.some((c) => c.check === m.check)),
  ...changes,
];
// The pipe leaves `suite` (and `result`) out when the client names none; the judge fills them in.
const testResult = (measurements: Array<{ check: string; value: number | boolean }>, suite?: string) =>
  ({ type: 'TEST_RESULT', measurements, ...(suite ? { suite } : {}) }) as TestResultEvent;
const notebook = { deviceClass: 'notebook', pinnedProgramme: undefined };
const unjudgeable = (reasons: Array<{ code: string; message: string; field?: string; allowed?: string[] }>, missing: string[] = []) => ({
  ok: false,
  refusal: 'evidence-rejected',
  detail: 'The measurements cannot be judged under notebook-standard@1.',
  reasons,
  extra: { missing },
});

describe('TEST_RESULT', () => {
  it('lets the suite decide: a battery below its threshold fails the unit, whatever the client thought', () => {
    // battery 78 % < 80 % (notebook-standard@1) → fail; 2 reallocated sectors ≤ 10 → pass
    const judgement = judgeTestResult(
      notebook,
      testResult(
        measured([
          { check: 'battery_health_percent', value: 78 },
          { check: 'storage_reallocated_sectors', value: 2 },
        ]),
      ),
    );
    expect(judgement).toMatchObject({
      ok: true,
      event: { suite: 'notebook-standard@1', result: 'fail', failed: ['battery_health_percent'] },
      evidence: { suite: 'notebook-standard@1', result: 'fail', failed: ['battery_health_percent'] },
    });
    if (!judgement.ok) throw new Error('expected a verdict');
    expect(judgement.event.checks).toEqual(
      expect.arrayContaining([
        { check: 'battery_health_percent', value: 78, rule: '≥ 80 %', passed: false },
        { check: 'storage_reallocated_sectors', value: 2, rule: '≤ 10 sectors', passed: true },
      ]),
    );
  });

  it('passes a unit whose every check is within its rule, the optional camera unmeasured', () => {
    expect(judgeTestResult(notebook, testResult(PASSING, 'notebook-standard@1'))).toMatchObject({
      ok: true,
      event: { result: 'pass', failed: [] },
    });
  });

  it('takes the pinned programme’s suite when none is named, else the class’s default', () => {
    // the class default for a server is server-standard@1, which has no battery check
    expect(
      judgeTestResult({ deviceClass: 'server', pinnedProgramme: undefined }, testResult([{ check: 'battery_health_percent', value: 91 }])),
    ).toMatchObject({
      ok: false,
      reasons: expect.arrayContaining([
        expect.objectContaining({
          code: 'check-unknown',
          message: 'server-standard@1 has no check battery_health_percent',
          field: 'measurements[0].check',
        }),
      ]),
    });
    // the programme names a desktop suite for notebooks: that is the suite used, and it does not fit
    expect(
      judgeTestResult(
        { deviceClass: 'notebook', pinnedProgramme: programme({ notebook: 'desktop-standard@1' }, 'notebook-cosmetic@1') },
        testResult(PASSING),
      ),
    ).toMatchObject({
      reasons: [{ code: 'suite-wrong-class' }],
    });
  });

  it('refuses a suite that does not exist, or a class without one (suite-unknown)', () => {
    expect(judgeTestResult(notebook, testResult(PASSING, 'notebook-standard@9'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'No test suite for this unit.',
      reasons: [{ code: 'suite-unknown', message: 'unknown test suite notebook-standard@9' }],
    });
    expect(judgeTestResult({ deviceClass: 'printer', pinnedProgramme: undefined }, testResult(PASSING))).toMatchObject({
      reasons: [{ code: 'suite-unknown', message: 'unknown test suite for printer' }],
    });
  });

  it('refuses a suite for another device class (suite-wrong-class)', () => {
    expect(judgeTestResult(notebook, testResult(PASSING, 'server-standard@1'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'The suite is for another device class.',
      reasons: [{ code: 'suite-wrong-class', message: 'server-standard@1 tests server, this unit is a notebook' }],
    });
  });

  it('refuses measurements without a required check, and lists what is missing (check-missing)', () => {
    expect(judgeTestResult(notebook, testResult(measured([], ['audio', 'wifi'])))).toEqual(
      unjudgeable(
        [
          { code: 'check-missing', message: 'required check wifi was not measured' },
          { code: 'check-missing', message: 'required check audio was not measured' },
        ],
        ['wifi', 'audio'],
      ),
    );
  });

  it('refuses a check the suite does not have (check-unknown)', () => {
    // the reason names the field's path and the suite's checks (a closed vocabulary)
    const checks = [
      'battery_health_percent',
      'storage_reallocated_sectors',
      'storage_pending_sectors',
      'bios',
      'memory',
      'ports',
      'display',
      'keyboard',
      'touchpad',
      'wifi',
      'audio',
      'camera',
    ];
    expect(judgeTestResult(notebook, testResult(measured([{ check: 'fingerprint', value: true }])))).toEqual(
      unjudgeable([
        {
          code: 'check-unknown',
          message: 'notebook-standard@1 has no check fingerprint',
          field: 'measurements[11].check',
          allowed: checks,
        },
      ]),
    );
  });

  it('refuses a number for a pass/fail check and a pass/fail for a measured one (check-mistyped)', () => {
    expect(
      judgeTestResult(
        notebook,
        testResult(
          measured([
            { check: 'battery_health_percent', value: true },
            { check: 'display', value: 1 },
          ]),
        ),
      ),
    ).toEqual(
      unjudgeable([
        { code: 'check-mistyped', message: 'battery_health_percent needs a number' },
        { code: 'check-mistyped', message: 'display needs a boolean' },
      ]),
    );
  });

  it('refuses a check measured twice (check-repeated)', () => {
    expect(judgeTestResult(notebook, testResult([...PASSING, { check: 'wifi', value: false }]))).toEqual(
      unjudgeable([{ code: 'check-repeated', message: 'wifi is measured twice' }]),
    );
  });
});

describe('GRADE and REGRADE', () => {
  const grade = (defects: GradeEvent['defects'], rubric?: string) =>
    ({ type: 'GRADE', defects, ...(rubric ? { rubric } : {}) }) as GradeEvent;
  const facts = (overrides: Partial<GradeFacts> = {}): GradeFacts => ({
    deviceClass: 'notebook',
    condition: 'passed',
    pinnedProgramme: undefined,
    lastGrade: undefined,
    ...overrides,
  });

  it('computes the grade from the defects under the class’s default rubric', () => {
    // scratch on the lid, severity 2: 3 points × 1 = 3 → B (≤ 8); defects present → cosmetic C6, functional F5, Excellent
    const judgement = judgeGrade(facts(), grade([{ code: 'scratch', zone: 'lid', severity: 2 }]));
    expect(judgement).toMatchObject({
      ok: true,
      event: {
        type: 'GRADE',
        rubric: 'notebook-cosmetic@1',
        grade: 'B',
        computed: { points: 3, grade: 'B', cosmeticCode: 'C6', functionalCode: 'F5', programmeGrade: 'Excellent' },
      },
      evidence: { rubric: 'notebook-cosmetic@1', points: 3, grade: 'B', programmeGrade: 'Excellent' },
    });
    expect(judgement.ok && judgement.event).not.toHaveProperty('previousGrade');
  });

  it('grades D while the unit is in repair, whatever its cosmetics', () => {
    // no defect: 0 points → A, but repairing counts as a failed test → D (F2, C8 flawless, no programme letter)
    expect(judgeGrade(facts({ condition: 'repairing' }), grade([]))).toMatchObject({
      event: { grade: 'D', computed: { functionalCode: 'F2', cosmeticCode: 'C8', programmeGrade: null } },
    });
  });

  it('takes the pinned programme’s rubric when none is named', () => {
    // a server whose programme names chassis-cosmetic@1 (made for desktops, workstations and servers): dent on the top,
    // severity 3 = 6 × 1 = 6 → B. Without a programme, the server's own rubric applies, whose zone is "top-cover", not "top".
    const dent = grade([{ code: 'dent', zone: 'top', severity: 3 }]);
    const server = { deviceClass: 'server' };
    expect(judgeGrade(facts({ ...server, pinnedProgramme: programme({}, rubricRef(DEFAULT_CHASSIS_RUBRIC)) }), dent)).toMatchObject({
      event: { rubric: 'chassis-cosmetic@1', grade: 'B', computed: { points: 6 } },
    });
    expect(judgeGrade(facts(server), dent)).toMatchObject({
      ok: false,
      detail: 'The defects are not in the vocabulary of server-cosmetic@1.',
      reasons: [{ code: 'zone-unknown' }],
    });
  });

  it('refuses a rubric made for another class (rubric-wrong-class): a server has no lid, a notebook no rack ears', () => {
    expect(judgeGrade(facts({ deviceClass: 'server' }), grade([], 'notebook-cosmetic@1'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'The rubric is for another device class.',
      reasons: [{ code: 'rubric-wrong-class', message: 'notebook-cosmetic@1 grades notebook, this unit is a server' }],
    });
  });

  it('each class has a default rubric made for it, whose zones exist on that kind of unit', () => {
    // one line per class: its default rubric and a zone only that kind of unit has
    const expected: Array<[string, string, string]> = [
      ['notebook', 'notebook-cosmetic@1', 'palmrest'],
      ['desktop', 'desktop-cosmetic@1', 'front'],
      ['workstation', 'workstation-cosmetic@1', 'handles'],
      ['server', 'server-cosmetic@1', 'rack-ears'],
      ['monitor', 'monitor-cosmetic@1', 'stand'],
      ['tablet', 'tablet-cosmetic@1', 'back'],
      ['part', 'part-cosmetic@1', 'connector'],
    ];
    for (const [deviceClass, rubric, zone] of expected) {
      expect(judgeGrade(facts({ deviceClass }), grade([{ code: 'scratch', zone, severity: 1 }]))).toMatchObject({
        ok: true,
        event: { rubric },
      });
    }
  });

  it('refuses a defect code, zone or severity outside the rubric’s vocabulary, naming the field and the values allowed', () => {
    // a chassis has no palmrest; "scratchh" is a typo that would break "was this defect recorded at grading?" later
    const typo = grade([
      { code: 'scratch', zone: 'lid', severity: 1 },
      { code: 'scratchh', zone: 'palmrest', severity: 2 },
    ]);
    const judged = judgeGrade(facts({ deviceClass: 'desktop', pinnedProgramme: programme({}, rubricRef(DEFAULT_CHASSIS_RUBRIC)) }), typo);
    expect(judged).toMatchObject({
      ok: false,
      detail: 'The defects are not in the vocabulary of chassis-cosmetic@1.',
      reasons: [
        { code: 'defect-code-unknown', field: 'defects[1].code', allowed: DEFAULT_CHASSIS_RUBRIC.defectCodes },
        { code: 'zone-unknown', field: 'defects[0].zone', allowed: ['front', 'display', 'top', 'sides', 'rear', 'base'] },
        { code: 'zone-unknown', field: 'defects[1].zone' },
      ],
    });
    // under the notebook rubric, lid and palmrest are zones: only the typo is left
    expect(judgeGrade(facts(), typo)).toMatchObject({ ok: false, reasons: [{ code: 'defect-code-unknown', field: 'defects[1].code' }] });
    expect(judgeGrade(facts(), grade([{ code: 'dent', zone: 'lid', severity: 5 as never }]))).toMatchObject({
      reasons: [{ code: 'severity-unknown', field: 'defects[0].severity', allowed: ['1', '2', '3', '4'] }],
    });
  });

  it('refuses a rubric that does not exist (rubric-unknown)', () => {
    expect(judgeGrade(facts(), grade([], 'notebook-cosmetic@7'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'Unknown rubric.',
      reasons: [{ code: 'rubric-unknown', message: 'unknown rubric notebook-cosmetic@7' }],
    });
  });

  it('a regrade stores the grade it replaces, or null when there was none', () => {
    const regrade = { type: 'REGRADE', reason: 'keyboard replaced', defects: [] } as unknown as RegradeEvent;
    const lastGrade: TrailEntry = {
      seq: 8,
      eventType: 'GRADE',
      payload: { grade: 'C' },
      userId: 'grader',
      occurredAt: '2026-11-23T10:00:00.000Z',
    };
    // no defect, test passed → A; it replaces the C of entry 8
    expect(judgeGrade(facts({ lastGrade }), regrade)).toMatchObject({
      event: { grade: 'A', previousGrade: 'C' },
      evidence: { grade: 'A', previousGrade: 'C' },
    });
    expect(judgeGrade(facts(), regrade)).toMatchObject({ event: { previousGrade: null }, evidence: { previousGrade: null } });
  });
});
