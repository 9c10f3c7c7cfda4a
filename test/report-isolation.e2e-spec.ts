import { Client } from 'pg';
import { isProblem, TestApp, TestUser } from './support/test-app';
import { programmeTerms } from './support/evidence';
import { newUnits, newWorkshop } from './support/units';

const DAY = 86_400_000;
const REPORT_POOL = 2;
const REPORT_QUEUE = 3;

/**
 * Issue 15: a slow request can never take the pool from others. Reports run on their own small pool with a bounded
 * queue and a statement timeout; here they are made genuinely slow by holding a lock on the counters they read.
 */
describe('Reports on their own pool', () => {
  let t: TestApp;
  let oem: TestUser;
  let licenceId: string;
  let pointRead: { key: string; deviceId: string };

  beforeAll(async () => {
    // A main pool of 4: were reports to take it, 16 of them would leave nothing for readiness and point reads.
    t = await TestApp.start({
      DB_POOL_SIZE: '4',
      RECERT_REPORT_POOL_SIZE: String(REPORT_POOL),
      RECERT_REPORT_QUEUE_LIMIT: String(REPORT_QUEUE),
      RECERT_REPORT_TIMEOUT_MS: '2500',
    });
    const oemOrg = (
      await t
        .as(t.adminKey)
        .post('/organisations')
        .send({ name: 'HP Inc.', kind: 'oem', brands: ['HP'] })
        .expect(201)
    ).body;
    oem = await t.newUser('programme_manager', oemOrg.id);
    const partner = await t.newOrganisation('partner');
    await t
      .as(oem.key)
      .post('/programmes')
      .send({ code: 'hp-renew', ...programmeTerms(['hp']) })
      .expect(201);
    const licence = await t
      .as(oem.key)
      .post('/licences')
      .send({
        partnerOrganisationId: partner.id,
        programme: 'hp-renew',
        status: 'active',
        validFrom: new Date(Date.now() - DAY).toISOString(),
        validTo: new Date(Date.now() + 365 * DAY).toISOString(),
        scope: { brands: ['HP'], deviceClasses: ['notebook'], markets: ['FR'] },
        capabilities: ['RECEIVE'],
      });
    expect(licence.body).toEqual(expect.objectContaining({ id: expect.any(String) }));
    licenceId = licence.body.id;
    const workshop = await newWorkshop(t);
    pointRead = { key: workshop.admin.key, deviceId: (await newUnits(t, workshop, 1)).deviceIds[0] };
  });
  afterAll(() => t.close());

  it('16 slow reports in flight: readiness and point reads still answer 200; reports get 503 problems, never 500', async () => {
    const locker = new Client({ connectionString: (t.dataSource.options as { url: string }).url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE licence_usage_hourly IN ACCESS EXCLUSIVE MODE');
      const reports = Promise.all(Array.from({ length: 16 }, () => t.as(oem.key).get(`/licences/${licenceId}/usage`)));
      await new Promise((resolve) => setTimeout(resolve, 300));

      const others: number[] = [];
      for (let i = 0; i < 20; i++) {
        others.push((await t.http.get('/health/ready')).status);
        others.push((await t.as(pointRead.key).get(`/devices/${pointRead.deviceId}`)).status);
        others.push((await t.as(pointRead.key).get(`/devices/${pointRead.deviceId}/history`)).status);
      }
      const [{ n: reportConnections }] = (
        await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'recert-reports'`)
      ).rows;
      const answered = await reports;

      expect(others.filter((status) => status !== 200)).toEqual([]);
      expect(reportConnections).toBeLessThanOrEqual(REPORT_POOL);
      // Beyond the pool and its queue, shed at once; the ones that waited on the lock ran into the report timeout.
      expect(answered.map((r) => r.status).filter((s) => s !== 503)).toEqual([]);
      for (const response of answered) {
        isProblem(response);
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    // The report pool has recovered: the same report answers.
    await t.as(oem.key).get(`/licences/${licenceId}/usage`).expect(200);
  });
});
