import { sanitize, validate } from './support/evidence';
import { isProblem, TestApp } from './support/test-app';
import { auditCount, newUnits, newUnitWithOwnMedium, newWorkshop, Workshop } from './support/units';

/** End of life: harvested parts become units of their own, with the donor as their lineage; recycling is certified. */
describe('harvest and recycling', () => {
  let t: TestApp;
  let workshop: Workshop;

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
  });
  afterAll(() => t.close());

  const send = (id: string, event: object, key = workshop.admin.key) => t.as(key).post(`/devices/${id}/events`).send(event);
  const device = async (id: string) => (await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200)).body;

  it('a quarantined unit is harvested: each part is a unit with lineage, a drive takes its medium from the donor and must still be sanitized; the donor is recycled', async () => {
    const { deviceId: donor, medium: S6P1NX0T } = await newUnitWithOwnMedium(t, workshop);
    await send(donor, { type: 'RECEIVE', site: 'Dock 1', sealIntact: true }).expect(200);
    await send(donor, { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'locked' }] }).expect(200);
    const harvested = await send(donor, {
      type: 'HARVEST',
      parts: [
        { kind: 'ram', model: 'SK hynix 16GB DDR5' },
        { kind: 'ssd', serial: S6P1NX0T, mediaType: 'nvme', model: 'Samsung PM9A1' },
      ],
    }).expect(200);
    expect(harvested.body.state).toBe('harvested');
    const [ram, ssd] = harvested.body.createdDeviceIds as string[];

    const donorSerial = (await device(donor)).serial;
    expect(await device(ram)).toEqual(
      expect.objectContaining({
        deviceClass: 'part',
        donorDeviceId: donor,
        serial: `${donorSerial}-RAM-1`,
        model: 'SK hynix 16GB DDR5',
        brand: 'lenovo',
      }),
    );
    const drive = await device(ssd);
    expect(drive).toEqual(
      expect.objectContaining({
        serial: S6P1NX0T,
        donorDeviceId: donor,
        media: [expect.objectContaining({ serial: S6P1NX0T, mediaType: 'nvme', interface: 'nvme', capacityGb: 512 })],
      }),
    );
    expect(drive.lifecycle).toEqual(
      expect.objectContaining({ number: 1, state: 'received', custodianOrganisationId: workshop.admin.organisationId }),
    );
    expect(drive.lifecycle.evidence.media).toEqual([expect.objectContaining({ serial: S6P1NX0T, status: 'pending' })]);
    // The donor no longer carries the drive: neither its record nor its lifecycle.
    const after = await device(donor);
    expect(after.media).toEqual([]);
    expect(after.lifecycle.evidence.media).toEqual([]);
    const parts = await t.as(workshop.admin.key).get(`/devices?donor=${donor}`).expect(200);
    expect(parts.body.items.map((d: { id: string }) => d.id).sort()).toEqual([ram, ssd].sort());

    const partTrail = (await t.as(workshop.admin.key).get(`/devices/${ssd}/history`).expect(200)).body;
    expect(partTrail[0].payload).toEqual(
      expect.objectContaining({ donor: expect.objectContaining({ deviceId: donor, kind: 'ssd', seq: 4 }) }),
    );
    const donorTrail = (await t.as(workshop.admin.key).get(`/devices/${donor}/history`).expect(200)).body;
    expect(donorTrail.at(-1).payload.parts.map((p: { serial: string }) => p.serial)).toEqual([`${donorSerial}-RAM-1`, S6P1NX0T]);

    await send(ssd, sanitize(S6P1NX0T, { method: 'nvme_sanitize_crypto_erase' }), workshop.technician.key).expect(200);
    const certificate = await send(ssd, validate(S6P1NX0T)).expect(200);
    expect(certificate.body.certificateId).toEqual(expect.any(String));

    // Its only medium left with the drive: the donor may go to a recycler that does not destroy data.
    await send(donor, { type: 'SEND_TO_RECYCLER', vendor: 'Shred Co', certification: 'R2v3', destroysData: false }).expect(200);
    const recycled = await send(donor, { type: 'CONFIRM_RECYCLED', certificateReference: 'COR-2026-0042', weightKg: 1.42 }).expect(200);
    expect(recycled.body.state).toBe('recycled');
    for (const id of [donor, ram, ssd])
      expect((await t.as(workshop.admin.key).get(`/devices/${id}/history/verify`).expect(200)).body.ok).toBe(true);
  });

  it('refuses a part serial that already exists or is listed twice, and creates nothing', async () => {
    const [donor] = (await newUnits(t, workshop, 1)).deviceIds;
    await send(donor, { type: 'RECEIVE', site: 'Dock 1', sealIntact: true }).expect(200);
    const taken = (await device(donor)).serial;
    const before = await auditCount(t, donor);
    const response = await send(donor, {
      type: 'HARVEST',
      parts: [
        { kind: 'board', serial: taken },
        { kind: 'ram', serial: 'R-1' },
        { kind: 'ram', serial: 'r-1' },
      ],
    });
    expect(response.status).toBe(422);
    isProblem(response);
    expect(response.body.reasons.map((r: { code: string }) => r.code)).toEqual(['part-serial-repeated', 'part-serial-exists']);
    expect(await auditCount(t, donor)).toBe(before);
    expect((await t.as(workshop.admin.key).get(`/devices?donor=${donor}`).expect(200)).body.items).toEqual([]);
  });
});
