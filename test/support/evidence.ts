import type { TestApp } from './test-app';
import type { Workshop } from './units';

/** Who sends an event in a workshop: the technician sanitizes, the admin (another person) does the rest, validation included. */
export const senderKey = (workshop: Workshop, event: object) =>
  (event as { type: string }).type === 'SANITIZE' ? workshop.technician.key : workshop.admin.key;

/** Submissions as a technician's tools would send them, for a notebook with medium M1 (NVMe). */
export const sanitize = (mediumSerial = 'M1', overrides: Record<string, unknown> = {}) => ({
  type: 'SANITIZE',
  mediumSerial,
  level: 'purge',
  method: 'nvme_sanitize_crypto_erase',
  tool: { name: 'WipeStation', version: '4.2.1' },
  verification: 'full',
  result: 'pass',
  performedBy: { name: 'Ana Lima', title: 'Sanitization technician', organisation: 'Centre', location: 'Bay 3' },
  dataBackedUp: 'no',
  destination: 'external_reuse',
  ...overrides,
});

export const validate = (mediumSerial = 'M1', overrides: Record<string, unknown> = {}) => ({
  type: 'VALIDATE_SANITIZATION',
  mediumSerial,
  method: 'full',
  tool: { name: 'VerifyPro', version: '2.0' },
  validatedBy: { name: 'Bo Berg', title: 'QA lead' },
  ...overrides,
});

export const destroy = (mediumSerial: string) => ({
  type: 'DESTROY_MEDIA',
  mediumSerial,
  method: 'shred',
  witness: 'C. Witness',
  evidenceReference: 'video://bay3/2026-11-23/0042',
});

const BOOLEAN_CHECKS = ['bios', 'memory', 'ports', 'display', 'keyboard', 'touchpad', 'wifi', 'audio'];

/** Measurements of a healthy notebook under notebook-standard@1, with overrides by check name. */
export function notebookMeasurements(overrides: Record<string, number | boolean> = {}) {
  const values: Record<string, number | boolean> = {
    battery_health_percent: 92,
    storage_reallocated_sectors: 0,
    storage_pending_sectors: 0,
    ...Object.fromEntries(BOOLEAN_CHECKS.map((c) => [c, true])),
    ...overrides,
  };
  return Object.entries(values).map(([check, value]) => ({ check, value }));
}

export const testResult = (overrides: Record<string, number | boolean> = {}, extra: Record<string, unknown> = {}) => ({
  type: 'TEST_RESULT',
  measurements: notebookMeasurements(overrides),
  ...extra,
});
export const OS_LICENCE = { product: 'Windows 11 Pro', kind: 'digital', reference: 'DPK-1234' };

export const grade = (
  defects: Array<{ code: string; zone: string; severity: number; photos?: string[] }> = [],
  extra: Record<string, unknown> = {},
) => ({ type: 'GRADE', defects, ...extra });
export const certify = (programmeId: string) => ({ type: 'CERTIFY', programmeId });

/** From expected to ready for certification. The VALIDATE step must come from another person than the SANITIZE one. */
export const TO_CERTIFIABLE = [
  { type: 'RECEIVE', site: 'Dock 1', sealIntact: true },
  { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
  sanitize(),
  validate(),
  testResult({}, { osLicence: OS_LICENCE }),
  grade(),
];

/** Sends events in order; VALIDATE_SANITIZATION goes with the validator's key, everything else with the operator's. */
export async function sendSteps(
  t: TestApp,
  deviceId: string,
  events: object[],
  keys: { operator: string; validator: string },
): Promise<void> {
  for (const event of events) {
    const key = (event as { type: string }).type === 'VALIDATE_SANITIZATION' ? keys.validator : keys.operator;
    const response = await t.as(key).post(`/devices/${deviceId}/events`).send(event);
    if (response.status !== 200)
      throw new Error(`${(event as { type: string }).type} → ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

/** Each class is graded under a rubric made for it: the notebook's is `rubric`, the others' their class's own. */
const rubricsFor = (deviceClasses: string[]) =>
  Object.fromEntries(deviceClasses.filter((c) => c !== 'notebook').map((c) => [c, `${c}-cosmetic@1`]));

export const programmeTerms = (brands: string[], overrides: Record<string, unknown> = {}) => {
  const terms = {
    name: 'Certified Refurbished',
    brands,
    deviceClasses: ['notebook', 'server'],
    sanitization: { resale: 'purge', returnToOwner: 'clear' },
    testSuites: { notebook: 'notebook-standard@1', server: 'server-standard@1' },
    rubric: 'notebook-cosmetic@1',
    certifiableGrades: ['A', 'B', 'C'],
    osLicenceRequired: false,
    markets: [
      { market: 'FR', warrantyMonths: 12, extendableToMonths: 36, doaDays: 30 },
      { market: 'DE', warrantyMonths: 12, extendableToMonths: 24, doaDays: 14 },
    ],
    ...overrides,
  };
  return { rubrics: rubricsFor(terms.deviceClasses as string[]), ...terms };
};

/** An OEM owning `brands` with a programme manager, and a programme of its; returns the programme id and the manager. */
export async function newProgramme(t: TestApp, brands = ['Lenovo'], overrides: Record<string, unknown> = {}) {
  const oem = (
    await t
      .as(t.adminKey)
      .post('/organisations')
      .send({ name: `OEM ${brands.join('/')}`, kind: 'oem', brands })
      .expect(201)
  ).body;
  const manager = await t.newUser('programme_manager', oem.id);
  const created = await t
    .as(manager.key)
    .post('/programmes')
    .send({
      code: 'certified-refurbished',
      ...programmeTerms(
        brands.map((b) => b.toLowerCase()),
        overrides,
      ),
    });
  if (created.status !== 201) throw new Error(`programme: ${created.status} ${JSON.stringify(created.body)}`);
  return { programmeId: created.body.id as string, manager, oemId: oem.id as string };
}
