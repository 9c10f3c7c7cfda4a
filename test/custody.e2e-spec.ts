import { grade, testResult } from './support/evidence';
import { isProblem, TestApp, TestUser } from './support/test-app';
import { manifestUnit } from './support/units';

describe('custody hand-offs', () => {
  let t: TestApp;
  let sender: TestUser;
  let receiver: TestUser;
  let deviceId: string;
  let customerId: string;

  /** A received notebook of the sender's customer. */
  const receivedUnit = async () => {
    const unit = manifestUnit();
    await t
      .as(sender.key)
      .post('/takebacks')
      .send({ customerOrganisationId: customerId, site: 'A', devices: [unit] })
      .expect(201);
    const id = (await t.as(sender.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items[0].id as string;
    await t.as(sender.key).post(`/devices/${id}/events`).send({ type: 'RECEIVE', site: 'A', sealIntact: true }).expect(200);
    return id;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    sender = await t.newUser('technician', (await t.newOrganisation('refurbishment_centre')).id);
    receiver = await t.newUser('technician', (await t.newOrganisation('refurbishment_centre')).id);
    const customer = await t.newOrganisation('customer');
    customerId = customer.id;
    await t.worksFor(sender.organisationId, customer.id);
    const unit = manifestUnit();
    await t
      .as(sender.key)
      .post('/takebacks')
      .send({ customerOrganisationId: customer.id, site: 'A', devices: [unit] })
      .expect(201);
    deviceId = (await t.as(sender.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items[0].id;
    await t.as(sender.key).post(`/devices/${deviceId}/events`).send({ type: 'RECEIVE', site: 'A', sealIntact: true }).expect(200);
  });
  afterAll(() => t.close());

  it('moves custody only when the receiver confirms, with both steps in the unit’s trail', async () => {
    const requested = await t
      .as(sender.key)
      .post(`/devices/${deviceId}/handoffs`)
      .send({ toOrganisationId: receiver.organisationId, site: 'Lyon' })
      .expect(201);
    expect(requested.body.status).toBe('requested');
    await t.as(receiver.key).get(`/devices/${deviceId}`).expect(404);
    await t
      .as(sender.key)
      .post(`/devices/${deviceId}/handoffs`)
      .send({ toOrganisationId: receiver.organisationId, site: 'Lyon' })
      .expect(409);
    await t.as(sender.key).post(`/handoffs/${requested.body.id}/confirm`).expect(404);

    const confirmed = await t.as(receiver.key).post(`/handoffs/${requested.body.id}/confirm`).expect(200);
    expect(confirmed.body).toEqual(expect.objectContaining({ status: 'confirmed', confirmedByUserId: receiver.id }));
    const device = await t.as(receiver.key).get(`/devices/${deviceId}`).expect(200);
    expect(device.body.lifecycle).toEqual(
      expect.objectContaining({ custodianOrganisationId: receiver.organisationId, site: 'Lyon', state: 'received' }),
    );
    // The lists follow custody: the receiver's pages hold the unit, the sender's no longer do.
    const listed = async (key: string) =>
      ((await t.as(key).get('/devices?limit=200').expect(200)).body.items as Array<{ id: string }>).map((u) => u.id);
    expect(await listed(receiver.key)).toContain(deviceId);
    expect(await listed(sender.key)).not.toContain(deviceId);
    await t.as(receiver.key).post(`/devices/${deviceId}/events`).send(testResult()).expect(200);

    const lost = await t.as(sender.key).post(`/devices/${deviceId}/events`).send(grade());
    expect(lost.status).toBe(404);
    isProblem(lost);
    const history = await t.as(receiver.key).get(`/devices/${deviceId}/history`).expect(200);
    expect(history.body.map((e: { eventType: string }) => e.eventType)).toEqual([
      'LIFECYCLE_STARTED',
      'RECEIVE',
      'CUSTODY_HANDOFF_REQUESTED',
      'CUSTODY_TRANSFERRED',
      'TEST_RESULT',
    ]);
    expect((await t.as(receiver.key).get(`/devices/${deviceId}/history/verify`).expect(200)).body.ok).toBe(true);
    await t.as(receiver.key).post(`/handoffs/${requested.body.id}/confirm`).expect(409);
  });

  it('records a hand-off’s transport leg as a logistics entry when the receiver confirms; an unknown mode is refused', async () => {
    const id = await receivedUnit();
    const customer = await t.newUser('admin', customerId);
    const year = new Date().getUTCFullYear();
    const inventory = async () =>
      (await t.as(customer.key).get(`/carbon/reports/customers/${customerId}?year=${year}`).expect(200)).body.totals.inventory.kg as number;
    const logistics = async () =>
      (await t.as(sender.key).get(`/carbon/devices/${id}/ledger`).expect(200)).body.entries.filter(
        (e: { kind: string }) => e.kind === 'logistics',
      );
    const trail = async () => (await t.as(sender.key).get(`/devices/${id}/history`).expect(200)).body.length as number;
    const before = { inventory: await inventory(), entries: await trail() };

    const refused = await t
      .as(sender.key)
      .post(`/devices/${id}/handoffs`)
      .send({ toOrganisationId: receiver.organisationId, site: 'Lyon', transport: { mode: 'hovercraft', distanceKm: 300 } });
    expect(refused.status).toBe(422);
    isProblem(refused);
    expect(refused.body).toMatchObject({
      type: expect.stringContaining('carbon-vocabulary-unknown'),
      field: 'transport.mode',
      unknown: ['hovercraft'],
      allowed: ['road_van', 'road_truck', 'rail', 'sea', 'air'],
    });
    expect((await t.as(sender.key).get(`/handoffs?device=${id}`).expect(200)).body.items).toEqual([]);
    expect(await trail()).toBe(before.entries);

    const transport = { mode: 'road_van', distanceKm: 300, weightKg: 2 };
    const requested = await t
      .as(sender.key)
      .post(`/devices/${id}/handoffs`)
      .send({ toOrganisationId: receiver.organisationId, site: 'Lyon', transport })
      .expect(201);
    expect(requested.body.transport).toEqual(transport);
    expect(await logistics()).toEqual([]); // requested, not moved yet
    await t.as(receiver.key).post(`/handoffs/${requested.body.id}/confirm`).expect(200);

    // 2 kg = 0.002 t × 300 km × 0.605 kg CO2e per tonne-km (road_van, DESNZ 2023) = 0.363 kg, ± 30 %.
    const kg = 0.002 * 300 * 0.605;
    const [entry] = (await t.as(receiver.key).get(`/carbon/devices/${id}/ledger`).expect(200)).body.entries.filter(
      (e: { kind: string }) => e.kind === 'logistics',
    );
    expect(entry.amount.kg).toBeCloseTo(kg, 3);
    expect(entry.amount.kg).toBe(0.363);
    expect(entry.inputs).toMatchObject({
      handoffId: requested.body.id,
      legs: [{ leg: 'handoff', mode: 'road_van', distanceKm: 300, weightKg: 2, kgPerTonneKm: 0.605, kg: 0.363 }],
    });
    const history = (await t.as(receiver.key).get(`/devices/${id}/history`).expect(200)).body;
    expect(history.at(-1)).toEqual(
      expect.objectContaining({
        eventType: 'CUSTODY_TRANSFERRED',
        payload: expect.objectContaining({ carbonLedger: [expect.anything()] }),
      }),
    );
    expect(await inventory()).toBeCloseTo(before.inventory + kg, 3);
    expect((await t.as(receiver.key).get(`/devices/${id}/history/verify`).expect(200)).body.ok).toBe(true);
  });

  it('a leg without a weight takes the unit’s class weight, as event legs do', async () => {
    const id = await receivedUnit();
    const requested = await t
      .as(sender.key)
      .post(`/devices/${id}/handoffs`)
      .send({ toOrganisationId: receiver.organisationId, site: 'Lyon', transport: { mode: 'rail', distanceKm: 500 } })
      .expect(201);
    await t.as(receiver.key).post(`/handoffs/${requested.body.id}/confirm`).expect(200);
    const [entry] = (await t.as(receiver.key).get(`/carbon/devices/${id}/ledger`).expect(200)).body.entries.filter(
      (e: { kind: string }) => e.kind === 'logistics',
    );
    // notebook default 2.5 kg: 0.0025 t × 500 km × 0.028 = 0.035 kg
    expect(entry.inputs.legs).toEqual([expect.objectContaining({ weightKg: 2.5, kg: 0.035 })]);
    expect(entry.amount.kg).toBe(0.035);
  });
});
