import type { TrailEntry } from '@recert/audit';
import { computeGrade, DEFAULT_NOTEBOOK_RUBRIC } from '@recert/grading';
import { initialContext, UnitContext } from '@recert/lifecycle';
import type { CertifyEvent } from '@recert/lifecycle';
import { certificationReasons, CertificationFacts, CertifyFacts, judgeCertification } from './certification';
import type { ProgrammeVersion } from './facts';
import { lenovoProgramme } from '../test/fixtures';

const programme = lenovoProgramme({ osLicenceRequired: true });

const ready: UnitContext = {
  ...initialContext({ mediaSerials: ['M1'] }),
  media: [{ serial: 'M1', status: 'validated', level: 'purge', attempts: 1 }],
  locks: { checked: true, blocking: [] },
  condition: 'passed',
  grade: 'A',
};
const entry = (payload: Record<string, unknown>, seq = 5, eventType = 'X'): TrailEntry => ({
  seq,
  eventType,
  payload,
  userId: 'u',
  occurredAt: '2026-11-23T00:00:00.000Z',
});
const facts = (overrides: Partial<CertificationFacts> = {}): CertificationFacts => ({
  brand: 'lenovo',
  deviceClass: 'notebook',
  oemOwnsBrand: true,
  context: ready,
  pinnedElsewhere: null,
  lastTest: entry({ suite: 'notebook-standard@1' }),
  lastGrade: entry({ rubric: 'notebook-cosmetic@1' }),
  grade: computeGrade(DEFAULT_NOTEBOOK_RUBRIC, [], 'passed'),
  osLicenceRecorded: true,
  ...overrides,
});
const codes = (reasons: Array<{ code: string }>) => reasons.map((r) => r.code);

