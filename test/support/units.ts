import { randomUUID } from 'node:crypto';
import type { TestApp, TestUser } from './test-app';

export interface Workshop {
  customerId: string;
  admin: TestUser;
  technician: TestUser;
}

/** A refurbishment centre with an admin and a technician, and a customer who hands units back. */
export async function newWorkshop(t: TestApp): Promise<Workshop> {
  const centre = await t.newOrganisation('refurbishment_centre');
  const customer = await t.newOrganisation('customer');
  await t.worksFor(centre.id, customer.id);
  return { customerId: customer.id, admin: await t.newUser('admin', centre.id), technician: await t.newUser('technician', centre.id) };
}

export const manifestUnit = (overrides: Record<string, unknown> = {}) => ({
  brand: 'Lenovo',
  serial: `PF${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`,
  model: 'ThinkPad T14 Gen 3',
  deviceClass: 'notebook',
  media: [{ serial: 'M1', type: 'nvme', interface: 'nvme', capacityGb: 512 }],
  ...overrides,
});

/** A takeback of `count` units (each with medium M1); returns the takeback and the units' ids in manifest order. */
export async function newUnits(t: TestApp, workshop: Workshop, count: number): Promise<{ takebackId: string; deviceIds: string[] }> {
  const devices = Array.from({ length: count }, () => manifestUnit());
  const created = await t
    .as(workshop.admin.key)
    .post('/takebacks')
    .send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', devices })
    .expect(201);
  const ids: string[] = [];
  for (const device of devices) {
    const found = await t.as(workshop.admin.key).get(`/devices?serial=${device.serial}`).expect(200);
    ids.push(found.body.items[0].id);
  }
  return { takebackId: created.body.id, deviceIds: ids };
}

/** One unit whose medium has a serial of its own (a harvested drive becomes a unit named by it). Returns its id and medium serial. */
export async function newUnitWithOwnMedium(t: TestApp, workshop: Workshop, site = 'Dock 1'): Promise<{ deviceId: string; medium: string }> {
  const medium = `S${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  const device = manifestUnit({ media: [{ serial: medium, type: 'nvme', interface: 'nvme', capacityGb: 512 }] });
  await t
    .as(workshop.admin.key)
    .post('/takebacks')
    .send({ customerOrganisationId: workshop.customerId, site, devices: [device] })
    .expect(201);
  const found = await t.as(workshop.admin.key).get(`/devices?serial=${device.serial}`).expect(200);
  return { deviceId: found.body.items[0].id, medium };
}

export async function auditCount(t: TestApp, deviceId: string): Promise<number> {
  const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events WHERE device_id = $1', [deviceId]);
  return row.n;
}

export { TO_CERTIFIABLE } from './evidence';
