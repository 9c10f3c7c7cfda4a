import { destroy, sanitize, validate } from './support/evidence';
import { pdfText } from './support/pdf';
import { isProblem, TestApp, TestUser } from './support/test-app';
import { manifestUnit, newWorkshop, Workshop } from './support/units';

const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The certificate of data destruction of a takeback: every medium of its units, built from the per-medium certificates. */
describe('GET /takebacks/:id/certificate-of-destruction', () => {
  let t: TestApp;
  let workshop: Workshop;
  let customerUser: TestUser;
  let takebackId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start({ RECERT_PUBLIC_URL: 'https://recert.example' });
    workshop = await newWorkshop(t);
    customerUser = await t.newUser('auditor', workshop.customerId);
    const wiped = manifestUnit();
    const destroyed = manifestUnit({ model: 'ThinkPad X1 Carbon' });
    const twoDrives = manifestUnit({
      deviceClass: 'server',
      model: 'ThinkSystem SR630',
      media: [
        { serial: 'SAS-HDD-1', type: 'hdd', interface: 'sas', capacityGb: 1200 },
        { serial: 'SAS-HDD-2', type: 'hdd', interface: 'sas', capacityGb: 1200 },
      ],
    });
    const created = await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', devices: [wiped, destroyed, twoDrives] })
      .expect(201);
    takebackId = created.body.id;
    for (const [name, unit] of Object.entries({ wiped, destroyed, twoDrives })) {
      ids[name] = (await t.as(workshop.admin.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items[0].id;
      await operator(ids[name], { type: 'RECEIVE', site: 'Dock 1', sealIntact: true }).expect(200);
    }
    await operator(ids.wiped, sanitize('M1')).expect(200);
    await validator(ids.wiped, validate('M1')).expect(200);
    await operator(ids.destroyed, destroy('M1')).expect(200);
    // The server: one drive destroyed, the other still waiting for its wipe.
    await operator(ids.twoDrives, destroy('SAS-HDD-1')).expect(200);
  });
  afterAll(() => t.close());

  const operator = (id: string, event: object) => t.as(workshop.technician.key).post(`/devices/${id}/events`).send(event);
  const validator = (id: string, event: object) => t.as(workshop.admin.key).post(`/devices/${id}/events`).send(event);

  it("lists every medium of the takeback's units with method, level, result, date and validator, and sums them up", async () => {
    const { body } = await t.as(customerUser.key).get(`/takebacks/${takebackId}/certificate-of-destruction`).expect(200);
    // 3 units, 4 media: M1 wiped, M1 destroyed, SAS-HDD-1 destroyed, SAS-HDD-2 pending → 1 + 2 + 1 = 4.
    expect(body.summary).toEqual({ units: 3, media: 4, wiped: 1, destroyed: 2, pending: 1, complete: false });
    const bySerial = (deviceId: string, serial: string) =>
      body.media.find((m: { deviceId: string; mediumSerial: string }) => m.deviceId === deviceId && m.mediumSerial === serial);
    expect(bySerial(ids.wiped, 'M1')).toEqual(
      expect.objectContaining({
        status: 'wiped',
        method: 'nvme_sanitize_crypto_erase',
        level: 'purge',
        result: 'pass',
        validator: 'Bo Berg, QA lead',
        matchesAuditChain: true,
        completedAt: expect.any(String),
        verifyUrl: expect.stringMatching(/^https:\/\/recert\.example\/verify\/[0-9a-f-]{36}$/),
      }),
    );
    expect(bySerial(ids.destroyed, 'M1')).toEqual(
      expect.objectContaining({ status: 'destroyed', method: 'shred', level: 'destroy', result: 'destroyed', validator: 'C. Witness' }),
    );
    expect(bySerial(ids.twoDrives, 'SAS-HDD-2')).toEqual(
      expect.objectContaining({ status: 'pending', method: null, level: null, certificateId: null, verifyUrl: null }),
    );
  });

  it('is built from the same certificates as the per-medium ones (same ids and verify URLs)', async () => {
    const { body } = await t.as(customerUser.key).get(`/takebacks/${takebackId}/certificate-of-destruction`).expect(200);
    const perMedium = await t.as(workshop.admin.key).get(`/devices/${ids.twoDrives}/certificates/sanitization`).expect(200);
    const line = body.media.find(
      (m: { mediumSerial: string; deviceId: string }) => m.deviceId === ids.twoDrives && m.mediumSerial === 'SAS-HDD-1',
    );
    expect(line.certificateId).toBe(perMedium.body[0].certificateId);
    expect(line.verifyUrl).toBe(perMedium.body[0].verifyUrl);
  });

  it('as a PDF: every medium serial, method, status, the summary and the verify URLs', async () => {
    const response = await t
      .as(customerUser.key)
      .get(`/takebacks/${takebackId}/certificate-of-destruction`)
      .set('accept', 'application/pdf')
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Certificate of Data Destruction');
    expect(text).toContain('Wiped: 1   Destroyed: 2   Pending: 1');
    for (const serial of ['SAS-HDD-1', 'SAS-HDD-2']) expect(text).toContain(serial);
    expect(text).toContain('nvme_sanitize_crypto_erase');
    expect(text).toContain('PENDING');
    expect(text.match(/Verify: https:\/\/recert\.example\/verify\//g)).toHaveLength(3);
  });

  it("the centre reads it; another customer's users get 404, as for a missing takeback", async () => {
    await t.as(workshop.admin.key).get(`/takebacks/${takebackId}/certificate-of-destruction`).expect(200);
    const stranger = await t.newUser('auditor', (await t.newOrganisation('customer')).id);
    const hidden = await t.as(stranger.key).get(`/takebacks/${takebackId}/certificate-of-destruction`).expect(404);
    isProblem(hidden);
    const missing = await t.as(stranger.key).get(`/takebacks/00000000-0000-4000-8000-000000000000/certificate-of-destruction`).expect(404);
    expect(missing.body.detail).toBe(hidden.body.detail);
  });

  it('?format=pdf downloads the PDF without an Accept header (a plain link in the portal)', async () => {
    const response = await t
      .as(customerUser.key)
      .get(`/takebacks/${takebackId}/certificate-of-destruction?format=pdf`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="data-destruction-${takebackId}.pdf"`);
    isProblem(await t.as(customerUser.key).get(`/takebacks/${takebackId}/certificate-of-destruction?format=docx`).expect(400));
  });

  it("GET /takebacks lists the customer's takebacks, and no one else's", async () => {
    const mine = await t.as(customerUser.key).get('/takebacks').expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: takebackId, site: 'Dock 1', expected: 3, received: 3 })]);
    const stranger = await t.newUser('auditor', (await t.newOrganisation('customer')).id);
    expect((await t.as(stranger.key).get('/takebacks').expect(200)).body.items).toEqual([]);
  });
});
