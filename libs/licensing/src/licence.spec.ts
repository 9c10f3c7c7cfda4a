import { CAPABILITY_OF_EVENT } from './capabilities';
import { decide, decideAmong, LicenceTerms, quotaPeriod, UnitFacts } from './licence';

const licence: LicenceTerms = {
  licenceId: 'L1',
  version: 3,
  status: 'active',
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2026-12-31T23:59:59Z',
  scope: { brands: ['hp'], deviceClasses: ['notebook'], markets: ['FR'] },
  capabilities: ['RECEIVE', 'SANITIZE', 'TEST', 'REPAIR', 'GRADE', 'CERTIFY'],
  quotas: [{ capability: 'CERTIFY', perMonth: 2 }],
  survivesTermination: ['PROVIDE_WARRANTY', 'HANDLE_RMA'],
};
const unit: UnitFacts = { brand: 'hp', deviceClass: 'notebook', model: 'EliteBook 840 G9', market: 'FR', alreadySold: false };
const at = new Date('2026-11-23T10:00:00Z');
const codes = (d: { reasons: Array<{ code: string }> }) => d.reasons.map((r) => r.code);

describe('licence decisions', () => {
  it('allows what the licence covers, and records licence and version', () => {
    expect(decide(licence, 'CERTIFY', unit, at, { CERTIFY: 1 })).toEqual({
      licenceId: 'L1',
      version: 3,
      capability: 'CERTIFY',
      allowed: true,
      reasons: [],
    });
  });

  it.each([
    ['another brand', { ...unit, brand: 'lenovo' }, 'GRADE', 'brand-not-licensed'],
    ['another device class', { ...unit, deviceClass: 'server' }, 'GRADE', 'device-class-not-licensed'],
    ['another market', { ...unit, market: 'DE' }, 'GRADE', 'market-not-licensed'],
    ['a capability not granted', unit, 'SELL_UNDER_BRAND', 'capability-not-licensed'],
  ] as const)('refuses %s', (_, facts, capability, code) => {
    expect(codes(decide(licence, capability, facts, at))).toEqual([code]);
  });

  it('refuses after the validity ends, before it starts, and while suspended or a draft', () => {
    expect(codes(decide(licence, 'GRADE', unit, new Date('2027-01-01T00:00:00Z')))).toEqual(['licence-expired']);
    expect(codes(decide(licence, 'GRADE', unit, new Date('2025-12-31T00:00:00Z')))).toEqual(['licence-not-yet-valid']);
    expect(codes(decide({ ...licence, status: 'suspended' }, 'GRADE', unit, at))).toEqual(['licence-not-active']);
    expect(codes(decide({ ...licence, status: 'draft' }, 'GRADE', unit, at))).toEqual(['licence-not-active']);
  });

  it('refuses when this month’s quota is used up: 2 of 2', () => {
    expect(codes(decide(licence, 'CERTIFY', unit, at, { CERTIFY: 2 }))).toEqual(['quota-exhausted']);
  });

  it('gives every reason together, never just the first', () => {
    const decision = decide(
      { ...licence, status: 'suspended' },
      'SELL_UNDER_BRAND',
      { ...unit, brand: 'dell', deviceClass: 'server', market: 'DE' },
      at,
    );
    expect(codes(decision).sort()).toEqual([
      'brand-not-licensed',
      'capability-not-licensed',
      'device-class-not-licensed',
      'licence-not-active',
      'market-not-licensed',
    ]);
  });

  it('keeps warranty and RMA going for units already sold after termination or expiry, and nothing else', () => {
    const terminated = { ...licence, status: 'terminated' as const, capabilities: [...licence.capabilities, 'PROVIDE_WARRANTY' as const] };
    expect(decide(terminated, 'PROVIDE_WARRANTY', { ...unit, alreadySold: true }, at).allowed).toBe(true);
    expect(decide(terminated, 'PROVIDE_WARRANTY', { ...unit, alreadySold: true }, new Date('2027-03-01T00:00:00Z')).allowed).toBe(true);
    expect(decide(terminated, 'PROVIDE_WARRANTY', unit, at).allowed).toBe(false);
    expect(decide(terminated, 'GRADE', { ...unit, alreadySold: true }, at).allowed).toBe(false);
  });

  it('checks product lines by model prefix when the licence names them', () => {
    const elite = { ...licence, scope: { ...licence.scope, productLines: ['EliteBook'] } };
    expect(decide(elite, 'GRADE', unit, at).allowed).toBe(true);
    expect(codes(decide(elite, 'GRADE', { ...unit, model: 'ProBook 450' }, at))).toEqual(['product-line-not-licensed']);
  });

  it('a certification needs a known market', () => {
    expect(codes(decide(licence, 'CERTIFY', { ...unit, market: undefined }, at))).toEqual(['market-unknown']);
    expect(decide(licence, 'GRADE', { ...unit, market: undefined }, at).allowed).toBe(true);
  });

  it('among several licences, the first that allows decides; else the closest refusal', () => {
    const lenovo = { ...licence, licenceId: 'L2', scope: { ...licence.scope, brands: ['lenovo'] } };
    expect(decideAmong([lenovo, licence], 'GRADE', unit, at, () => ({}))?.licenceId).toBe('L1');
    expect(decideAmong([lenovo, licence], 'GRADE', { ...unit, market: 'DE' }, at, () => ({}))?.licenceId).toBe('L1');
    expect(decideAmong([], 'GRADE', unit, at, () => ({}))).toBeUndefined();
  });

  it('maps every lifecycle event to a capability, and counts quotas per UTC month', () => {
    expect(Object.keys(CAPABILITY_OF_EVENT)).toHaveLength(25);
    expect(quotaPeriod(new Date('2026-11-30T23:59:59Z'))).toBe('2026-11');
  });

  it('enforces the licence’s requirements: wipe level, certifiable grades, parts', () => {
    const strict = {
      ...licence,
      requirements: { minimumSanitizationLevel: 'purge' as const, allowedGrades: ['A', 'B'], partsPolicy: 'genuine_only' as const },
    };
    expect(codes(decide(strict, 'SANITIZE', { ...unit, sanitizationLevel: 'clear' }, at))).toEqual(['sanitization-below-minimum']);
    expect(decide(strict, 'SANITIZE', { ...unit, sanitizationLevel: 'purge' }, at).allowed).toBe(true);
    expect(codes(decide(strict, 'CERTIFY', { ...unit, grade: 'C' }, at))).toEqual(['grade-not-allowed']);
    expect(decide(strict, 'CERTIFY', { ...unit, grade: 'A' }, at).allowed).toBe(true);
    expect(codes(decide(strict, 'REPAIR', { ...unit, partsConditions: ['genuine', 'used'] }, at))).toEqual(['parts-not-allowed']);
    expect(decide(strict, 'REPAIR', { ...unit, partsConditions: ['genuine'] }, at).allowed).toBe(true);
  });

  it('certifies only under the programme the licence is for (same OEM, same code)', () => {
    const forProgramme = { ...licence, programme: { oemOrganisationId: 'oem-hp', code: 'hp-certified-refurbished' } };
    expect(
      decide(forProgramme, 'CERTIFY', { ...unit, programme: { oemOrganisationId: 'oem-hp', code: 'hp-certified-refurbished' } }, at)
        .allowed,
    ).toBe(true);
    expect(codes(decide(forProgramme, 'CERTIFY', { ...unit, programme: { oemOrganisationId: 'oem-hp', code: 'hp-renew' } }, at))).toEqual([
      'programme-not-licensed',
    ]);
    expect(
      codes(
        decide(forProgramme, 'CERTIFY', { ...unit, programme: { oemOrganisationId: 'oem-other', code: 'hp-certified-refurbished' } }, at),
      ),
    ).toEqual(['programme-not-licensed']);
  });
});
