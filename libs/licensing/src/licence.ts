/**
 * Partner licences as data, and the one function that decides whether a licence allows a command.
 * Pure: no clock, no database — the caller passes the time and the quota already used.
 */
export const CAPABILITIES = [
  'RECEIVE',
  'SANITIZE',
  'TEST',
  'REPAIR',
  'GRADE',
  'CERTIFY',
  'SELL_UNDER_BRAND',
  'PROVIDE_WARRANTY',
  'HANDLE_RMA',
  'RECYCLE',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const LICENCE_STATUSES = ['draft', 'active', 'suspended', 'terminated'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export interface LicenceScope {
  /** Lower-case brand names, e.g. "hp". */
  brands: string[];
  deviceClasses: string[];
  /** When set, only these product lines (matched against the unit's model, case-insensitive prefix). */
  productLines?: string[];
  /** ISO 3166-1 alpha-2 markets. */
  markets: string[];
}

export interface LicenceQuota {
  capability: Capability;
  /** Per brand per calendar month (UTC). */
  perMonth: number;
}

export interface LicenceRequirements {
  /** A partner's wipe must reach at least this NIST SP 800-88 level. */
  minimumSanitizationLevel?: 'clear' | 'purge';
  /** Grades a partner may certify. */
  allowedGrades?: string[];
  /** Which parts a partner's repair may use. */
  partsPolicy?: 'genuine_only' | 'genuine_or_equivalent' | 'any';
}

export interface LicenceTerms {
  licenceId: string;
  version: number;
  status: LicenceStatus;
  validFrom: string;
  validTo: string;
  scope: LicenceScope;
  capabilities: Capability[];
  quotas: LicenceQuota[];
  /** Capabilities that go on for units already sold when the licence is suspended, terminated or expired. */
  survivesTermination: Capability[];
  requirements?: LicenceRequirements;
  /** The OEM programme the licence is for (its issuer and the programme's code). */
  programme?: ProgrammeRef;
}

export interface ProgrammeRef {
  oemOrganisationId: string;
  code: string;
}

export interface UnitFacts {
  brand: string;
  deviceClass: string;
  model: string;
  /** The market the command concerns (the sale's, else the takeback's); undefined when none is known. */
  market?: string;
  /** The unit was sold (or returned to its owner) before this command: warranty duties may survive the licence. */
  alreadySold: boolean;
  /** The level a wipe in this command reaches (SANITIZE). */
  sanitizationLevel?: 'clear' | 'purge';
  /** The unit's grade (CERTIFY). */
  grade?: string | null;
  /** The condition of each part fitted (COMPLETE_REPAIR). */
  partsConditions?: string[];
  /** The programme the unit is certified under (CERTIFY). */
  programme?: ProgrammeRef;
}

export type DenialCode =
  | 'licence-not-active'
  | 'licence-not-yet-valid'
  | 'licence-expired'
  | 'capability-not-licensed'
  | 'brand-not-licensed'
  | 'device-class-not-licensed'
  | 'product-line-not-licensed'
  | 'market-not-licensed'
  | 'market-unknown'
  | 'quota-exhausted'
  | 'sanitization-below-minimum'
  | 'grade-not-allowed'
  | 'parts-not-allowed'
  | 'programme-not-licensed';

const LEVEL_RANK = { clear: 1, purge: 2 } as const;
const PARTS_ALLOWED: Record<NonNullable<LicenceRequirements['partsPolicy']>, string[]> = {
  genuine_only: ['genuine'],
  genuine_or_equivalent: ['genuine', 'equivalent_to_new'],
  any: ['genuine', 'equivalent_to_new', 'used'],
};

export interface Denial {
  code: DenialCode;
  message: string;
}

export interface Decision {
  licenceId: string;
  version: number;
  capability: Capability;
  allowed: boolean;
  /** Every reason the licence refuses, never just the first. */
  reasons: Denial[];
}

/** How much of each quota is already used this month, by capability. */
export type QuotaUse = Partial<Record<Capability, number>>;

export function decide(licence: LicenceTerms, capability: Capability, unit: UnitFacts, at: Date, used: QuotaUse = {}): Decision {
  const reasons: Denial[] = [];
  const deny = (code: DenialCode, message: string) => reasons.push({ code, message });
  const surviving = unit.alreadySold && licence.survivesTermination.includes(capability);

  if (licence.status !== 'active' && !(surviving && (licence.status === 'suspended' || licence.status === 'terminated'))) {
    deny('licence-not-active', `the licence is ${licence.status}`);
  }
  if (at < new Date(licence.validFrom)) deny('licence-not-yet-valid', `the licence is valid from ${licence.validFrom}`);
  if (at > new Date(licence.validTo) && !surviving) deny('licence-expired', `the licence ended on ${licence.validTo}`);
  if (!licence.capabilities.includes(capability)) deny('capability-not-licensed', `the licence does not grant ${capability}`);
  if (!licence.scope.brands.includes(unit.brand)) deny('brand-not-licensed', `the brand ${unit.brand} is not licensed`);
  if (!licence.scope.deviceClasses.includes(unit.deviceClass))
    deny('device-class-not-licensed', `the device class ${unit.deviceClass} is not licensed`);
  const lines = licence.scope.productLines;
  if (lines?.length && !lines.some((line) => unit.model.toLowerCase().startsWith(line.toLowerCase()))) {
    deny('product-line-not-licensed', `the model ${unit.model} is not in a licensed product line`);
  }
  if (unit.market === undefined) {
    if (capability === 'SELL_UNDER_BRAND' || capability === 'CERTIFY')
      deny('market-unknown', 'the unit has no market to check the licence against');
  } else if (!licence.scope.markets.includes(unit.market)) {
    deny('market-not-licensed', `the market ${unit.market} is not licensed`);
  }
  const { programme } = unit;
  if (
    programme &&
    licence.programme &&
    (programme.code !== licence.programme.code || programme.oemOrganisationId !== licence.programme.oemOrganisationId)
  ) {
    // Codes are unique per OEM only: when they match, it is the issuer that differs, and the message says so.
    const other =
      programme.code === licence.programme.code
        ? `another OEM's programme of the same code (OEM ${programme.oemOrganisationId})`
        : programme.code;
    deny(
      'programme-not-licensed',
      `the licence is for the programme ${licence.programme.code} of OEM ${licence.programme.oemOrganisationId}, not ${other}`,
    );
  }
  const required = licence.requirements ?? {};
  if (
    required.minimumSanitizationLevel &&
    unit.sanitizationLevel &&
    LEVEL_RANK[unit.sanitizationLevel] < LEVEL_RANK[required.minimumSanitizationLevel]
  ) {
    deny(
      'sanitization-below-minimum',
      `the licence requires at least ${required.minimumSanitizationLevel}, this wipe is ${unit.sanitizationLevel}`,
    );
  }
  if (required.allowedGrades?.length && capability === 'CERTIFY' && !required.allowedGrades.includes(unit.grade ?? '')) {
    deny('grade-not-allowed', `grade ${unit.grade ?? '(none)'} may not be certified; allowed: ${required.allowedGrades.join(', ')}`);
  }
  const allowedParts = required.partsPolicy ? PARTS_ALLOWED[required.partsPolicy] : undefined;
  if (allowedParts && unit.partsConditions?.some((c) => !allowedParts.includes(c))) {
    deny('parts-not-allowed', `the licence allows only ${allowedParts.join(' or ')} parts`);
  }
  const quota = licence.quotas.find((q) => q.capability === capability);
  if (quota && (used[capability] ?? 0) >= quota.perMonth) {
    deny('quota-exhausted', `the quota of ${quota.perMonth} ${capability} per brand per month is used up`);
  }
  return { licenceId: licence.licenceId, version: licence.version, capability, allowed: reasons.length === 0, reasons };
}

/**
 * Of a partner's licences, the one that decides: the first that allows, else the closest refusal (fewest
 * reasons), so the partner is told what its most relevant licence lacks.
 */
export function decideAmong(
  licences: LicenceTerms[],
  capability: Capability,
  unit: UnitFacts,
  at: Date,
  usedBy: (licenceId: string) => QuotaUse,
): Decision | undefined {
  const decisions = licences.map((l) => decide(l, capability, unit, at, usedBy(l.licenceId)));
  return decisions.find((d) => d.allowed) ?? [...decisions].sort((a, b) => a.reasons.length - b.reasons.length)[0];
}

/** The quota period a moment falls in: calendar month, UTC. */
export const quotaPeriod = (at: Date) => at.toISOString().slice(0, 7);
