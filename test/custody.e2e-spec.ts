import { grade, testResult } from './support/evidence';
import { isProblem, TestApp, TestUser } from './support/test-app';
import { manifestUnit } from './support/units';

describe('custody hand-offs', () => {
  let t: TestApp;
  let sender: TestUser;
  let receiver: TestUser;
  let deviceId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    sender = await t.newUser('technician', (await t.newOrganisation('refurbishment_centre')).id);
    receiver = await t.newUser('technician', (await t.newOrganisation('refurbishment_centre')).id);
    const customer = await t.newOrganisation('customer');
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
});
