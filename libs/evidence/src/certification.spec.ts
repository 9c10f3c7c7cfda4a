import { computeGrade, DEFAULT_NOTEBOOK_RUBRIC } from '@recert/grading';
import { initialContext, UnitContext } from '@recert/lifecycle';
import { certificationReasons, CertificationFacts } from './certification-evidence';
import type { ProgrammeVersion } from '@recert/evidence';

const programme: ProgrammeVersion = {
  id: 'p1', code: 'lenovo-cr', oemOrganisationId: 'oem', version: 3, ownsBrand: true,
  terms: {
    name: 'Lenovo Certified Refurbished', brands: ['lenovo'], deviceClasses: ['notebook'], sanitization: { resale: 'purge', returnToOwner: 'clear' },
    testSuites: { notebook: 'notebook-standard@1' }, rubric: 'notebook-cosmetic@1', certifiableGrades: ['A', 'B'], osLicenceRequired: true,
    markets: [{ market: 'DE', warrantyMonths: 12, extendableToMonths: 36, doaDays: 14 }],
  },
};

const ready: UnitContext = {
  ...initialContext({ mediaSerials: ['M1'] }),
  media: [{ serial: 'M1', status: 'validated', level: 'purge', attempts: 1 }],
  locks: { checked: true, blocking: [] }, condition: 'passed', grade: 'A',
};
const entry = (payload: Record<string, unknown>) => ({ seq: 5, eventType: 'X', payload, userId: 'u', occurredAt: '2026-11-23T00:00:00.000Z' });
const facts = (overrides: Partial<CertificationFacts> = {}): CertificationFacts => ({
  brand: 'lenovo', deviceClass: 'notebook', oemOwnsBrand: true, context: ready, pinnedElsewhere: null,
  lastTest: entry({ suite: 'notebook-standard@1' }), lastGrade: entry({ rubric: 'notebook-cosmetic@1' }),
  grade: computeGrade(DEFAULT_NOTEBOOK_RUBRIC, [], 'passed'), osLicenceRecorded: true, ...overrides,
});

describe('certification rules', () => {
  it('certifies a unit that meets every rule', () => {
    expect(certificationReasons(programme, facts())).toEqual([]);
  });

  it('names every unmet rule at once, in a stable order', () => {
    const context: UnitContext = {
      ...ready, locks: { checked: true, blocking: ['mdm'] }, condition: 'failed',
      media: [{ serial: 'M1', status: 'sanitized', level: 'purge', attempts: 1 }, { serial: 'M2', status: 'validated', level: 'clear', attempts: 1 }],
    };
    const reasons = certificationReasons(programme, facts({
      brand: 'hp', deviceClass: 'server', oemOwnsBrand: false, context, pinnedElsewhere: 'other@1', osLicenceRecorded: false,
      grade: computeGrade(DEFAULT_NOTEBOOK_RUBRIC, [{ code: 'crack', zone: 'base', severity: 4 }], 'passed'),
    }));
    expect(reasons.map((r) => r.code)).toEqual([
      'pinned-to-other-programme', 'brand-not-covered', 'device-class-not-covered', 'lock-blocking', 'medium-not-sanitized',
      'medium-below-required-level', 'test-not-passed', 'grade-not-certifiable', 'os-licence-missing',
    ]);
    expect(reasons.find((r) => r.code === 'medium-below-required-level')?.message).toBe('M2 reached clear; the programme requires purge for resale');
  });

  it('a destroyed medium always meets the level; a suite or rubric other than the programme’s does not count', () => {
    const context = { ...ready, media: [{ serial: 'M1', status: 'destroyed' as const, level: null, attempts: 0 }] };
    expect(certificationReasons(programme, facts({ context }))).toEqual([]);
    const other = certificationReasons(programme, facts({
      lastTest: entry({ suite: 'desktop-standard@1' }), grade: { ...computeGrade(DEFAULT_NOTEBOOK_RUBRIC, [], 'passed'), rubric: 'chassis-cosmetic@1' },
    }));
    expect(other.map((r) => r.code)).toEqual(['suite-mismatch', 'rubric-mismatch']);
  });

  it('an unchecked, untested, ungraded unit gets those three reasons', () => {
    const context = { ...initialContext({ mediaSerials: [] }) };
    expect(certificationReasons(programme, facts({ context, grade: null, lastGrade: undefined })).map((r) => r.code)).toEqual(['locks-unchecked', 'test-not-passed', 'ungraded']);
  });
});