describe('certification rules', () => {
  it('certifies a unit that meets every rule', () => {
    expect(certificationReasons(programme, facts())).toEqual([]);
  });

  it('names every unmet rule at once, in a stable order', () => {
    const context: UnitContext = {
      ...ready,
      locks: { checked: true, blocking: ['mdm'] },
      condition: 'failed',
      media: [
        { serial: 'M1', status: 'sanitized', level: 'purge', attempts: 1 },
        { serial: 'M2', status: 'validated', level: 'clear', attempts: 1 },
      ],
    };
    const reasons = certificationReasons(
      programme,
      facts({
        brand: 'hp',
        deviceClass: 'server',
        oemOwnsBrand: false,
        context,
        pinnedElsewhere: 'other@1',
        osLicenceRecorded: false,
        grade: computeGrade(DEFAULT_NOTEBOOK_RUBRIC, [{ code: 'crack', zone: 'base', severity: 4 }], 'passed'),
      }),
    );
    expect(codes(reasons)).toEqual([
      'pinned-to-other-programme',
      'brand-not-covered',
      'device-class-not-covered',
      'lock-blocking',
      'medium-not-sanitized',
      'medium-below-required-level',
      'test-not-passed',
      'grade-not-certifiable',
      'os-licence-missing',
    ]);
  });

  it('a destroyed medium always meets the level; a suite or rubric other than the programme’s does not count', () => {
    const context = { ...ready, media: [{ serial: 'M1', status: 'destroyed' as const, level: null, attempts: 0 }] };
    expect(certificationReasons(programme, facts({ context }))).toEqual([]);
    const other = certificationReasons(
      programme,
      facts({
        lastTest: entry({ suite: 'desktop-standard@1' }),
        grade: { ...computeGrade(DEFAULT_NOTEBOOK_RUBRIC, [], 'passed'), rubric: 'chassis-cosmetic@1' },
      }),
    );
    expect(codes(other)).toEqual(['suite-mismatch', 'rubric-mismatch']);
  });

  it('an unchecked, untested, ungraded unit gets those three reasons', () => {
    const context = { ...initialContext({ mediaSerials: [] }) };
    expect(codes(certificationReasons(programme, facts({ context, grade: null, lastGrade: undefined })))).toEqual([
      'locks-unchecked',
      'test-not-passed',
      'ungraded',
    ]);
  });

  // One rule broken at a time: the reason it gives, word for word.
  it.each<[string, Partial<CertificationFacts>, string, string]>([
    [
      'a unit processed under another programme (pinned-to-other-programme)',
      { pinnedElsewhere: 'dell-cr@2' },
      'pinned-to-other-programme',
      'the unit was processed under dell-cr@2',
    ],
    ['a brand the programme does not list (brand-not-covered)', { brand: 'hp' }, 'brand-not-covered', 'lenovo-cr does not certify hp'],
    [
      'a brand its OEM no longer owns (brand-not-covered)',
      { oemOwnsBrand: false },
      'brand-not-covered',
      'lenovo-cr does not certify lenovo',
    ],
    [
      'a device class the programme does not list (device-class-not-covered)',
      { deviceClass: 'tablet' },
      'device-class-not-covered',
      'lenovo-cr does not certify a tablet',
    ],
    [
      'a unit with no lock check recorded (locks-unchecked)',
      { context: { ...ready, locks: { checked: false, blocking: [] } } },
      'locks-unchecked',
      'no lock check is recorded',
    ],
    [
      'a unit with a lock still on (lock-blocking)',
      { context: { ...ready, locks: { checked: true, blocking: ['bios_password'] } } },
      'lock-blocking',
      'bios_password is still locked',
    ],
    [
      'a medium whose wipe is not validated yet (medium-not-sanitized)',
      { context: { ...ready, media: [{ serial: 'M1', status: 'sanitized', level: 'purge', attempts: 1 }] } },
      'medium-not-sanitized',
      'M1 is sanitized, not validated or destroyed',
    ],
    [
      'a medium only cleared when resale needs purge (medium-below-required-level)',
      { context: { ...ready, media: [{ serial: 'M1', status: 'validated', level: 'clear', attempts: 1 }] } },
      'medium-below-required-level',
      'M1 reached clear; the programme requires purge for resale',
    ],
    [
      'a unit that failed its functional test (test-not-passed)',
      { context: { ...ready, condition: 'failed' } },
      'test-not-passed',
      'the functional test is failed',
    ],
    [
      'a test under a suite other than the programme’s (suite-mismatch)',
      { lastTest: entry({ suite: 'notebook-quick@1' }) },
      'suite-mismatch',
      'tested under notebook-quick@1; the programme requires notebook-standard@1',
    ],
    ['an ungraded unit (ungraded)', { grade: null }, 'ungraded', 'no grade is recorded'],
    [
      'a grade under another rubric (rubric-mismatch)',
      { grade: { ...computeGrade(DEFAULT_NOTEBOOK_RUBRIC, [], 'passed'), rubric: 'chassis-cosmetic@1' } },
      'rubric-mismatch',
      'graded under chassis-cosmetic@1; the programme requires notebook-cosmetic@1',
    ],
    // crack on the base, severity 4: 12 × 0.5 = 6 points → B, capped at C by the severity-4 rule
    [
      'a grade the programme does not certify (grade-not-certifiable)',
      { grade: computeGrade(DEFAULT_NOTEBOOK_RUBRIC, [{ code: 'crack', zone: 'base', severity: 4 }], 'passed') },
      'grade-not-certifiable',
      'grade C is not among A, B',
    ],
    [
      'a unit without an OS licence on record (os-licence-missing)',
      { osLicenceRecorded: false },
      'os-licence-missing',
      'the programme requires an OS licence record (with the test result)',
    ],
  ])('refuses %s', (_behaviour, overrides, code, message) => {
    expect(certificationReasons(programme, facts(overrides))).toEqual([{ code, message }]);
  });
});

