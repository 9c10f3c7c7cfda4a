import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { programmeTerms } from './support/evidence';
import { isProblem, tamperAsOwner, TestApp } from './support/test-app';
import { manifestUnit, newWorkshop, Workshop } from './support/units';

/** Issue 10, items 2, 5 and 10: races end in 409, malformed uploads in 4xx, and conflicts reveal nothing outside scope. */
describe('Conflicts and uploads', () => {
  let t: TestApp;
  let workshop: Workshop;
  beforeAll(async () => {
    t = await TestApp.start({ RECERT_MANIFEST_LIMIT: String(4 * 1024 * 1024) });
    workshop = await newWorkshop(t);
  });
  afterAll(() => t.close());

  const statuses = (responses: Array<{ status: number }>) => responses.map((r) => r.status).sort();

  describe('5. unique-constraint races answer 409 with what conflicted', () => {
    it('any unique constraint, even one the service has never heard of, is a 409 naming its table and columns', async () => {
      const name = `constraint-probe-${randomUUID()}`;
      // A constraint added behind the service's back (partial, so it touches only this test's rows): no table entry names it.
      const index = `constraint_probe_${randomUUID().replace(/-/g, '')}`;
      await tamperAsOwner([[`CREATE UNIQUE INDEX ${index} ON organisations (name) WHERE name LIKE 'constraint-probe-%'`, []]]);
      try {
        await t.as(t.adminKey).post('/organisations').send({ name, kind: 'customer' }).expect(201);
        const refused = await t.as(t.adminKey).post('/organisations').send({ name, kind: 'customer' }).expect(409);
        isProblem(refused);
        expect(refused.body.conflict).toEqual({ resource: 'organisation', fields: ['name'] });
        expect(refused.body.detail).toBe('An organisation with the same name already exists.');
        expect(JSON.stringify(refused.body)).not.toContain(name);
      } finally {
        await tamperAsOwner([[`DROP INDEX ${index}`, []]]);
      }
    });

    it('concurrent POST /users with one e-mail: one 201, the others 409', async () => {
      const email = `race.${randomUUID()}@example.com`;
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          t.as(t.adminKey).post('/users').send({ organisationId: workshop.admin.organisationId, email, name: 'Racer', role: 'technician' }),
        ),
      );
      expect(statuses(responses)).toEqual([201, ...Array(11).fill(409)]);
      for (const refused of responses.filter((r) => r.status === 409)) isProblem(refused);
    });

    it('concurrent takebacks sharing serials: one 201, the others 409, naming the unit by brand and serial', async () => {
      const shared = manifestUnit();
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          t
            .as(workshop.admin.key)
            .post('/takebacks')
            .send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices: [shared, manifestUnit()] }),
        ),
      );
      expect(statuses(responses)).toEqual([201, 409, 409, 409]);
      for (const refused of responses.filter((r) => r.status === 409)) {
        isProblem(refused);
        expect(JSON.stringify(refused.body)).toMatch(/serial/);
      }
    });

    it('concurrent receipts of the same unexpected unit: one 201, the others 409', async () => {
      const created = await t
        .as(workshop.admin.key)
        .post('/takebacks')
        .send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices: [manifestUnit()] })
        .expect(201);
      const stray = manifestUnit();
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          t
            .as(workshop.technician.key)
            .post(`/takebacks/${created.body.id}/receipts`)
            .send({ brand: stray.brand, serial: stray.serial, sealIntact: true, model: 'X1', deviceClass: 'notebook' }),
        ),
      );
      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      for (const refused of responses.filter((r) => r.status !== 201)) expect(refused.status).toBe(409);
    });

    it('concurrent programmes with one code: one 201, the others 409', async () => {
      const brand = `Race${Date.now()}`;
      const oem = (
        await t
          .as(t.adminKey)
          .post('/organisations')
          .send({ name: brand, kind: 'oem', brands: [brand] })
          .expect(201)
      ).body;
      const manager = await t.newUser('programme_manager', oem.id);
      const code = `race-${Date.now()}`;
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          t
            .as(manager.key)
            .post('/programmes')
            .send({ code, ...programmeTerms([brand], { name: 'Race' }) }),
        ),
      );
      expect(statuses(responses)).toEqual([201, 409, 409, 409]);
    });
  });

  describe('2 and 5. CSV manifests', () => {
    const csvUrl = () => `/takebacks?customerOrganisationId=${workshop.customerId}&site=Dock`;

    it.each([
      ['a quote inside a cell', 'Th"ink'],
      ['text after a closing quote', '"Think"Pad'],
      ['an unclosed quote', '"ThinkPad'],
    ])('%s is a 400 naming the line', async (_what, model) => {
      const csv = `brand,serial,model,deviceClass\nLenovo,Q${Date.now()},${model},notebook\n`;
      const response = await t.as(workshop.admin.key).post(csvUrl()).set('content-type', 'text/csv').send(csv);
      expect(response.status).toBe(400);
      isProblem(response);
      expect(response.body.errors[0].path).toMatch(/^line 2/);
    });

    it('a manifest over the byte limit is refused with 413 from its Content-Length, before it is read', async () => {
      const response = await t
        .as(workshop.admin.key)
        .post(csvUrl())
        .set('content-type', 'text/csv')
        .set('content-length', String(8 * 1024 * 1024))
        .send('brand');
      expect(response.status).toBe(413);
      isProblem(response);
    });

    it('a streamed manifest over the byte limit is cut off with 413 while it is still being sent', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.getHttpServer().address() as { port: number };
      // One unit on every line (no media), so neither the unit nor the line cap comes first: only the bytes.
      const line = Buffer.from(`Lenovo,SAME${Date.now()},${'m'.repeat(4000)},notebook\n`);
      const started = Date.now();
      let sent = 0;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: csvUrl(),
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${workshop.admin.key}` },
        });
        req.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write('brand,serial,model,deviceClass\n');
        const pump = () => {
          // Up to 200 MB, far past the 4 MB limit of this app; the answer must come long before the end.
          while (sent < 200 * 1024 * 1024 && !req.destroyed) {
            sent += line.length;
            if (!req.write(line)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
      expect(status).toBe(413);
      // The proof is how little was sent before the answer; the time bound is loose for a loaded CI machine.
      expect(sent).toBeLessThan(50 * 1024 * 1024);
      expect(Date.now() - started).toBeLessThan(30_000);
      await t.http.get('/health/live').expect(200);
    });

    it('a manifest with more than 10,000 units is refused as soon as the 10,001st appears', async () => {
      const stamp = Date.now();
      const lines = Array.from({ length: 10_001 }, (_, i) => `Lenovo,U${stamp}${i},ThinkPad,notebook`).join('\n');
      const response = await t
        .as(workshop.admin.key)
        .post(csvUrl())
        .set('content-type', 'text/csv')
        .send(`brand,serial,model,deviceClass\n${lines}\n`);
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/too many units/);
    });
  });

  describe('10. conflicts reveal nothing outside the caller’s scope', () => {
    it('announcing a serial another organisation holds: 409 without that organisation’s device id', async () => {
      const unit = manifestUnit();
      const first = await t
        .as(workshop.admin.key)
        .post('/takebacks')
        .send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices: [unit] })
        .expect(201);
      expect(first.body.id).toBeDefined();
      const other = await newWorkshop(t);
      const response = await t
        .as(other.admin.key)
        .post('/takebacks')
        .send({ customerOrganisationId: other.customerId, site: 'Dock', devices: [unit] });
      expect(response.status).toBe(409);
      const [held] = (await t.as(workshop.admin.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items;
      expect(JSON.stringify(response.body)).not.toContain(held.id);
      expect(response.body.units).toEqual([{ brand: 'lenovo', serial: unit.serial.toUpperCase() }]);
      // The holder itself is told which of its units it is.
      const own = await t
        .as(workshop.admin.key)
        .post('/takebacks')
        .send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices: [unit] });
      expect(own.body.units).toEqual([expect.objectContaining({ deviceId: held.id })]);
    });

    it('an e-mail used in another organisation is no conflict (and so no oracle); within one it is a 409', async () => {
      const email = `shared.${randomUUID()}@example.com`;
      const other = await newWorkshop(t);
      const user = (organisationId: string, key: string) =>
        t.as(key).post('/users').send({ organisationId, email, name: 'Same Person', role: 'technician' });
      await user(workshop.admin.organisationId, workshop.admin.key).expect(201);
      const elsewhere = await user(other.admin.organisationId, other.admin.key);
      expect(elsewhere.status).toBe(201);
      const again = await user(other.admin.organisationId, other.admin.key);
      expect(again.status).toBe(409);
      expect(again.body.conflict).toEqual({ resource: 'user', fields: ['email'] });
      expect(JSON.stringify(again.body)).not.toContain(workshop.admin.organisationId);
    });

    it('a takeback’s customer must be a customer the centre works for, as the platform operator recorded (any other id is 404)', async () => {
      const centre = await t.newOrganisation('refurbishment_centre');
      const stranger = await t.newOrganisation('customer');
      for (const customerOrganisationId of [stranger.id, centre.id, workshop.admin.organisationId, randomUUID()]) {
        const response = await t
          .as(workshop.admin.key)
          .post('/takebacks')
          .send({ customerOrganisationId, site: 'Dock', devices: [manifestUnit()] });
        expect(response.status).toBe(404);
        isProblem(response);
      }
      // Only the platform operator records the relationship; then the takeback is accepted.
      const refused = await t.as(workshop.admin.key).put(`/organisations/${workshop.admin.organisationId}/customers/${stranger.id}`);
      expect(refused.status).toBe(403);
      await t.worksFor(workshop.admin.organisationId, stranger.id);
      await t
        .as(workshop.admin.key)
        .post('/takebacks')
        .send({ customerOrganisationId: stranger.id, site: 'Dock', devices: [manifestUnit()] })
        .expect(201);
    });
  });
});
