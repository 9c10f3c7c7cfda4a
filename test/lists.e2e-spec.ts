import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { TestApp, TestUser } from './support/test-app';
import { manifestUnit, newUnits, newUnitWithOwnMedium, newWorkshop, Workshop } from './support/units';

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id);

describe('search and lists: GET /devices, /takebacks, /handoffs', () => {
  let t: TestApp;
  let a: Workshop;
  let b: Workshop;
  let aUnits: string[];
  let aTakeback: string;

  /** Every page of a list, following nextCursor. */
  async function allPages(key: string, url: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
        .as(key)
        .get(`${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    return seen;
  }

  beforeAll(async () => {
    t = await TestApp.start();
    a = await newWorkshop(t);
    b = await newWorkshop(t);
    ({ takebackId: aTakeback, deviceIds: aUnits } = await newUnits(t, a, 5));
    await newUnits(t, b, 2);
  });
  afterAll(() => t.close());

  it('a centre sees only its own units, oldest first by (created time, id)', async () => {
    const listed = await allPages(a.admin.key, '/devices', 2);
    expect(listed).toEqual([...aUnits].sort());
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM devices WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [aUnits],
    );
    expect(listed).toEqual(rows.map((r) => r.id));
  });

  it('the platform sees every unit; the customer sees the units it handed back', async () => {
    const all = await allPages(t.adminKey, `/devices?takeback=${aTakeback}`, 50);
    expect(all.sort()).toEqual([...aUnits].sort());
    const customer = await t.newUser('auditor', a.customerId);
    expect((await allPages(customer.key, '/devices', 50)).sort()).toEqual([...aUnits].sort());
  });

  it('a cursor stays valid while units are added: no duplicate, no gap, new units come last', async () => {
    const first = await t.as(a.admin.key).get('/devices?limit=2').expect(200);
    const { deviceIds: added } = await newUnits(t, a, 2);
    let cursor: string | null = first.body.nextCursor;
    const rest: string[] = [];
    while (cursor) {
      const page = await t.as(a.admin.key).get(`/devices?limit=2&cursor=${cursor}`).expect(200);
      rest.push(...ids(page.body));
      cursor = page.body.nextCursor;
    }
    const listed = [...ids(first.body), ...rest];
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.slice(0, 5).sort()).toEqual([...aUnits].sort());
    expect(listed.slice(5).sort()).toEqual([...added].sort());
  });

  it('finds a unit by part of its serial, of its asset tag or of a medium serial, in any case', async () => {
    const assetTag = `TAG-${randomUUID().slice(0, 8)}`;
    const unit = manifestUnit({ assetTag });
    await t
      .as(a.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: a.customerId, site: 'Dock 1', devices: [unit] })
      .expect(201);
    const bySerial = await t
      .as(a.admin.key)
      .get(`/devices?q=${unit.serial.slice(3, 10).toLowerCase()}`)
      .expect(200);
    expect(bySerial.body.items.map((d: { serial: string }) => d.serial)).toEqual([unit.serial]);
    const byTag = await t
      .as(a.admin.key)
      .get(`/devices?q=${assetTag.slice(2, 10).toLowerCase()}`)
      .expect(200);
    expect(byTag.body.items.map((d: { serial: string }) => d.serial)).toEqual([unit.serial]);
    const { deviceId, medium } = await newUnitWithOwnMedium(t, a);
    const byMedium = await t
      .as(a.admin.key)
      .get(`/devices?q=${medium.slice(2, 9).toLowerCase()}`)
      .expect(200);
    expect(ids(byMedium.body)).toEqual([deviceId]);
    // Another centre's search finds nothing of A's.
    expect(
      (
        await t
          .as(b.admin.key)
          .get(`/devices?q=${unit.serial.slice(3, 10)}`)
          .expect(200)
      ).body.items,
    ).toEqual([]);
    // LIKE wildcards are searched for literally.
    expect((await t.as(a.admin.key).get('/devices?q=%25%25%25').expect(200)).body.items).toEqual([]);
  });

  it('filters by state (a top state matches its sub-states), brand, class, site, custodian and dates', async () => {
    const [first] = aUnits;
    await t.as(a.admin.key).post(`/devices/${first}/events`).send({ type: 'RECEIVE', site: 'Dock 1', sealIntact: true }).expect(200);
    expect(ids((await t.as(a.admin.key).get('/devices?state=received').expect(200)).body)).toEqual([first]);
    const filtered = await t
      .as(a.admin.key)
      .get(`/devices?state=received&brand=LENOVO&deviceClass=notebook&site=Dock%201&custodian=${a.admin.organisationId}`)
      .expect(200);
    expect(ids(filtered.body)).toEqual([first]);
    expect((await t.as(a.admin.key).get('/devices?state=received&deviceClass=server').expect(200)).body.items).toEqual([]);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await t.as(a.admin.key).get(`/devices?createdFrom=${future}`).expect(200)).body.items).toEqual([]);
    const recent = await t
      .as(a.admin.key)
      .get(`/devices?updatedFrom=${new Date(Date.now() - 60_000).toISOString()}&state=received`)
      .expect(200);
    expect(ids(recent.body)).toEqual([first]);
    expect((await t.as(a.admin.key).get('/devices?grade=A').expect(200)).body.items).toEqual([]);
  });

  it('answers 422 naming every unknown state, class and grade, and 400 for a cursor it did not hand out', async () => {
    const response = await t.as(a.admin.key).get('/devices?state=melted&deviceClass=toaster&grade=Z').expect(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.reasons.map((r: { field: string }) => r.field)).toEqual(['state', 'deviceClass', 'grade']);
    expect(response.body.reasons[0].allowed).toContain('sold.warrantyActive');
    await t.as(a.admin.key).get('/devices?cursor=not-a-cursor').expect(400);
    await t.as(a.admin.key).get('/devices?q=ab').expect(400);
  });

  it('pages concatenate to the full ordered set for any page size (property)', async () => {
    const expected = await allPages(a.admin.key, '/devices', 200);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), async (limit) => {
        expect(await allPages(a.admin.key, '/devices', limit)).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  });

  it('scoped pages concatenate to the ordered set for any page size: a customer across centres, an OEM across brands (property)', async () => {
    const brands = [`ba${randomUUID().slice(0, 6)}`, `bb${randomUUID().slice(0, 6)}`];
    const oem = await t
      .as(t.adminKey)
      .post('/organisations')
      .send({ name: `OEM ${brands[0]}`, kind: 'oem', brands })
      .expect(201);
    const customer = await t.newOrganisation('customer');
    // Centres of their own: the other tests count the shared workshops' takebacks.
    const centres = [(await newWorkshop(t)).admin, (await newWorkshop(t)).admin];
    for (const centre of centres) await t.worksFor(centre.organisationId, customer.id);
    // Interleaved in time: each centre's takebacks alternate, in both brands and another one.
    for (let round = 0; round < 3; round++)
      for (const centre of centres)
        await t
          .as(centre.key)
          .post('/takebacks')
          .send({
            customerOrganisationId: customer.id,
            site: 'Dock 1',
            devices: [...brands, 'Lenovo'].map((brand) => manifestUnit({ brand })),
          })
          .expect(201);
    const truth = async (where: string, values: unknown[]) =>
      (
        (await t.dataSource.query(`SELECT d.id FROM devices d WHERE ${where} ORDER BY d.created_at, d.id`, values)) as Array<{ id: string }>
      ).map((r) => r.id);
    const handedBack = await truth(
      `EXISTS (SELECT 1 FROM takeback_items ti JOIN takebacks tb ON tb.id = ti.takeback_id WHERE ti.device_id = d.id AND tb.customer_organisation_id = $1)`,
      [customer.id],
    );
    const ofBrands = await truth(`d.brand = ANY($1::text[])`, [brands.map((x) => x.toLowerCase())]);
    expect(handedBack).toHaveLength(18);
    expect(ofBrands).toHaveLength(12);
    const customerUser = await t.newUser('auditor', customer.id);
    const oemUser = await t.newUser('auditor', oem.body.id);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), async (limit) => {
        expect(await allPages(customerUser.key, '/devices', limit)).toEqual(handedBack);
        expect(await allPages(oemUser.key, '/devices', limit)).toEqual(ofBrands);
      }),
      { numRuns: 8 },
    );
  });

  describe('GET /takebacks', () => {
    it('lists the takebacks a centre receives and a customer handed back, filtered by status', async () => {
      const listed = await allPages(a.admin.key, '/takebacks', 2);
      expect(listed).toContain(aTakeback);
      const customer: TestUser = await t.newUser('auditor', a.customerId);
      expect((await allPages(customer.key, '/takebacks', 50)).sort()).toEqual([...listed].sort());
      expect(await allPages(b.admin.key, '/takebacks', 50)).not.toContain(aTakeback);
      expect(await allPages(a.admin.key, `/takebacks?status=open&customer=${a.customerId}`, 50)).toContain(aTakeback);
      expect(await allPages(a.admin.key, '/takebacks?status=complete', 50)).not.toContain(aTakeback);
      const page = await t.as(a.admin.key).get('/takebacks?limit=1').expect(200);
      expect(page.body.items[0]).toEqual(
        expect.objectContaining({ expected: expect.any(Number), status: expect.stringMatching(/^(open|complete)$/) }),
      );
    });

    it('answers 422 for an unknown status', async () => {
      const response = await t.as(a.admin.key).get('/takebacks?status=lost').expect(422);
      expect(response.body.reasons[0]).toEqual(expect.objectContaining({ field: 'status', allowed: ['open', 'complete'] }));
    });
  });

  describe('GET /handoffs', () => {
    it('lists pending hand-offs to the receiver and from the sender, nobody else', async () => {
      const receiver = await t.newUser('technician');
      const deviceId = aUnits[0];
      const requested = await t
        .as(a.admin.key)
        .post(`/devices/${deviceId}/handoffs`)
        .send({ toOrganisationId: receiver.organisationId, site: 'Lyon' })
        .expect(201);
      expect(ids((await t.as(receiver.key).get(`/handoffs?status=requested&to=${receiver.organisationId}`).expect(200)).body)).toEqual([
        requested.body.id,
      ]);
      expect(ids((await t.as(a.admin.key).get(`/handoffs?device=${deviceId}`).expect(200)).body)).toEqual([requested.body.id]);
      expect((await t.as(b.admin.key).get('/handoffs').expect(200)).body.items).toEqual([]);
      expect((await t.as(receiver.key).get('/handoffs?status=confirmed').expect(200)).body.items).toEqual([]);
    });

    it('answers 422 for an unknown status', async () => {
      const response = await t.as(a.admin.key).get('/handoffs?status=pending').expect(422);
      expect(response.body.reasons[0]).toEqual(expect.objectContaining({ field: 'status', allowed: ['requested', 'confirmed'] }));
    });
  });
});
