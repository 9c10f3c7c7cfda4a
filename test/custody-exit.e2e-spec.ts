import { certify, grade, newProgramme, sanitize, senderKey, testResult, validate } from './support/evidence';
import { isProblem, TestApp } from './support/test-app';
import { auditCount, newUnitWithOwnMedium, newWorkshop, Workshop } from './support/units';

/**
 * Nothing with a medium that is neither validated nor destroyed leaves custody, by any path. The hole was a
 * harvested drive without its medium: its data duty stayed behind on the donor and the drive was sold.
 */
describe('no unwiped medium leaves custody', () => {
  let t: TestApp;
  let workshop: Workshop;
  let programmeId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    ({ programmeId } = await newProgramme(t));
  });
  afterAll(() => t.close());

  const post = (id: string, event: object, key = senderKey(workshop, event)) => t.as(key).post(`/devices/${id}/events`).send(event);
  const ok = async (id: string, event: object) => {
    const response = await post(id, event);
    if (response.status !== 200)
      throw new Error(`${(event as { type: string }).type}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const device = async (id: string) => (await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200)).body;
  /** Refused with this status, and nothing written. */
  const refused = async (id: string, event: object, status = 409) => {
    const before = await auditCount(t, id);
    const response = await post(id, event);
    expect(response.status).toBe(status);
    isProblem(response);
    expect(await auditCount(t, id)).toBe(before);
    return response.body;
  };
  /** A donor in processing whose drive (medium pending) is harvested as a plain "ssd" with no media facts. */
  const harvestedDrive = async () => {
    const { deviceId: donor, medium } = await newUnitWithOwnMedium(t, workshop);
    await ok(donor, { type: 'RECEIVE', site: 'Dock 1', sealIntact: true });
    await ok(donor, testResult());
    const harvested = await ok(donor, { type: 'HARVEST', parts: [{ kind: 'ssd', serial: medium }] });
    const drive = harvested.createdDeviceIds[0] as string;
    // Bench-tested, so the drive is in processing: the path of the hole was test, decline, list, sell.
    await ok(drive, {
      type: 'TEST_RESULT',
      measurements: [
        { check: 'functional', value: true },
        { check: 'visual', value: true },
      ],
    });
    return { donor, medium, drive };
  };
  const sale = { type: 'SELL', orderReference: 'SO-1', buyer: 'Buyer', market: 'DE' };
  const decline = { type: 'DECLINE_CERTIFICATION', reason: 'part' };
  const list = { type: 'LIST', channel: 'web', market: 'DE', price: 40, currency: 'EUR' };

  it('harvest: a storage part takes over the donor’s medium record, or is refused (422) and nothing is created', async () => {
    const { deviceId: donor, medium } = await newUnitWithOwnMedium(t, workshop);
    await ok(donor, { type: 'RECEIVE', site: 'Dock 1', sealIntact: true });
    const body = await refused(donor, { type: 'HARVEST', parts: [{ kind: 'ssd', serial: 'NOT-THE-DRIVE' }, { kind: 'nvme' }] }, 422);
    expect(body.reasons.map((r: { code: string }) => r.code)).toEqual(['storage-part-medium-unknown', 'storage-part-medium-unknown']);
    expect(body.reasons[0].message).toContain(medium);
    expect((await t.as(workshop.admin.key).get(`/devices?donor=${donor}`).expect(200)).body.items).toEqual([]);

    const { donor: other, medium: drivesMedium, drive } = await harvestedDrive();
    const part = await device(drive);
    expect(part.media).toEqual([expect.objectContaining({ serial: drivesMedium, mediaType: 'nvme', capacityGb: 512 })]);
    expect(part.lifecycle.evidence.media).toEqual([expect.objectContaining({ serial: drivesMedium, status: 'pending' })]);
    const donorAfter = await device(other);
    expect(donorAfter.media).toEqual([]);
    expect(donorAfter.lifecycle.evidence.media).toEqual([]);
    for (const id of [other, drive])
      expect((await t.as(workshop.admin.key).get(`/devices/${id}/history/verify`).expect(200)).body.ok).toBe(true);
  });

  it('harvest: the drive continues its medium’s progress — a failed wipe stays failed, and its method is not accepted again', async () => {
    const { deviceId: donor, medium } = await newUnitWithOwnMedium(t, workshop);
    await ok(donor, { type: 'RECEIVE', site: 'Dock 1', sealIntact: true });
    await ok(donor, sanitize(medium, { result: 'fail' }));
    const {
      createdDeviceIds: [drive],
    } = await ok(donor, { type: 'HARVEST', parts: [{ kind: 'ssd', serial: medium }] });
    expect((await device(drive)).lifecycle.evidence.media).toEqual([
      expect.objectContaining({ serial: medium, status: 'failed', attempts: 1 }),
    ]);
    const again = await refused(drive, sanitize(medium), 422);
    expect(again.reasons.map((r: { code: string }) => r.code)).toEqual(['method-failed-before']);
    await ok(drive, sanitize(medium, { method: 'nvme_format_crypto_erase' }));
  });

  it('listing: the drive cannot be declined or listed while its medium is pending', async () => {
    const { drive } = await harvestedDrive();
    await refused(drive, decline);
    await refused(drive, list);
  });

  it('sale: the drive cannot be sold', async () => {
    const { drive } = await harvestedDrive();
    for (const step of [decline, list, sale]) await refused(drive, step);
  });

  it('return to owner: the drive cannot go back', async () => {
    const { drive } = await harvestedDrive();
    for (const step of [decline, { type: 'RETURN_TO_OWNER', reference: 'RFS-1', warrantyMonths: 12 }]) await refused(drive, step);
  });

  it('recycler: only one that destroys data takes the drive', async () => {
    const { drive } = await harvestedDrive();
    await refused(drive, { type: 'SEND_TO_RECYCLER', vendor: 'Scrap Co', certification: 'none', destroysData: false });
    await ok(drive, { type: 'SEND_TO_RECYCLER', vendor: 'Shred Co', certification: 'NAID AAA', destroysData: true });
  });

  it('bulk events: every unit with a pending medium is refused, the rest of the batch is judged on its own', async () => {
    const drives = [(await harvestedDrive()).drive, (await harvestedDrive()).drive];
    const before = await Promise.all(drives.map((d) => auditCount(t, d)));
    for (const event of [decline, sale, { type: 'SEND_TO_RECYCLER', vendor: 'Scrap Co', certification: 'none', destroysData: false }]) {
      const response = await t.as(workshop.admin.key).post('/devices/events').send({ deviceIds: drives, event }).expect(200);
      expect(response.body.outcomes.map((o: { status: number }) => o.status)).toEqual([409, 409]);
    }
    expect(await Promise.all(drives.map((d) => auditCount(t, d)))).toEqual(before);
  });

  it('RMA replacement: a replacement whose medium is pending is refused, and the RMA stays unresolved', async () => {
    const { deviceId: sold, medium } = await newUnitWithOwnMedium(t, workshop);
    for (const event of [
      { type: 'RECEIVE', site: 'Dock 1', sealIntact: true },
      { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
      sanitize(medium),
      validate(medium),
      testResult(),
      grade(),
      certify(programmeId),
      { type: 'LIST', channel: 'web', market: 'DE', price: 420, currency: 'EUR' },
      sale,
      { type: 'OPEN_CLAIM', symptom: 'no boot' },
      { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-9' },
      { type: 'RECEIVE_RMA', site: 'Dock 2' },
    ])
      await ok(sold, event);
    const { drive } = await harvestedDrive();
    // It cannot get to the shelf (where a replacement comes from), and named anyway, the sale inside is refused.
    for (const step of [decline, list]) await refused(drive, step);
    const before = [await auditCount(t, sold), await auditCount(t, drive)];
    const response = await t
      .as(workshop.admin.key)
      .post(`/devices/${sold}/rma-resolution`)
      .send({ outcome: 'replaced', replacementDeviceId: drive });
    expect(response.status).toBe(409);
    expect([await auditCount(t, sold), await auditCount(t, drive)]).toEqual(before);
    // The unit back under RMA has its media pending again: it cannot be the replacement of another either.
    expect((await device(sold)).lifecycle.evidence.media).toEqual([expect.objectContaining({ status: 'pending' })]);
  });
});
