import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { tamperAsOwner, TestApp } from './support/test-app';
import { certify, newProgramme, sendSteps, TO_CERTIFIABLE } from './support/evidence';
import { newUnits, newWorkshop, Workshop } from './support/units';

/** Tampering as a superuser would (triggers off for one transaction), then asking verify where it broke. */
describe('the audit trail', () => {
  let t: TestApp;
  let workshop: Workshop;
  let units: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    units = (await newUnits(t, workshop, 5)).deviceIds;
    const { programmeId } = await newProgramme(t);
    for (const deviceId of units) {
      await sendSteps(t, deviceId, [...TO_CERTIFIABLE, certify(programmeId)], {
        operator: workshop.technician.key,
        validator: workshop.admin.key,
      });
    }
  });
  afterAll(() => t.close());

  const verify = async (deviceId: string) => (await t.as(workshop.admin.key).get(`/devices/${deviceId}/history/verify`).expect(200)).body;

  /** As the schema owner, with the append-only trigger disabled for this transaction only. */
  const tamper = (statements: string[], params: unknown[]) => tamperAsOwner(statements.map((sql) => [sql, params]));

  it('keeps every event, hash-chained, and verifies', async () => {
    const history = await t.as(workshop.admin.key).get(`/devices/${units[0]}/history`).expect(200);
    expect(history.body.map((e: { eventType: string }) => e.eventType)).toEqual([
      'LIFECYCLE_STARTED',
      ...TO_CERTIFIABLE.map((e) => e.type),
      'CERTIFY',
    ]);
    expect(history.body[2].prevHash).toBe(history.body[1].hash);
    expect(history.body[3].actor).toEqual(
      expect.objectContaining({ role: 'technician', organisationId: workshop.technician.organisationId }),
    );
    expect(await verify(units[0])).toEqual({ ok: true, lifecycles: 1, events: 8, head: history.body[7].hash, hashed: 8, from: null });
  });

  it('the database refuses UPDATE and DELETE on it (the service role has no right to; its owner meets the trigger: test/database-roles)', async () => {
    await expect(t.dataSource.query(`UPDATE audit_events SET payload = '{}' WHERE device_id = $1`, [units[0]])).rejects.toThrow(
      /append-only|permission denied/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_events WHERE device_id = $1`, [units[0]])).rejects.toThrow(
      /append-only|permission denied/,
    );
  });

  it('reports a payload changed by one byte at its seq', async () => {
    await tamper([`UPDATE audit_events SET payload = jsonb_set(payload, '{grade}', '"B"') WHERE device_id = $1 AND seq = 7`], [units[1]]);
    expect(await verify(units[1])).toEqual(expect.objectContaining({ ok: false, seq: 7, reason: expect.stringContaining('content') }));
  });

  it('reports a deleted entry at its seq', async () => {
    await tamper([`DELETE FROM audit_events WHERE device_id = $1 AND seq = 4`], [units[2]]);
    expect(await verify(units[2])).toEqual(expect.objectContaining({ ok: false, seq: 4 }));
  });

  it('reports two swapped entries at the first of them', async () => {
    // The unique (lifecycle, seq) constraint is checked per row: move one aside first.
    await tamper(
      [
        `UPDATE audit_events SET seq = -1 WHERE device_id = $1 AND seq = 3`,
        `UPDATE audit_events SET seq = 3 WHERE device_id = $1 AND seq = 4`,
        `UPDATE audit_events SET seq = 4 WHERE device_id = $1 AND seq = -1`,
      ],
      [units[3]],
    );
    expect(await verify(units[3])).toEqual(expect.objectContaining({ ok: false, seq: 3 }));
  });

  it('reports a cut-off tail: the lifecycle head no longer matches', async () => {
    await tamper([`DELETE FROM audit_events WHERE device_id = $1 AND seq = 8`], [units[4]]);
    expect(await verify(units[4])).toEqual(expect.objectContaining({ ok: false, seq: 8, reason: expect.stringContaining('missing') }));
  });

  it('reports a stored snapshot that replay does not reproduce', async () => {
    const [extra] = (await newUnits(t, workshop, 1)).deviceIds;
    await t.as(workshop.admin.key).post(`/devices/${extra}/events`).send(TO_CERTIFIABLE[0]).expect(200);
    await t.dataSource.query(`UPDATE lifecycles SET snapshot = jsonb_set(snapshot, '{context,grade}', '"A"') WHERE device_id = $1`, [
      extra,
    ]);
    expect(await verify(extra)).toEqual(expect.objectContaining({ ok: false, seq: 2, reason: expect.stringContaining('snapshot') }));
  });

  it('`npm run audit:verify` checks every unit and names the broken ones', () => {
    const run = spawnSync(process.execPath, [resolve(__dirname, '../dist/apps/api/apps/api/src/cli/audit-verify.js')], {
      env: process.env,
      encoding: 'utf8',
    });
    expect(run.stdout).toMatch(/\d+ unit\(s\) checked/);
    for (const tampered of units.slice(1)) expect(run.stdout).toContain(`BROKEN device ${tampered}`);
    expect(run.stdout).not.toContain(`BROKEN device ${units[0]}`);
    expect(run.status).toBe(1);
  });
});
