import { randomUUID } from 'node:crypto';
import { grade, newProgramme, sanitize, senderKey, testResult, validate } from './support/evidence';
import { isProblem, TestApp } from './support/test-app';
import { manifestUnit, newWorkshop, Workshop } from './support/units';

type Band = { kg: number; low: number; high: number };
type Entry = {
  kind: string;
  amount: Band;
  source: Record<string, string>;
  inputs: Record<string, unknown>;
  claimant?: { role: string; organisationId: string };
};

/** The per-unit carbon ledger over HTTP: figures from the factor set, under the hash chain, claimed once. */
describe('carbon ledger', () => {
  let t: TestApp;
  let workshop: Workshop;
  let programmeId: string;
  let oemId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    ({ programmeId, oemId } = await newProgramme(t, ['Dell'], {
      carbon: { claimant: 'oem', displacementRates: [{ market: 'DE', rate: 0.8 }] },
    }));
  });
  afterAll(() => t.close());

  const unit = async (overrides: Record<string, unknown> = {}) => {
    const device = manifestUnit({ brand: 'Dell', model: 'Latitude 7420', ...overrides });
    await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', devices: [device] })
      .expect(201);
    return (await t.as(workshop.admin.key).get(`/devices?serial=${device.serial}`).expect(200)).body.items[0].id as string;
  };
  const send = async (id: string, event: object) => {
    const response = await t.as(senderKey(workshop, event)).post(`/devices/${id}/events`).send(event);
    if (response.status !== 200)
      throw new Error(`${(event as { type: string }).type}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const ledger = async (id: string) => (await t.as(workshop.admin.key).get(`/carbon/devices/${id}/ledger`).expect(200)).body;
  const entries = async (id: string, kind: string): Promise<Entry[]> => (await ledger(id)).entries.filter((e: Entry) => e.kind === kind);
  const verified = async (id: string) => (await t.as(workshop.admin.key).get(`/devices/${id}/history/verify`).expect(200)).body.ok;
  const receive = (extra: Record<string, unknown> = {}) => ({ type: 'RECEIVE', site: 'Dock 1', sealIntact: true, ...extra });
  const processed = (carbon: Record<string, unknown>) => [
    { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
    sanitize(),
    validate(),
    testResult({}, { carbon }),
    grade(),
  ];
  /** Received with a 300 km pickup by truck, tested in Germany on 2 kWh, certified and listed in DE. */
  const listed = async () => {
    const id = await unit();
    for (const event of [
      receive({ carbon: { legs: [{ leg: 'pickup', mode: 'road_truck', distanceKm: 300 }] } }),
      ...processed({ stationKwh: 2, siteCountry: 'DE' }),
      { type: 'CERTIFY', programmeId },
      { type: 'LIST', channel: 'web', market: 'DE', price: 420, currency: 'EUR' },
    ])
      await send(id, event);
    return id;
  };
  const sell = (id: string) =>
    send(id, { type: 'SELL', orderReference: `SO-${randomUUID().slice(0, 6)}`, buyer: 'Käufer GmbH', market: 'DE' });
  const backUnderRma = async (id: string) => {
    await send(id, { type: 'OPEN_CLAIM', symptom: 'no boot' });
    await send(id, { type: 'AUTHORIZE_RMA', rmaNumber: `RMA-${randomUUID().slice(0, 6)}` });
    await send(id, { type: 'RECEIVE_RMA', site: 'Dock 2' });
  };

  it('an event leg with an unknown kind or mode is 422 naming the field, and the event changes nothing', async () => {
    const id = await unit();
    for (const [leg, field] of [
      [{ leg: 'pickup', mode: 'hovercraft', distanceKm: 10 }, 'carbon.legs[0].mode'],
      [{ leg: 'teleport', mode: 'road_truck', distanceKm: 10 }, 'carbon.legs[0].leg'],
    ] as const) {
      const event = receive({ carbon: { legs: [leg] } });
      const refused = await t.as(senderKey(workshop, event)).post(`/devices/${id}/events`).send(event).expect(422);
      isProblem(refused);
      expect(refused.body).toMatchObject({ field, unknown: [field.endsWith('mode') ? 'hovercraft' : 'teleport'] });
    }
    const device = (await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200)).body;
    expect(device.lifecycle.state).toBe('expected');
    expect((await ledger(id)).entries).toEqual([]);
  });

  it('a notebook with a known model gets its embodied figure and band from the data set row', async () => {
    const id = await unit();
    await send(id, receive());
    const [embodied] = await entries(id, 'embodied');
    // Dell Latitude 7420: 341 kg × (0.859 manufacturing + 0 transport + 0 end of life) = 292.919 kg, ± 23.75 %
    expect(embodied.amount).toEqual({ kg: 292.919, low: 223.351, high: 362.487 });
    expect(embodied.source).toMatchObject({
      row: 'boavizta-data-us.csv: Dell/Latitude 7420 (January 2021)',
      url: expect.stringContaining('latitude-7420'),
    });
    expect((await ledger(id)).entries[0]).toMatchObject({
      factorSet: 'recert-carbon@2026.1',
      lifecycle: 1,
      auditEntryHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const history = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body;
    expect(history.at(-1).payload.carbonLedger[0].amount).toEqual(embodied.amount);
    expect(history.at(-1).hash).toBe((await ledger(id)).entries[0].auditEntryHash);
    expect(await verified(id)).toBe(true);
  });

  it('a unit with an unknown model gets its class default, and says so', async () => {
    const id = await unit({ model: 'Latitude 1234 Prototype' });
    await send(id, receive());
    const [embodied] = await entries(id, 'embodied');
    // notebook class default: median of the subset's 26 notebook rows = 199.775 kg, ± 40 %
    expect(embodied.amount).toEqual({ kg: 199.775, low: 119.865, high: 279.685 });
    expect(embodied.source.classDefault).toBe('notebook');
    expect(embodied.source.note).toContain('no PCF for dell Latitude 1234 Prototype');
  });

  it('refurbishment energy in France and in Germany differs by the grid factors', async () => {
    const [fr, de] = [await unit(), await unit()];
    for (const [id, country] of [
      [fr, 'FR'],
      [de, 'DE'],
    ]) {
      await send(id, receive());
      for (const event of processed({ stationKwh: 2, siteCountry: country })) await send(id, event);
    }
    const [inFrance] = await entries(fr, 'refurbishment');
    const [inGermany] = await entries(de, 'refurbishment');
    // 2 kWh × 56 g/kWh = 0.112 kg; 2 kWh × 381 g/kWh = 0.762 kg: the difference is 2 × (381 − 56) / 1000 = 0.65 kg
    expect(inFrance.amount.kg).toBe(0.112);
    expect(inGermany.amount.kg).toBe(0.762);
    expect(inFrance.inputs).toMatchObject({ gridCountry: 'FR', gridGPerKwh: 56 });
    expect(inGermany.inputs).toMatchObject({ gridCountry: 'DE', gridGPerKwh: 381 });
  });

  it('avoided is claimed once at the sale, by the programme’s claimant, and reversed by a compensating entry on refund', async () => {
    const id = await listed();
    await sell(id);
    const [avoided] = await entries(id, 'avoided');
    // 0.8 (DE) × 292.919 − 0.762 (2 kWh in DE) − 0.08 (0.0025 t × 300 km × 0.107) = 233.493 kg
    // low 0.8 × 223.351 − 0.914 − 0.104 = 177.663; high 0.8 × 362.487 − 0.61 − 0.056 = 289.324
    expect(avoided.amount).toEqual({ kg: 233.493, low: 177.663, high: 289.324 });
    expect(avoided.claimant).toEqual({ organisationId: oemId, role: 'oem' });
    expect(avoided.inputs).toMatchObject({ displacementRate: 0.8, market: 'DE' });

    await backUnderRma(id);
    await t.as(workshop.admin.key).post(`/devices/${id}/rma-resolution`).send({ outcome: 'refunded' }).expect(200);
    const [reversal] = await entries(id, 'avoided_reversal');
    expect(reversal.amount).toEqual({ kg: -233.493, low: -177.663, high: -289.324 });
    expect((await ledger(id)).totals.avoided).toEqual({ kg: 0, low: 0, high: 0 });
    expect(await entries(id, 'avoided')).toHaveLength(1);
    expect(await verified(id)).toBe(true);
  });

  it('an RMA replacement creates no new claim, nor does the returned unit’s repair and return', async () => {
    const id = await listed();
    await sell(id);
    await backUnderRma(id);
    const replacement = await listed();
    await t
      .as(workshop.admin.key)
      .post(`/devices/${id}/rma-resolution`)
      .send({ outcome: 'replaced', replacementDeviceId: replacement })
      .expect(200);
    expect(await entries(replacement, 'avoided')).toHaveLength(0);
    expect(await entries(id, 'avoided')).toHaveLength(1);
    expect(await verified(replacement)).toBe(true);
  });

  describe('usage readings', () => {
    const reading = (deviceId: string, month: number, kwh: number) => ({
      deviceId,
      periodStart: `2026-${String(month).padStart(2, '0')}-01T00:00:00.000Z`,
      periodEnd: `2026-${String(month + 1).padStart(2, '0')}-01T00:00:00.000Z`,
      kwh,
      country: 'GB',
    });
    const post = (readings: object[]) => t.as(workshop.admin.key).post('/devices/usage-readings').send({ readings });

    it('records readings in order, takes a repeated one as a duplicate, and refuses an overlap with 409 naming it', async () => {
      const id = await unit();
      await send(id, receive());
      const first = await post([reading(id, 2, 8), reading(id, 1, 10)]).expect(200);
      // 10 kWh × 238 g (GB 2023) = 2.38 kg; 8 kWh × 238 g = 1.904 kg
      expect(first.body).toMatchObject({ recorded: 2, duplicates: 0 });
      expect(first.body.results[1].use).toEqual({ kg: 2.38, low: 2.023, high: 2.737 });
      const use = await entries(id, 'use');
      expect(use.map((e) => e.amount.kg).sort()).toEqual([1.904, 2.38]);

      const trail = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body.length;
      const again = await post([reading(id, 1, 10)]).expect(200);
      expect(again.body).toMatchObject({ recorded: 0, duplicates: 1 });
      expect((await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body).toHaveLength(trail);

      const overlapping = { ...reading(id, 2, 3), periodStart: '2026-02-15T00:00:00.000Z', periodEnd: '2026-03-15T00:00:00.000Z' };
      const refused = await post([reading(id, 3, 1), overlapping]);
      expect(refused.status).toBe(409);
      isProblem(refused);
      expect(refused.body).toMatchObject({
        index: 1,
        deviceId: id,
        reason: 'overlap',
        recorded: { periodStart: '2026-02-01T00:00:00.000Z' },
      });
      // Refused as a whole: March (index 0) was not recorded either.
      expect(await entries(id, 'use')).toHaveLength(2);

      const outOfOrder = await post([
        { ...reading(id, 1, 1), periodStart: '2025-12-01T00:00:00.000Z', periodEnd: '2025-12-31T00:00:00.000Z' },
      ]);
      expect(outOfOrder.status).toBe(409);
      expect(outOfOrder.body.reason).toBe('out-of-order');
      expect(await verified(id)).toBe(true);
    });

    it('refuses a reading with both or neither of kwh and powerOnHours (400)', async () => {
      const id = await unit();
      const both = await post([{ ...reading(id, 1, 1), powerOnHours: 3 }]);
      expect(both.status).toBe(400);
    });
  });

  describe('offsets', () => {
    const retirement = (serialStart: number, serialEnd: number, projectId = `VCS-${randomUUID().slice(0, 6)}`) => ({
      registry: 'verra_vcs',
      projectId,
      serialStart,
      serialEnd,
      vintage: 2024,
      beneficiary: 'Contoso Ltd',
      certificateUrl: 'https://registry.verra.org/cert/1',
      retiredOn: '2026-03-01',
    });
    const manager = () => workshop.admin.key;

    it('refuses an overlapping serial block (409, also as a database rule) and an over-allocation (422)', async () => {
      const block = retirement(1001, 1100);
      const recorded = await t.as(manager()).post('/carbon/offsets/retirements').send(block).expect(201);
      expect(recorded.body).toMatchObject({ quantityT: 100, remainingT: 100 });
      const overlapping = await t
        .as(manager())
        .post('/carbon/offsets/retirements')
        .send({ ...block, serialStart: 1100, serialEnd: 1200 });
      expect(overlapping.status).toBe(409);
      expect(overlapping.body.conflictingRetirementId).toBe(recorded.body.id);
      await t
        .as(manager())
        .post('/carbon/offsets/retirements')
        .send({ ...block, serialStart: 1101, serialEnd: 1200 })
        .expect(201);
      // The rule holds in the database too, for a write that skipped the service's check.
      await expect(
        t.dataSource.query(
          `INSERT INTO offset_retirements (organisation_id, registry, project_id, serial_start, serial_end, quantity_t, vintage, beneficiary, certificate_url, retired_on, created_by_user_id)
           VALUES ($1, 'verra_vcs', $2, 1050, 1060, 11, 2024, 'x', 'https://x', '2026-01-01', $3)`,
          [recorded.body.organisationId, block.projectId, randomUUID()],
        ),
      ).rejects.toMatchObject({ code: '23P01' });

      const allocate = (quantityT: number) =>
        t
          .as(manager())
          .post(`/carbon/offsets/retirements/${recorded.body.id}/allocations`)
          .send({ customerOrganisationId: workshop.customerId, quantityT });
      expect((await allocate(80).expect(200)).body).toMatchObject({ allocatedT: 80, remainingT: 20 });
      const over = await allocate(30);
      expect(over.status).toBe(422);
      expect(over.body).toMatchObject({ remainingT: 20, requestedT: 30 });
    });

    it('refuses an unknown registry with 422 naming it', async () => {
      const response = await t
        .as(manager())
        .post('/carbon/offsets/retirements')
        .send({ ...retirement(1, 2), registry: 'carbon-r-us' });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ unknown: ['carbon-r-us'], allowed: expect.arrayContaining(['verra_vcs', 'gold_standard']) });
    });
  });

  describe('reports', () => {
    it('a customer report’s totals equal the sum of its units’ entries; offsets beside, never subtracted; no carbon-neutral label', async () => {
      const year = new Date().getUTCFullYear();
      const customer = await t.newUser('admin', workshop.customerId);
      const report = (await t.as(customer.key).get(`/carbon/reports/customers/${workshop.customerId}?year=${year}`).expect(200)).body;
      const [row] = await t.dataSource.query(
        `SELECT array_agg(DISTINCT device_id) AS ids FROM carbon_entries WHERE customer_organisation_id = $1`,
        [workshop.customerId],
      );
      const all: Entry[] = [];
      for (const id of row.ids as string[]) all.push(...(await ledger(id)).entries);
      const sum = (kinds: string[]) => {
        const own = all.filter((e) => kinds.includes(e.kind));
        const total = (f: (b: Band) => number) => Math.round(own.reduce((s, e) => s + f(e.amount), 0) * 1000) / 1000;
        return { kg: total((b) => b.kg), low: total((b) => b.low), high: total((b) => b.high) };
      };
      expect(report.units).toBe((row.ids as string[]).length);
      expect(report.totals.inventory).toEqual(sum(['refurbishment', 'logistics', 'use']));
      expect(report.totals.avoided).toEqual(sum(['avoided', 'avoided_reversal']));
      expect(report.totals.offsetsRetired).toEqual({ tCo2e: 80 });
      expect(report.byMonth).toHaveLength(12);
      expect(report.factorSets).toEqual(['recert-carbon@2026.1']);
      expect(report.labels.carbonNeutralClaimAllowed).toBe(false);
      expect(report.labels.reason).toContain('2024/825');

      const csv = await t.as(customer.key).get(`/carbon/reports/customers/${workshop.customerId}?year=${year}&format=csv`).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.split('\n')[0]).toBe(
        'section,key,units,inventory_kg,inventory_low,inventory_high,avoided_kg,avoided_low,avoided_high,offsets_retired_t',
      );
      const pdf = await t
        .as(customer.key)
        .get(`/carbon/reports/customers/${workshop.customerId}?year=${year}&format=pdf`)
        .buffer(true)
        .expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(Buffer.from(pdf.body).subarray(0, 4).toString()).toBe('%PDF');

      const stranger = await t.newUser('admin', (await t.newOrganisation('customer')).id);
      expect((await t.as(stranger.key).get(`/carbon/reports/customers/${workshop.customerId}?year=${year}`)).status).toBe(404);
    });

    it('a takeback report and a partner baseline read the same entries', async () => {
      const id = await unit();
      await send(id, receive());
      const [row] = await t.dataSource.query(`SELECT takeback_id FROM carbon_entries WHERE device_id = $1 LIMIT 1`, [id]);
      const takeback = (await t.as(workshop.admin.key).get(`/carbon/reports/takebacks/${row.takeback_id}`).expect(200)).body;
      expect(takeback).toMatchObject({ takebackId: row.takeback_id, units: 1, byClass: [{ deviceClass: 'notebook', units: 1 }] });
      expect(takeback.byMonth).toBeUndefined();
      const year = new Date().getUTCFullYear();
      const [centre] = await t.dataSource.query(`SELECT custodian_organisation_id AS id FROM carbon_entries WHERE device_id = $1 LIMIT 1`, [
        id,
      ]);
      const partner = (await t.as(workshop.admin.key).get(`/carbon/reports/partners/${centre.id}?year=${year}`).expect(200)).body;
      expect(partner.units).toBeGreaterThanOrEqual(1);
    });

    it('a takeback report counts the offsets allocated to its units, read by the takeback the allocation recorded', async () => {
      const id = await unit();
      await send(id, receive());
      const [row] = await t.dataSource.query(`SELECT takeback_id FROM carbon_entries WHERE device_id = $1 LIMIT 1`, [id]);
      const block = await t
        .as(workshop.admin.key)
        .post('/carbon/offsets/retirements')
        .send({
          registry: 'gold_standard',
          projectId: `GS-${randomUUID().slice(0, 6)}`,
          serialStart: 1,
          serialEnd: 10,
          vintage: 2025,
          beneficiary: 'Contoso Ltd',
          certificateUrl: 'https://registry.goldstandard.org/cert/1',
          retiredOn: '2026-03-01',
        })
        .expect(201);
      const allocate = (quantityT: number) =>
        t
          .as(workshop.admin.key)
          .post(`/carbon/offsets/retirements/${block.body.id}/allocations`)
          .send({ deviceId: id, quantityT })
          .expect(200);
      await allocate(2);
      await allocate(1.5);
      const report = (await t.as(workshop.admin.key).get(`/carbon/reports/takebacks/${row.takeback_id}`).expect(200)).body;
      expect(report.totals.offsetsRetired).toEqual({ tCo2e: 3.5 }); // 2 + 1.5
      const [stored] = await t.dataSource.query(
        `SELECT array_agg(DISTINCT takeback_id) AS ids FROM offset_allocations WHERE device_id = $1`,
        [id],
      );
      expect(stored.ids).toEqual([row.takeback_id]);
    });

    it('a programme’s units: counters for one year, distinct units over two; a membership recorded twice counts once', async () => {
      const id = await listed();
      await sell(id);
      const year = new Date().getUTCFullYear();
      const oem = await t.newUser('admin', oemId);
      const report = async (from: number, to: number) =>
        (
          await t
            .as(oem.key)
            .get(`/carbon/reports/programmes/${programmeId}?from=${from}-01-01T00:00:00.000Z&to=${to + 1}-01-01T00:00:00.000Z`)
            .expect(200)
        ).body.units as number;
      const [{ units }] = await t.dataSource.query(
        `SELECT count(DISTINCT device_id)::int AS units FROM carbon_entries WHERE programme_id = $1 AND extract(year FROM recorded_at) = $2`,
        [programmeId, year],
      );
      expect(units).toBeGreaterThan(0);
      expect(await report(year, year)).toBe(units);
      expect(await report(year - 1, year)).toBe(units); // nothing was recorded last year

      // The unit had figures last year too (recorded as a command would, twice over): last year counts it once, and
      // the two years together still count it once — adding the years' counters would give units + 1.
      const [{ device_class: deviceClass }] = await t.dataSource.query(`SELECT device_class FROM devices WHERE id = $1`, [id]);
      for (let i = 0; i < 2; i++)
        await t.dataSource.query(
          `INSERT INTO carbon_subject_units (subject_kind, subject_id, year, device_class, device_id) VALUES ('programme', $1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [programmeId, year - 1, deviceClass, id],
        );
      expect(await report(year - 1, year - 1)).toBe(1);
      expect(await report(year - 1, year)).toBe(units);
      expect(await report(year, year)).toBe(units);
    });
  });
});
