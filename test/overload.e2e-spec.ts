import { TestApp } from './support/test-app';
import { manifestUnit, newWorkshop, Workshop } from './support/units';

/** Issue 10, item 9: bulk work beyond RECERT_BULK_CONCURRENCY is shed early with 503 + Retry-After, committing nothing. */
describe('Overload', () => {
  let t: TestApp;
  let workshop: Workshop;
  beforeAll(async () => {
    t = await TestApp.start({ RECERT_BULK_CONCURRENCY: '1' });
    workshop = await newWorkshop(t);
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After to bulk requests beyond the limit, stores none of their units, and keeps small requests fast', async () => {
    const manifests = Array.from({ length: 4 }, () => Array.from({ length: 1500 }, () => manifestUnit()));
    const bulk = Promise.all(
      manifests.map((devices) =>
        t.as(workshop.admin.key).post('/takebacks').send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices }),
      ),
    );
    const smallStarted = Date.now();
    await t.as(workshop.admin.key).get('/me').expect(200);
    const smallMs = Date.now() - smallStarted;
    const responses = await bulk;

    expect(responses.map((r) => r.status).filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const shed = responses.filter((r) => r.status === 503);
    expect(shed.length).toBeGreaterThanOrEqual(1);
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    for (const response of shed) {
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // Nothing of a shed request was committed.
    const shedSerials = responses.flatMap((r, i) => (r.status === 503 ? manifests[i].map((d) => d.serial.toUpperCase()) : []));
    const [stored] = await t.dataSource.query('SELECT count(*)::int AS n FROM devices WHERE serial = ANY($1)', [shedSerials]);
    expect(stored.n).toBe(0);
    expect(smallMs).toBeLessThan(2_000);
    // Once the bulk work is done, bulk requests are taken again.
    await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices: [manifestUnit()] })
      .expect(201);
  });

  it('sheds at once, with 503 + Retry-After, when the queue for pool connections is full (never 500)', async () => {
    const tight = await TestApp.start({ DB_POOL_SIZE: '1', RECERT_POOL_QUEUE_LIMIT: '2' });
    try {
      const user = await tight.newUser('technician');
      const responses = await Promise.all(Array.from({ length: 30 }, () => tight.as(user.key).get('/devices?limit=200')));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
      for (const shed of responses.filter((r) => r.status === 503)) expect(Number(shed.headers['retry-after'])).toBeGreaterThan(0);
      await tight.http.get('/health/live').expect(200);
    } finally {
      await tight.close();
    }
  });
});
