import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import { EVENT_TYPES } from '@recert/lifecycle';
import type { EventType } from '@recert/lifecycle';
import { PAYLOAD_CLASSES } from './event-payloads.dto';

const PERSON = { name: 'Ana Ruiz', title: 'Sanitization technician' };
const MEDIUM = 'S4EVNX0N123456';

/** One valid body of each event, as the document shows it; Redocly's lint checks each against its schema. */
export const EVENT_EXAMPLES: { [T in EventType]: { type: T; [field: string]: unknown } } = {
  RECEIVE: { type: 'RECEIVE', site: 'Leipzig bench 3', sealIntact: true, receivedAt: '2026-11-02T09:15:00Z' },
  LOCK_CHECK: {
    type: 'LOCK_CHECK',
    locks: [
      { kind: 'bios_password', status: 'clear' },
      { kind: 'autopilot', status: 'locked', detail: 'registered to the previous tenant' },
    ],
  },
  RELEASE_LOCK: { type: 'RELEASE_LOCK', kind: 'autopilot', evidence: 'deregistration ticket INC-20931' },
  SANITIZE: {
    type: 'SANITIZE',
    mediumSerial: MEDIUM,
    level: 'purge',
    method: 'nvme_sanitize_crypto_erase',
    tool: { name: 'nvme-cli', version: '2.9' },
    verification: 'full',
    result: 'pass',
    performedBy: PERSON,
    destination: 'external_reuse',
  },
  VALIDATE_SANITIZATION: {
    type: 'VALIDATE_SANITIZATION',
    mediumSerial: MEDIUM,
    method: 'full',
    validatedBy: { name: 'Jonas Weber', title: 'Quality lead' },
    result: 'pass',
  },
  DESTROY_MEDIA: {
    type: 'DESTROY_MEDIA',
    mediumSerial: MEDIUM,
    method: 'shred',
    witness: 'Jonas Weber',
    evidenceReference: 'video/2026-11-02/0042.mp4',
  },
  TEST_RESULT: {
    type: 'TEST_RESULT',
    measurements: [
      { check: 'battery_health_percent', value: 91 },
      { check: 'keyboard', value: true },
    ],
  },
  START_REPAIR: { type: 'START_REPAIR', reason: 'battery below 80 % health' },
  COMPLETE_REPAIR: { type: 'COMPLETE_REPAIR', parts: [{ kind: 'battery', condition: 'genuine', serial: 'BAT-88231' }] },
  GRADE: { type: 'GRADE', defects: [{ code: 'scratch', zone: 'lid', severity: 1 }], photos: ['photos/lid-0042.jpg'] },
  REGRADE: { type: 'REGRADE', defects: [], reason: 'lid replaced after the first grading' },
  CERTIFY: { type: 'CERTIFY', programmeId: '0b7c2a9e-3f4d-4e1a-9c8b-5d6e7f8a9b0c' },
  DECLINE_CERTIFICATION: { type: 'DECLINE_CERTIFICATION', reason: 'display does not meet the programme' },
  LIST: { type: 'LIST', channel: 'web-shop', market: 'DE', price: 649.0, currency: 'EUR' },
  UNLIST: { type: 'UNLIST', reason: 'reserved for a business customer' },
  SELL: { type: 'SELL', orderReference: 'SO-2026-11-0042', buyer: 'Muster GmbH', market: 'DE', warrantyMonths: 24 },
  RETURN_TO_OWNER: { type: 'RETURN_TO_OWNER', reference: 'LEASE-7781', warrantyMonths: 0 },
  OPEN_CLAIM: { type: 'OPEN_CLAIM', symptom: 'does not charge', defectCode: 'no-power', zone: 'ports' },
  AUTHORIZE_RMA: { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-2026-0193' },
  REJECT_CLAIM: { type: 'REJECT_CLAIM', reason: 'liquid damage, not covered' },
  RECEIVE_RMA: { type: 'RECEIVE_RMA', site: 'Leipzig bench 1' },
  EXPIRE_WARRANTY: { type: 'EXPIRE_WARRANTY' },
  HARVEST: {
    type: 'HARVEST',
    parts: [
      { kind: 'ram', serial: 'RAM-11822', model: 'DDR5 16 GB' },
      { kind: 'ssd', serial: 'SSD-99120', mediaType: 'nvme', interface: 'nvme' },
    ],
  },
  SEND_TO_RECYCLER: { type: 'SEND_TO_RECYCLER', vendor: 'Recyclers AG', certification: 'R2v3', destroysData: true },
  CONFIRM_RECYCLED: { type: 'CONFIRM_RECYCLED', certificateReference: 'R2-CERT-55120', weightKg: 2.35 },
};

/** The body of the event routes: one of the payloads, told apart by `type`. */
export function eventBodySchema(): SchemaObject {
  return {
    oneOf: EVENT_TYPES.map((type) => ({ $ref: getSchemaPath(PAYLOAD_CLASSES[type]) })),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(EVENT_TYPES.map((type) => [type, getSchemaPath(PAYLOAD_CLASSES[type])])),
    },
  };
}

/** Named examples for the request body, one per event. */
export const eventBodyExamples = () =>
  Object.fromEntries(EVENT_TYPES.map((type) => [type, { summary: type, value: EVENT_EXAMPLES[type] }]));

/** Each payload's `type` is its own event alone (what the discriminator needs), and the schema carries its example. */
export function describeEventPayloads(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (const type of EVENT_TYPES) {
    const schema = schemas[PAYLOAD_CLASSES[type].name] as SchemaObject | undefined;
    if (!schema) continue;
    schema.properties = { ...schema.properties, type: { type: 'string', enum: [type], description: 'The event.' } };
    schema.example = EVENT_EXAMPLES[type];
    schema.description ??= `The body of a ${type} event.`;
  }
}
