import { certify, grade, newProgramme, sanitize, senderKey, testResult, validate } from './support/evidence';
import { isProblem, TestApp } from './support/test-app';
import { auditCount, newUnits, newWorkshop, Workshop } from './support/units';

/** RMA outcomes: repaired and no fault found keep the warranty running, replaced moves it, refunded ends it. */
describe('RMA outcomes', () => {
  let t: TestApp;
  let workshop: Workshop;
  let programmeId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    ({ programmeId } = await newProgramme(t));
  });
  afterAll(() => t.close());

  const send = async (id: string, event: object) => {
    const response = await t.as(senderKey(workshop, event)).post(`/devices/${id}/events`).send(event);
    if (response.status !== 200)
      throw new Error(`${(event as { type: string }).type}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const sendAll = async (id: string, events: object[]) => {
    for (const event of events) await send(id, event);
  };
  const processed = [
    { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
    sanitize(),
    validate(),
    testResult(),
    grade(),
  ];
  const listed = async () => {
    const [id] = (await newUnits(t, workshop, 1)).deviceIds;
    await sendAll(id, [
      { type: 'RECEIVE', site: 'Dock 1', sealIntact: true },
      ...processed,
      certify(programmeId),
      { type: 'LIST', channel: 'web', market: 'DE', price: 420, currency: 'EUR' },
    ]);
    return id;
  };
  /** A unit sold, claimed, authorised and received back: its RMA lifecycle has begun. Returns the sale's warranty end. */
  const returned = async () => {
    const id = await listed();
    const sale = await send(id, { type: 'SELL', orderReference: 'SO-R', buyer: 'Käufer GmbH', market: 'DE' });
    await sendAll(id, [
      { type: 'OPEN_CLAIM', symptom: 'no boot' },
      { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-500' },
      { type: 'RECEIVE_RMA', site: 'Dock 2' },
    ]);
    return { id, endsAt: sale.evidence.warranty.endsAt as string };
  };
  const resolve = (id: string, body: object) => t.as(workshop.admin.key).post(`/devices/${id}/rma-resolution`).send(body);

  it('replaced: the replacement is sold to the claimant with the rest of the warranty; the outcome is in the returned unit’s trail', async () => {
    const { id, endsAt } = await returned();
    const replacement = await listed();
    const resolved = await resolve(id, { outcome: 'replaced', replacementDeviceId: replacement, reference: 'CN-77' }).expect(200);
    expect(resolved.body).toEqual(
      expect.objectContaining({ outcome: 'replaced', warrantyEndsAt: endsAt, replacementDeviceId: replacement }),
    );
    const sold = (await t.as(workshop.admin.key).get(`/devices/${replacement}`).expect(200)).body;
    expect(sold.lifecycle.state).toBe('sold.warrantyActive');
    const sale = (await t.as(workshop.admin.key).get(`/devices/${replacement}/history`).expect(200)).body.at(-1);
    expect(sale.payload).toEqual(expect.objectContaining({ orderReference: 'RMA RMA-500', buyer: 'Käufer GmbH', market: 'DE' }));
    expect(sale.payload.warranty).toEqual(
      expect.objectContaining({ endsAt, transferredFrom: expect.objectContaining({ fromDeviceId: id }) }),
    );
    const entry = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body.at(-1);
    expect(entry).toEqual(
      expect.objectContaining({
        eventType: 'RMA_RESOLVED',
        payload: expect.objectContaining({ outcome: 'replaced', rmaNumber: 'RMA-500' }),
      }),
    );
    expect((await resolve(id, { outcome: 'refunded' })).status).toBe(409);
    for (const unit of [id, replacement])
      expect((await t.as(workshop.admin.key).get(`/devices/${unit}/history/verify`).expect(200)).body.ok).toBe(true);
  });

  it('replaced by the warranty desk: its permission covers the sale inside; the sale names the operation and the real actor; the warranty keeps its programme and terms', async () => {
    const desk = await t.newUser('warranty', workshop.admin.organisationId);
    const { id, endsAt } = await returned();
    const original = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body.find(
      (e: { eventType: string }) => e.eventType === 'SELL',
    );
    const replacement = await listed();
    const resolved = await t
      .as(desk.key)
      .post(`/devices/${id}/rma-resolution`)
      .send({ outcome: 'replaced', replacementDeviceId: replacement });
    expect(resolved.status).toBe(200);
    const sale = (await t.as(workshop.admin.key).get(`/devices/${replacement}/history`).expect(200)).body.at(-1);
    expect(sale.eventType).toBe('SELL');
    expect(sale.actor).toEqual(expect.objectContaining({ userId: desk.id }));
    expect(sale.payload.causedBy).toEqual({ operation: 'rma-resolution', deviceId: id, lifecycleId: expect.any(String) });
    const warranty = sale.payload.warranty;
    // The programme's DE terms: 12 months, 14 days dead-on-arrival (support/evidence.ts).
    expect(warranty).toEqual(expect.objectContaining({ months: 12, programme: 'certified-refurbished@1', market: 'DE', endsAt }));
    expect(original.payload.warranty).toEqual(expect.objectContaining({ months: 12, programme: 'certified-refurbished@1' }));
    const doaDays = (Date.parse(warranty.doaEndsAt) - Date.parse(warranty.startsAt)) / 86_400_000;
    expect(doaDays).toBeCloseTo(14, 3);
    // The desk still may not sell on its own.
    const own = await listed();
    expect(
      (await t.as(desk.key).post(`/devices/${own}/events`).send({ type: 'SELL', orderReference: 'SO-X', buyer: 'X', market: 'DE' })).status,
    ).toBe(403);
    for (const unit of [id, replacement])
      expect((await t.as(workshop.admin.key).get(`/devices/${unit}/history/verify`).expect(200)).body.ok).toBe(true);
  });

  it('repaired: the unit goes back with the claimant’s warranty running on to its original end', async () => {
    const { id, endsAt } = await returned();
    await resolve(id, { outcome: 'repaired', reference: 'RO-12' }).expect(200);
    await sendAll(id, [...processed, { type: 'DECLINE_CERTIFICATION', reason: 'customer unit under RMA' }]);
    const back = await send(id, { type: 'RETURN_TO_OWNER', reference: 'RMA-500', warrantyMonths: 3 });
    expect(back.evidence.warranty).toEqual(expect.objectContaining({ endsAt, continuesFrom: endsAt }));
  });

  it('refunded ends the warranty; the unit must have an outcome before it goes back', async () => {
    const { id } = await returned();
    await sendAll(id, [...processed, { type: 'DECLINE_CERTIFICATION', reason: 'refurbished stock' }]);
    const early = await t
      .as(workshop.admin.key)
      .post(`/devices/${id}/events`)
      .send({ type: 'RETURN_TO_OWNER', reference: 'X', warrantyMonths: 0 });
    expect(early.status).toBe(422);
    expect(early.body.reasons.map((r: { code: string }) => r.code)).toEqual(['rma-unresolved']);
    expect((await resolve(id, { outcome: 'refunded', reference: 'CREDIT-9' }).expect(200)).body.warrantyEndsAt).toBeNull();
  });

  it('refuses an outcome for a unit not under RMA, a replacement that is not for sale, and a replacement named without "replaced"', async () => {
    const fresh = await listed();
    const notRma = await resolve(fresh, { outcome: 'no_fault_found' });
    expect(notRma.status).toBe(409);
    isProblem(notRma);
    const { id } = await returned();
    expect((await resolve(id, { outcome: 'replaced' })).status).toBe(400);
    expect((await resolve(id, { outcome: 'refunded', replacementDeviceId: fresh })).status).toBe(400);
    const [unlisted] = (await newUnits(t, workshop, 1)).deviceIds;
    const before = await auditCount(t, id);
    const refused = await resolve(id, { outcome: 'replaced', replacementDeviceId: unlisted });
    expect(refused.status).toBe(409);
    expect(await auditCount(t, id)).toBe(before);
    await resolve(id, { outcome: 'no_fault_found' }).expect(200);
  });
});
