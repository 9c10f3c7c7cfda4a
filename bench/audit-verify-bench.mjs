#!/usr/bin/env node
/**
 * `npm run audit:verify` at scale (prints figures; not a test). npm run bench:audit-verify
 * Builds one real unit through the API (takeback, RECEIVE, LOCK_CHECKs: PER_UNIT entries), then clones its trail
 * by SQL into UNITS units — new device and lifecycle ids, each chain re-hashed with libs/audit's hashAuditRecord, so
 * every clone verifies and replays like the original. Then times audit:verify: the first run (no checkpoints),
 * `--full`, and an incremental run after APPENDED units got one more entry each. Loopback only, bounded by UNITS.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { call, database, root, startService, workshop } from './support.mjs';

const require = createRequire(import.meta.url);
const { hashAuditRecord } = require(join(root, 'dist/apps/api/libs/audit/src/hash-chain.js'));
const { applyEvent, persist, restore } = require(join(root, 'dist/apps/api/libs/lifecycle/src/index.js'));
const UNITS = Number(process.env.UNITS ?? 100_000);
const PER_UNIT = Number(process.env.PER_UNIT ?? 10);
const APPENDED = Number(process.env.APPENDED ?? 1000);
const CONCURRENCY = process.env.CONCURRENCY ?? '4';
const BATCH = 500;

const db = await database();
const client = new pg.Client({ connectionString: db.url });
await client.connect();
try {
  // 1. One real unit through the service: the template every clone copies.
  const service = await startService(db.url, { RECERT_RATE_LIMIT: '1000000' });
  let template;
  try {
    const w = await workshop(service.base);
    const serial = `AV${Date.now()}`;
    const body = {
      customerOrganisationId: w.customer,
      site: 'Dock',
      devices: [{ brand: 'Lenovo', serial, model: 'T14', deviceClass: 'notebook' }],
    };
    await call(service.base, 'POST', '/takebacks', { key: w.admin.key, body });
    const id = (await call(service.base, 'GET', `/devices?serial=${serial}`, { key: w.admin.key })).body.items[0].id;
    const send = (event) => call(service.base, 'POST', `/devices/${id}/events`, { key: w.technician.key, body: event });
    await send({ type: 'RECEIVE', site: 'Dock', sealIntact: true });
    for (let i = 0; i < PER_UNIT - 2; i++) await send({ type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] });
    template = { id, serial };
  } finally {
    await service.stop();
  }
  const device = (await client.query(`SELECT * FROM devices WHERE id = $1`, [template.id])).rows[0];
  const lifecycle = (await client.query(`SELECT * FROM lifecycles WHERE device_id = $1`, [template.id])).rows[0];
  const entries = (await client.query(`SELECT * FROM audit_events WHERE device_id = $1 ORDER BY seq`, [template.id])).rows;
  const lastSeq = entries.length;

  // 2. Clones by SQL, BATCH units per statement, each trail re-hashed (ids are part of every entry's hash).
  const seeding = performance.now();
  const swap = (value, ids) =>
    value === null
      ? null
      : JSON.parse(
          JSON.stringify(value)
            .replaceAll(template.id, ids.device)
            .replaceAll(lifecycle.id, ids.lifecycle)
            .replaceAll(template.serial, ids.serial),
        );
  for (let start = 0; start < UNITS; start += BATCH) {
    const units = Array.from({ length: Math.min(BATCH, UNITS - start) }, (_, i) => ({
      device: crypto.randomUUID(),
      lifecycle: crypto.randomUUID(),
      serial: `${template.serial}C${String(start + i).padStart(8, '0')}`,
    }));
    const audit = [];
    const heads = [];
    for (const ids of units) {
      let prevHash = null;
      for (const e of entries) {
        const record = {
          deviceId: ids.device,
          lifecycleId: ids.lifecycle,
          seq: e.seq,
          eventType: e.event_type,
          payload: swap(e.payload, ids),
          fromState: e.from_state,
          toState: e.to_state,
          actor: swap(e.actor, ids),
          requestId: e.request_id,
          machineVersion: e.machine_version,
          occurredAt: e.occurred_at.toISOString(),
          prevHash,
          licenceDecision: e.licence_decision,
        };
        const hash = hashAuditRecord(record);
        audit.push({ ...record, hash });
        prevHash = hash;
      }
      heads.push(prevHash);
    }
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO devices (id, brand, serial, model, device_class, current_lifecycle_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])`,
      [
        units.map((u) => u.device),
        units.map(() => device.brand),
        units.map((u) => u.serial),
        units.map(() => device.model),
        units.map(() => device.device_class),
        units.map((u) => u.lifecycle),
      ],
    );
    await client.query(
      `INSERT INTO lifecycles (id, device_id, number, takeback_id, state, snapshot, version, machine_version, custodian_organisation_id, site, last_seq, last_hash, started_at)
       SELECT id, device_id, 1, $3, $4, snapshot, $5, $6, $7, $8, $9, last_hash, now() FROM unnest($1::uuid[], $2::uuid[], $10::jsonb[], $11::text[]) AS u(id, device_id, snapshot, last_hash)`,
      [
        units.map((u) => u.lifecycle),
        units.map((u) => u.device),
        lifecycle.takeback_id,
        lifecycle.state,
        lifecycle.version,
        lifecycle.machine_version,
        lifecycle.custodian_organisation_id,
        lifecycle.site,
        lastSeq,
        units.map((u) => JSON.stringify(swap(lifecycle.snapshot, u))),
        heads,
      ],
    );
    const column = (f) => audit.map(f);
    await client.query(
      `INSERT INTO audit_events (device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, request_id, machine_version, occurred_at, prev_hash, hash, licence_decision)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::text[], $14::jsonb[])`,
      [
        column((r) => r.deviceId),
        column((r) => r.lifecycleId),
        column((r) => r.seq),
        column((r) => r.eventType),
        column((r) => JSON.stringify(r.payload)),
        column((r) => r.fromState),
        column((r) => r.toState),
        column((r) => JSON.stringify(r.actor)),
        column((r) => r.requestId),
        column((r) => r.machineVersion),
        column((r) => r.occurredAt),
        column((r) => r.prevHash),
        column((r) => r.hash),
        column((r) => (r.licenceDecision ? JSON.stringify(r.licenceDecision) : null)),
      ],
    );
    await client.query('COMMIT');
  }
  const seeded = (performance.now() - seeding) / 1000;
  await client.query('ANALYZE devices; ANALYZE lifecycles; ANALYZE audit_events');
  const total = (await client.query(`SELECT count(*)::int AS n FROM audit_events`)).rows[0].n;
  console.log(
    `seeded ${UNITS} units × ${lastSeq} entries by SQL (re-hashed with libs/audit) in ${seeded.toFixed(1)} s; ${total} entries in all`,
  );

  // 3. audit:verify as an operator runs it (the schema owner's URL), timed from outside.
  const verify = (args) => {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [join(root, 'dist/apps/api/apps/api/src/cli/audit-verify.js'), `--concurrency=${CONCURRENCY}`, ...args],
      {
        env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'error' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const summary = run.stdout.trim().split('\n').at(-1);
    return { seconds, summary, status: run.status, stderr: run.stderr.trim() };
  };
  const report = (label, r) =>
    console.log(
      `  ${label.padEnd(34)} ${r.seconds.toFixed(1)} s (${Math.round(total / r.seconds)} entries/s) exit ${r.status}: ${r.summary}${r.stderr ? ` ${r.stderr}` : ''}`,
    );
  console.log(`audit:verify --concurrency=${CONCURRENCY}`);
  report('first run (no checkpoints):', verify([]));
  report('--full:', verify(['--full']));
  // One more entry for APPENDED units (a LOCK_CHECK, re-hashed onto its head), then the incremental run.
  const ids = (await client.query(`SELECT id, device_id, last_hash, snapshot FROM lifecycles ORDER BY random() LIMIT $1`, [APPENDED])).rows;
  const extra = entries.at(-1); // a LOCK_CHECK from the state the unit is in now
  for (const l of ids) {
    const record = {
      deviceId: l.device_id,
      lifecycleId: l.id,
      seq: lastSeq + 1,
      eventType: extra.event_type,
      payload: extra.payload,
      fromState: extra.from_state,
      toState: extra.to_state,
      actor: extra.actor,
      requestId: extra.request_id,
      machineVersion: extra.machine_version,
      occurredAt: extra.occurred_at.toISOString(),
      prevHash: l.last_hash,
      licenceDecision: null,
    };
    const hash = hashAuditRecord(record);
    await client.query(
      `INSERT INTO audit_events (device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, request_id, machine_version, occurred_at, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        record.deviceId,
        record.lifecycleId,
        record.seq,
        record.eventType,
        record.payload,
        record.fromState,
        record.toState,
        record.actor,
        record.requestId,
        record.machineVersion,
        record.occurredAt,
        record.prevHash,
        hash,
      ],
    );
    // The stored snapshot moves on as the service's own command would move it.
    const applied = applyEvent(restore(l.snapshot), { type: record.eventType, ...record.payload });
    await client.query(`UPDATE lifecycles SET last_seq = $2, last_hash = $3, snapshot = $4 WHERE id = $1`, [
      l.id,
      record.seq,
      hash,
      JSON.stringify(persist(applied.snapshot)),
    ]);
  }
  report(`incremental (${ids.length} units +1 entry):`, verify([]));
} finally {
  await client.end();
  await db.stop();
}
