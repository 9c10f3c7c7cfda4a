import fc from 'fast-check';
import { isProblem, TestApp } from './support/test-app';
import { manifestUnit, newWorkshop, Workshop } from './support/units';

describe('takebacks', () => {
  let t: TestApp;
  let workshop: Workshop;

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
  });
  afterAll(() => t.close());

  const create = (devices: unknown[], key = workshop.admin.key) =>
    t.as(key).post('/takebacks').send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', market: 'FR', devices });

  it('accepts a 10,000-unit manifest in one request; reconciliation lists missing and unexpected units', async () => {
    const devices = Array.from({ length: 10_000 }, (_, i) => manifestUnit({ serial: `BULK${Date.now()}${String(i).padStart(5, '0')}` }));
    const created = await create(devices);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ expected: 10_000, received: 0, unexpected: [] }));
    expect(created.body.missing).toHaveLength(10_000);

    const takebackId = created.body.id;
    const receipt = (unit: Record<string, unknown>) => t.as(workshop.technician.key).post(`/takebacks/${takebackId}/receipts`).send(unit);
    await receipt({ brand: devices[0].brand, serial: devices[0].serial, sealIntact: true }).expect(201);
    await receipt({ brand: devices[1].brand, serial: devices[1].serial, sealIntact: false }).expect(201);
    const stranger = manifestUnit({ serial: `STRAY${Date.now()}` });
    const unexpected = await receipt({
      brand: stranger.brand,
      serial: stranger.serial,
      sealIntact: true,
      model: 'EliteBook 840',
      deviceClass: 'notebook',
    });
    expect(unexpected.status).toBe(201);
    expect(unexpected.body.state).toBe('received');

    const reconciliation = await t.as(workshop.admin.key).get(`/takebacks/${takebackId}`).expect(200);
    expect(reconciliation.body).toEqual(expect.objectContaining({ expected: 10_000, received: 3 }));
    expect(reconciliation.body.missing).toHaveLength(9_998);
    expect(reconciliation.body.missing.map((u: { serial: string }) => u.serial)).not.toContain(devices[0].serial.toUpperCase());
    expect(reconciliation.body.unexpected).toEqual([expect.objectContaining({ brand: 'lenovo', serial: stranger.serial.toUpperCase() })]);

    const listed = await t.as(workshop.admin.key).get(`/devices?takeback=${takebackId}&state=received&limit=10`).expect(200);
    expect(listed.body.items).toHaveLength(3);
    expect(await listedReceived(takebackId)).toBe(3);
  });

  /** The received count `GET /takebacks` shows (kept on the takeback by triggers), found by the takeback's id. */
  const listedReceived = async (takebackId: string) => {
    const page = await t.as(workshop.admin.key).get(`/takebacks?customer=${workshop.customerId}&limit=100`).expect(200);
    return page.body.items.find((item: { id: string }) => item.id === takebackId)?.received;
  };

  it('the list’s received count equals the reconciliation’s after any receipts, repeated or off the manifest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.nat({ max: 3 }), fc.constant(-1)), { minLength: 1, maxLength: 8 }), async (receipts) => {
        const devices = Array.from({ length: 4 }, () => manifestUnit());
        const takebackId = (await create(devices).expect(201)).body.id as string;
        for (const pick of receipts) {
          const stray = manifestUnit();
          const receipt =
            pick >= 0
              ? { brand: devices[pick].brand, serial: devices[pick].serial, sealIntact: true }
              : { brand: stray.brand, serial: stray.serial, sealIntact: true, model: stray.model, deviceClass: stray.deviceClass };
          const response = await t.as(workshop.technician.key).post(`/takebacks/${takebackId}/receipts`).send(receipt);
          expect([201, 409]).toContain(response.status);
        }
        const reconciliation = await t.as(workshop.admin.key).get(`/takebacks/${takebackId}`).expect(200);
        expect(reconciliation.body.received).toBe(new Set(receipts.filter((p) => p >= 0)).size + receipts.filter((p) => p < 0).length);
        expect(await listedReceived(takebackId)).toBe(reconciliation.body.received);
      }),
      { numRuns: 12 },
    );
  });

  it('a receipt of an unknown unit without model and class is refused with what is missing', async () => {
    const created = await create([manifestUnit()]).expect(201);
    const response = await t
      .as(workshop.technician.key)
      .post(`/takebacks/${created.body.id}/receipts`)
      .send({ brand: 'hp', serial: 'NOPE-1', sealIntact: true });
    expect(response.status).toBe(400);
    isProblem(response);
  });

  it('refuses a manifest that lists a unit twice, naming both places, and stores nothing', async () => {
    const unit = manifestUnit();
    const response = await create([unit, manifestUnit(), { ...unit, brand: ' LENOVO ' }]);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'devices[2].serial', messages: [expect.stringContaining('devices[0]')] }]);
    const stored = await t.dataSource.query('SELECT id FROM devices WHERE serial = $1', [unit.serial.toUpperCase()]);
    expect(stored).toEqual([]);
  });

  it('refuses invalid units with their field paths', async () => {
    const response = await create([
      manifestUnit(),
      manifestUnit({ deviceClass: 'phone', media: [{ serial: '', type: 'tape', interface: 'sata' }] }),
    ]);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'devices[1].deviceClass',
      'devices[1].media[0].serial',
      'devices[1].media[0].type',
    ]);
  });

  it('refuses a unit already in an open lifecycle (409), and starts a new lifecycle for a unit whose last one ended', async () => {
    const unit = manifestUnit();
    await create([unit]).expect(201);
    const again = await create([unit]);
    expect(again.status).toBe(409);
    expect(again.body.units).toEqual([expect.objectContaining({ serial: unit.serial.toUpperCase() })]);

    const [device] = (await t.as(workshop.admin.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items;
    for (const event of [
      { type: 'RECEIVE', site: 'Dock 1', sealIntact: true },
      { type: 'HARVEST', parts: [{ kind: 'ram' }] },
      { type: 'SEND_TO_RECYCLER', vendor: 'Shred Co', certification: 'NAID', destroysData: true },
      { type: 'CONFIRM_RECYCLED', certificateReference: 'COR-7', weightKg: 1.9 },
    ])
      await t.as(workshop.admin.key).post(`/devices/${device.id}/events`).send(event).expect(200);

    const lease = await create([unit]);
    expect(lease.status).toBe(201);
    const after = await t.as(workshop.admin.key).get(`/devices/${device.id}`).expect(200);
    expect(after.body.lifecycle).toEqual(expect.objectContaining({ number: 2, state: 'expected', takebackId: lease.body.id }));
    const verification = await t.as(workshop.admin.key).get(`/devices/${device.id}/history/verify`).expect(200);
    expect(verification.body).toEqual(expect.objectContaining({ ok: true, lifecycles: 2, events: 6 }));
  });

  it('takes the same manifest as CSV, one line per medium', async () => {
    const serial = `CSV${Date.now()}`;
    const csv = [
      'brand,serial,model,deviceClass,assetTag,mediaSerial,mediaType,mediaInterface,mediaCapacityGb',
      `Dell,${serial}A,PowerEdge R750,server,AT-1,D1,ssd,sas,960`,
      `Dell,${serial}A,PowerEdge R750,server,AT-1,D2,ssd,sas,960`,
      `Dell,${serial}B,Latitude 7440,notebook,,N1,nvme,nvme,512`,
    ].join('\n');
    const response = await t
      .as(workshop.admin.key)
      .post(`/takebacks?customerOrganisationId=${workshop.customerId}&site=Dock%202&market=DE`)
      .set('content-type', 'text/csv')
      .send(csv);
    expect(response.status).toBe(201);
    expect(response.body.expected).toBe(2);
    const server = await t.as(workshop.admin.key).get(`/devices?serial=${serial}A`).expect(200);
    expect(server.body.items[0]).toEqual(expect.objectContaining({ brand: 'dell', deviceClass: 'server', assetTag: 'AT-1' }));
    expect(server.body.items[0].media.map((m: { serial: string }) => m.serial)).toEqual(['D1', 'D2']);
    expect(server.body.items[0].lifecycle.evidence.media).toHaveLength(2);
  });

  it('names the CSV line of a bad unit, and of an unreadable row', async () => {
    const header = 'brand,serial,model,deviceClass,assetTag,mediaSerial,mediaType,mediaInterface,mediaCapacityGb';
    const post = (csv: string) =>
      t
        .as(workshop.admin.key)
        .post(`/takebacks?customerOrganisationId=${workshop.customerId}&site=Dock`)
        .set('content-type', 'text/csv')
        .send(csv);
    const bad = await post([header, `hp,OK${Date.now()},ProBook,notebook,,,,,`, `hp,BAD${Date.now()},ProBook,toaster,,,,,`].join('\n'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'line 3: deviceClass', messages: [expect.any(String)] }]);
    const ragged = await post([header, 'hp,X1,ProBook'].join('\n'));
    expect(ragged.status).toBe(400);
    expect(ragged.body.errors[0].path).toBe('line 2');
    const columns = await post('brand,serial,colour\nhp,1,red');
    expect(columns.status).toBe(400);
    expect(columns.body.errors[0].path).toBe('line 1');
  });

  it('shows a takeback to its customer and custodian only', async () => {
    const created = await create([manifestUnit()]).expect(201);
    const customerAuditor = await t.newUser('auditor', workshop.customerId);
    await t.as(customerAuditor.key).get(`/takebacks/${created.body.id}`).expect(200);
    const units = await t.as(customerAuditor.key).get(`/devices?takeback=${created.body.id}`).expect(200);
    expect(units.body.items).toHaveLength(1);
    const outsider = await t.newUser('admin');
    await t.as(outsider.key).get(`/takebacks/${created.body.id}`).expect(404);
    const none = await t.as(outsider.key).get(`/devices?takeback=${created.body.id}`).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('pages through units with a cursor and caps the page size', async () => {
    await create(Array.from({ length: 5 }, () => manifestUnit({ brand: 'Fujitsu' }))).expect(201);
    const first = await t.as(workshop.admin.key).get('/devices?brand=fujitsu&limit=3').expect(200);
    const second = await t.as(workshop.admin.key).get(`/devices?brand=fujitsu&limit=3&cursor=${first.body.nextCursor}`).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((d: { id: string }) => d.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(second.body.nextCursor).toBeNull();
    await t.as(workshop.admin.key).get('/devices?limit=500').expect(400);
  });
});
