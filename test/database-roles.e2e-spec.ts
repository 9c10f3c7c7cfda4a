import { Client } from 'pg';
import { auditTableOverreach } from '../apps/api/src/database/service-role';
import { ownerDatabaseUrl, requiredDatabaseUrl, TestApp } from './support/test-app';
import { newUnits, newWorkshop } from './support/units';

/** The service's database account cannot rewrite history: it may only INSERT and SELECT on the audit trail. */
describe('database roles', () => {
  let t: TestApp;
  let service: Client;
  let owner: Client;

  beforeAll(async () => {
    t = await TestApp.start();
    service = new Client({ connectionString: requiredDatabaseUrl() });
    owner = new Client({ connectionString: ownerDatabaseUrl() });
    await Promise.all([service.connect(), owner.connect()]);
  });
  afterAll(async () => {
    await Promise.all([service.end(), owner.end()]);
    await t.close();
  });

  it('the suite, like the service, runs as a role that is neither superuser nor owner of the schema', async () => {
    const { rows } = await service.query(`SELECT current_user AS role, rolsuper FROM pg_roles WHERE rolname = current_user`);
    expect(rows[0].rolsuper).toBe(false);
    expect(rows[0].role).not.toBe(new URL(ownerDatabaseUrl()).username);
    expect(await auditTableOverreach(async (sql) => (await service.query(sql)).rows)).toEqual([]);
    expect((await auditTableOverreach(async (sql) => (await owner.query(sql)).rows)).length).toBeGreaterThan(0);
  });

  it('as the service role: ALTER … DISABLE TRIGGER, TRUNCATE, UPDATE, DELETE and replica mode all fail; the service still writes its trail', async () => {
    const workshop = await newWorkshop(t);
    const [unit] = (await newUnits(t, workshop, 1)).deviceIds;
    await t.as(workshop.admin.key).post(`/devices/${unit}/events`).send({ type: 'RECEIVE', site: 'Dock 1', sealIntact: true }).expect(200);
    const before = (await service.query(`SELECT count(*)::int AS n FROM audit_events WHERE device_id = $1`, [unit])).rows[0].n;
    expect(before).toBe(2);

    await expect(service.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`)).rejects.toThrow(/must be owner/);
    await expect(service.query(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(service.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`)).rejects.toThrow(/must be owner/);
    await expect(service.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);
    await expect(service.query(`UPDATE audit_events SET payload = '{}' WHERE device_id = $1`, [unit])).rejects.toThrow(/permission denied/);
    await expect(service.query(`DELETE FROM audit_events WHERE device_id = $1`, [unit])).rejects.toThrow(/permission denied/);
    await expect(service.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(service.query(`ALTER TABLE audit_events OWNER TO current_user`)).rejects.toThrow(/must be owner/);

    // The owner (migrations only) still meets the append-only trigger.
    await expect(owner.query(`UPDATE audit_events SET payload = '{}' WHERE device_id = $1`, [unit])).rejects.toThrow(/append-only/);
    expect((await service.query(`SELECT count(*)::int AS n FROM audit_events WHERE device_id = $1`, [unit])).rows[0].n).toBe(before);
    expect((await t.as(workshop.admin.key).get(`/devices/${unit}/history/verify`).expect(200)).body.ok).toBe(true);
  });
});
