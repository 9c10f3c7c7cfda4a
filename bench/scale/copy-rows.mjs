/**
 * One chunk of the bulk as COPY text: `size` units copied from API-made templates under new ids, serials and
 * times, in one new takeback, each trail's hash chain recomputed with the project's own hashAuditRecord.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { root } from '../support.mjs';

const require = createRequire(import.meta.url);
const { hashAuditRecord } = require(`${root}/dist/apps/api/libs/audit/src/hash-chain.js`);
const { summaryRows } = require(`${root}/dist/apps/api/apps/api/src/carbon/carbon-summaries.js`);
const { totalsParameters } = require(`${root}/dist/apps/api/apps/api/src/carbon/carbon.repository.js`);
const DAY = 86_400_000;

export const TARGETS = {
  takebacks:
    'takebacks (id, customer_organisation_id, custodian_organisation_id, site, market, created_by_user_id, expected_count, created_at)',
  devices: 'devices (id, brand, serial, model, device_class, asset_tag, current_lifecycle_id, created_at)',
  lifecycles:
    'lifecycles (id, device_id, number, takeback_id, state, snapshot, version, machine_version, custodian_organisation_id, site, last_seq, last_hash, started_at)',
  storage_media: 'storage_media (device_id, serial, media_type, interface, capacity_gb)',
  takeback_items: 'takeback_items (takeback_id, device_id, on_manifest, received_at)',
  carbon_entries:
    'carbon_entries (id, device_id, lifecycle_id, lifecycle_number, audit_seq, audit_entry_hash, kind, kg, low_kg, high_kg, factor_set, source, inputs, claimant_organisation_id, claimant_role, device_class, customer_organisation_id, custodian_organisation_id, oem_organisation_id, takeback_id, programme_id, recorded_at)',
  carbon_subject_units: 'carbon_subject_units (subject_kind, subject_id, year, device_class, device_id)',
  audit_events:
    'audit_events (device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, request_id, machine_version, occurred_at, prev_hash, hash, licence_decision)',
};

/**
 * @returns {{ tables: Array<[string, string]>, totalsParameters: unknown[], units: number, entries: number }} tables in
 * the order the foreign keys need; the carbon totals as parameters of the service's own summary statement
 */
export function buildChunk({ sources, ids, from, startIndex, count }, done, size) {
  const rows = Object.fromEntries(Object.keys(TARGETS).map((table) => [table, []]));
  const takebackId = randomUUID();
  const at = (i) => from + ((startIndex + done + i) / (startIndex + count)) * 364 * DAY;
  rows.takebacks.push([takebackId, ids.customer, ids.centre, 'Scale dock', null, ids.centreAdmin, size, iso(at(0))]);
  let entries = 0;
  const carbon = [];
  for (let i = 0; i < size; i++) {
    const t = sources[(done + i) % sources.length];
    const deviceId = randomUUID();
    const lifecycleId = randomUUID();
    const time = at(i);
    let prevHash = null;
    const hashes = new Map();
    for (const a of t.trail) {
      const record = {
        deviceId,
        lifecycleId,
        seq: a.seq,
        eventType: a.event_type,
        payload: a.seq === 1 ? { ...a.payload, takebackId } : a.payload,
        fromState: a.from_state,
        toState: a.to_state,
        actor: a.actor,
        requestId: null,
        machineVersion: a.machine_version,
        occurredAt: iso(time + (a.seq - 1) * 60_000),
        prevHash,
        licenceDecision: a.licence_decision,
      };
      const hash = hashAuditRecord(record);
      rows.audit_events.push([
        deviceId,
        lifecycleId,
        record.seq,
        record.eventType,
        json(record.payload),
        record.fromState,
        record.toState,
        json(record.actor),
        null,
        record.machineVersion,
        record.occurredAt,
        prevHash,
        hash,
        json(record.licenceDecision),
      ]);
      prevHash = hash;
      hashes.set(a.seq, { hash, at: record.occurredAt });
    }
    for (const c of t.carbon ?? []) {
      const entry = hashes.get(c.audit_seq);
      carbon.push({
        row: [
          randomUUID(),
          deviceId,
          lifecycleId,
          1,
          c.audit_seq,
          entry.hash,
          c.kind,
          c.kg,
          c.low_kg,
          c.high_kg,
          c.factor_set,
          json(c.source),
          json(c.inputs),
          c.claimant_organisation_id,
          c.claimant_role,
          c.device_class,
          ids.customer,
          ids.centre,
          c.oem_organisation_id,
          takebackId,
          c.programme_id,
          entry.at,
        ],
        summarised: {
          deviceId,
          deviceClass: c.device_class,
          customerOrganisationId: ids.customer,
          custodianOrganisationId: ids.centre,
          takebackId,
          programmeId: c.programme_id,
          recordedAt: entry.at,
          figure: { kind: c.kind, factorSet: c.factor_set, amount: { kg: c.kg, low: c.low_kg, high: c.high_kg }, inputs: c.inputs },
        },
      });
    }
    entries += t.trail.length;
    const serial = `SC${String(startIndex + done + i).padStart(8, '0')}`;
    rows.devices.push([deviceId, t.brand, serial, t.model, t.device_class, null, lifecycleId, iso(time)]);
    rows.lifecycles.push([
      lifecycleId,
      deviceId,
      1,
      takebackId,
      t.state,
      json(t.snapshot),
      t.version,
      t.machine_version,
      ids.centre,
      t.site,
      t.last_seq,
      prevHash,
      iso(time),
    ]);
    for (const m of t.media ?? []) rows.storage_media.push([deviceId, m.serial, m.type, m.interface, m.capacity]);
    rows.takeback_items.push([takebackId, deviceId, true, t.state === 'expected' ? null : iso(time + 60_000)]);
  }
  const summaries = summaryRows(carbon.map((c) => c.summarised));
  rows.carbon_entries = carbon.map((c) => c.row);
  rows.carbon_subject_units = summaries.units;
  const tables = Object.entries(TARGETS).map(([table, target]) => [
    target,
    rows[table].map((row) => `${row.map(copyText).join('\t')}\n`).join(''),
  ]);
  return { tables, totalsParameters: totalsParameters(summaries.totals), units: size, entries };
}

const copyText = (value) =>
  value === null || value === undefined
    ? '\\N'
    : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const json = (value) => (value === null || value === undefined ? null : JSON.stringify(value));
const iso = (ms) => new Date(Math.round(ms)).toISOString();