describe('CERTIFY', () => {
  const certify = (programmeId?: string) => ({ type: 'CERTIFY', ...(programmeId ? { programmeId } : {}) }) as CertifyEvent;
  const trail = [
    entry({ suite: 'notebook-standard@1', result: 'pass', osLicence: { edition: 'Windows 11 Pro' } }, 3, 'TEST_RESULT'),
    entry({ rubric: 'notebook-cosmetic@1', grade: 'A', defects: [] }, 4, 'GRADE'),
    entry({ rubric: 'notebook-cosmetic@1', grade: 'B', defects: [{ code: 'scratch', zone: 'lid', severity: 2 }] }, 6, 'REGRADE'),
    entry({ suite: 'notebook-standard@1', result: 'pass' }, 7, 'TEST_RESULT'),
  ];
  const judge = (overrides: Partial<CertifyFacts> = {}) =>
    judgeCertification(
      {
        brand: 'lenovo',
        deviceClass: 'notebook',
        context: { ...ready, grade: 'B' },
        pinned: programme,
        programme,
        testsAndGrades: trail,
        ...overrides,
      },
      certify('p1'),
    );

  it('stores the programme version and the grades of the latest grading, regraded with today’s test outcome', () => {
    // latest grading is the REGRADE (entry 6): scratch on the lid, severity 2 → 3 × 1 = 3 points → B (Excellent, F5, C6);
    // the OS licence came with the first test (entry 3), which still counts
    expect(judge()).toEqual({
      ok: true,
      event: {
        type: 'CERTIFY',
        programmeId: 'p1',
        programme: 'lenovo-cr@3',
        programmeCode: 'lenovo-cr',
        programmeOemId: 'oem',
        programmeVersion: 3,
        grade: 'B',
        programmeGrade: 'Excellent',
        functionalCode: 'F5',
        cosmeticCode: 'C6',
      },
      evidence: { programme: 'lenovo-cr@3', grade: 'B', programmeGrade: 'Excellent', functionalCode: 'F5', cosmeticCode: 'C6' },
    });
  });

  it('a unit graded before its test passed is certified at its defects’ grade, not the D it got untested', () => {
    const gradedUntested = [
      entry({ rubric: 'notebook-cosmetic@1', grade: 'D', defects: [] }, 3, 'GRADE'),
      entry({ suite: 'notebook-standard@1', osLicence: { edition: 'Pro' } }, 4, 'TEST_RESULT'),
    ];
    // no defect, test now passed → 0 points → A, like new: F6, flawless: C8
    expect(judge({ testsAndGrades: gradedUntested })).toMatchObject({
      ok: true,
      event: { grade: 'A', programmeGrade: 'Premium', functionalCode: 'F6', cosmeticCode: 'C8' },
    });
  });

  it('refuses a programme that is not known (programme-unknown)', () => {
    expect(judge({ programme: undefined, pinned: undefined, testsAndGrades: [] })).toEqual({
      ok: false,
      refusal: 'certification-refused',
      detail: 'Certification refused.',
      reasons: [{ code: 'programme-unknown', message: 'no programme p1' }],
    });
  });

  it('refuses with every reason and the programme it was judged under', () => {
    const elsewhere: ProgrammeVersion = { ...programme, id: 'p0', code: 'dell-cr', version: 2 };
    // the unit was pinned to dell-cr@2 at takeback, and only its grading (entry 4) is on record: no test, no OS licence
    expect(judge({ pinned: elsewhere, testsAndGrades: [trail[1]] })).toEqual({
      ok: false,
      refusal: 'certification-refused',
      detail: 'Certification under lenovo-cr@3 refused: 3 rule(s) not met.',
      reasons: [
        { code: 'pinned-to-other-programme', message: 'the unit was processed under dell-cr@2' },
        { code: 'suite-mismatch', message: 'tested under undefined; the programme requires notebook-standard@1' },
        { code: 'os-licence-missing', message: 'the programme requires an OS licence record (with the test result)' },
      ],
      extra: { programme: 'lenovo-cr@3' },
    });
  });

  it('an unknown rubric on record counts as ungraded', () => {
    expect(judge({ testsAndGrades: [trail[0], entry({ rubric: 'gone@1', defects: [] }, 4, 'GRADE')] })).toMatchObject({
      ok: false,
      reasons: [{ code: 'ungraded' }],
    });
  });
});
