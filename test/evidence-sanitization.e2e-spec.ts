import { destroy, newProgramme, sanitize, validate } from './support/evidence';
import { pdfText, qrCodesInPdf } from './support/pdf';
import { isProblem, tamperAsOwner, TestApp } from './support/test-app';
import { auditCount, manifestUnit, newWorkshop, Workshop } from './support/units';

const SERVER_MEDIA = [
  { serial: 'SAS-HDD-1', type: 'hdd', interface: 'sas', capacityGb: 1200 },
  { serial: 'SAS-HDD-2', type: 'hdd', interface: 'sas', capacityGb: 1200 },
  { serial: 'SATA-SSD-3', type: 'ssd', interface: 'sata', capacityGb: 960 },
  { serial: 'NVME-4', type: 'nvme', interface: 'nvme', capacityGb: 3840 },
];

/** NIST SP 800-88 sanitization per medium, checked against the policy, validated by another person, certified. */
describe('sanitization evidence and certificates', () => {
  let t: TestApp;
  let workshop: Workshop;

  beforeAll(async () => {
    t = await TestApp.start({ RECERT_PUBLIC_URL: 'https://recert.example' });
    workshop = await newWorkshop(t);
    await newProgramme(t);
  });
  afterAll(() => t.close());

  const newUnit = async (overrides: Record<string, unknown> = {}) => {
    const device = manifestUnit(overrides);
    await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', devices: [device] })
      .expect(201);
    const id = (await t.as(workshop.admin.key).get(`/devices?serial=${device.serial}`).expect(200)).body.items[0].id as string;
    await operator(id, { type: 'RECEIVE', site: 'Dock 1', sealIntact: true }).expect(200);
    return id;
  };
  const operator = (id: string, event: object) => t.as(workshop.technician.key).post(`/devices/${id}/events`).send(event);
  const validator = (id: string, event: object) => t.as(workshop.admin.key).post(`/devices/${id}/events`).send(event);
  const refusal = async (response: { status: number; body: { type: string; reasons: Array<{ code: string; message: string }> } }) => {
    expect(response.status).toBe(422);
    isProblem(response as never);
    expect(response.body.type).toMatch(/evidence-rejected$/);
    return response.body.reasons;
  };

  it('a server with four drives: one wipe fails, the same method is not tried twice, that drive is destroyed; four certificates', async () => {
    const id = await newUnit({ deviceClass: 'server', model: 'ThinkSystem SR650', media: SERVER_MEDIA });
    await operator(id, sanitize('SAS-HDD-1', { method: 'sas_sanitize_overwrite' })).expect(200);
    await operator(id, sanitize('SAS-HDD-2', { method: 'sas_sanitize_crypto_erase' })).expect(200);
    await operator(id, sanitize('NVME-4', { method: 'nvme_sanitize_block_erase' })).expect(200);
    const failed = await operator(id, sanitize('SATA-SSD-3', { method: 'ata_sanitize_block_erase', result: 'fail' })).expect(200);
    expect(failed.body.evidence).toEqual({ levelReached: null, policy: 'nist-800-88r2-ieee-2883@1' });

    const before = await auditCount(t, id);
    const again = await refusal(await operator(id, sanitize('SATA-SSD-3', { method: 'ata_sanitize_block_erase' })));
    expect(again.map((r) => r.code)).toEqual(['method-failed-before']);
    expect(await auditCount(t, id)).toBe(before);

    const destroyed = await operator(id, destroy('SATA-SSD-3')).expect(200);
    expect(destroyed.body.certificateId).toEqual(expect.any(String));
    for (const serial of ['SAS-HDD-1', 'SAS-HDD-2', 'NVME-4']) await validator(id, validate(serial)).expect(200);
    const device = await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200);
    expect(device.body.lifecycle.regions.data).toBe('sanitized');

    const certificates = (await t.as(workshop.admin.key).get(`/devices/${id}/certificates/sanitization`).expect(200)).body;
    expect(certificates.map((c: { medium: { serial: string }; outcome: string }) => [c.medium.serial, c.outcome])).toEqual([
      ['NVME-4', 'sanitized'],
      ['SAS-HDD-1', 'sanitized'],
      ['SAS-HDD-2', 'sanitized'],
      ['SATA-SSD-3', 'destroyed'],
    ]);
    const ssd = certificates[3];
    expect(ssd.sanitization).toBeNull();
    expect(ssd.destruction).toEqual(expect.objectContaining({ method: 'shred', witness: 'C. Witness' }));
    expect(certificates[1]).toEqual(
      expect.objectContaining({
        verifyUrl: `https://recert.example/verify/${certificates[1].certificateId}`,
        medium: expect.objectContaining({ serial: 'SAS-HDD-1', type: 'hdd', mediaClass: 'magnetic', interface: 'sas', capacityGb: 1200 }),
        performedBy: expect.objectContaining({ name: 'Ana Lima', title: 'Sanitization technician' }),
        sanitization: expect.objectContaining({
          methodType: 'purge',
          method: 'sas_sanitize_overwrite',
          tool: { name: 'WipeStation', version: '4.2.1' },
          verification: 'full',
          result: 'pass',
        }),
        validation: expect.objectContaining({ by: { name: 'Bo Berg', title: 'QA lead' }, method: 'full', result: 'pass' }),
        destination: 'external_reuse',
        dataBackedUp: 'no',
      }),
    );
    expect((await t.as(workshop.admin.key).get(`/devices/${id}/history/verify`).expect(200)).body.ok).toBe(true);
  });

  it('the PDF carries every medium serial and method; its QR codes decode to verify URLs that answer without a key', async () => {
    const id = await newUnit({ deviceClass: 'server', model: 'ThinkSystem SR630', media: SERVER_MEDIA.slice(0, 2) });
    await operator(id, sanitize('SAS-HDD-1', { method: 'sas_sanitize_overwrite' })).expect(200);
    await operator(id, destroy('SAS-HDD-2')).expect(200);
    await validator(id, validate('SAS-HDD-1')).expect(200);

    const response = await t
      .as(workshop.admin.key)
      .get(`/devices/${id}/certificates/sanitization`)
      .set('accept', 'application/pdf')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    const pdf = response.body as Buffer;
    const text = await pdfText(pdf);
    for (const expected of [
      'Certificate of Sanitization',
      'SAS-HDD-1',
      'sas_sanitize_overwrite',
      'SAS-HDD-2',
      'shred',
      'Bo Berg',
      'WipeStation 4.2.1',
    ])
      expect(text).toContain(expected);

    const urls = qrCodesInPdf(pdf);
    expect(urls).toHaveLength(2);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\/recert\.example\/verify\/[0-9a-f-]{36}$/);
      const answer = await t.http.get(new URL(url).pathname).expect(200);
      expect(answer.body).toEqual(expect.objectContaining({ exists: true, matchesAuditChain: true }));
      expect(['sanitized', 'destroyed']).toContain(answer.body.outcome);
      expect(JSON.stringify(answer.body)).not.toMatch(/Ana Lima|Bo Berg|Witness|organisation/i);
    }
  });

  it('verify says when a certificate does not exist, and when the trail no longer matches it', async () => {
    const unknown = await t.http.get('/verify/00000000-0000-4000-8000-000000000000').expect(200);
    expect(unknown.body).toEqual(expect.objectContaining({ exists: false, matchesAuditChain: false, outcome: null }));

    const id = await newUnit();
    await operator(id, sanitize()).expect(200);
    const validated = await validator(id, validate()).expect(200);
    const url = `/verify/${validated.body.certificateId}`;
    expect((await t.http.get(url).expect(200)).body.matchesAuditChain).toBe(true);
    await tamperAsOwner([
      [
        `UPDATE audit_events SET payload = jsonb_set(payload, '{method}', '"overwrite"') WHERE device_id = $1 AND event_type = 'SANITIZE'`,
        [id],
      ],
    ]);
    expect((await t.http.get(url).expect(200)).body).toEqual(expect.objectContaining({ exists: true, matchesAuditChain: false }));
  });

  it('refuses methods the policy does not allow on the medium, with the allowed ones, and a destruction method in SANITIZE', async () => {
    const id = await newUnit({ deviceClass: 'server', model: 'ThinkSystem SR650', media: SERVER_MEDIA });
    const before = await auditCount(t, id);
    const secureErase = await refusal(await operator(id, sanitize('SATA-SSD-3', { method: 'ata_secure_erase', level: 'purge' })));
    expect(secureErase).toEqual([
      {
        code: 'method-not-allowed',
        message: expect.stringContaining('allowed: ata_sanitize_block_erase, ata_sanitize_crypto_erase'),
        field: 'method',
        allowed: ['ata_sanitize_block_erase', 'ata_sanitize_crypto_erase'],
      },
    ]);
    expect((await refusal(await operator(id, sanitize('NVME-4', { method: 'degauss' }))))[0].code).toBe('method-not-allowed');
    expect((await refusal(await operator(id, sanitize('SAS-HDD-1', { method: 'shred' }))))[0].code).toBe('destruction-is-not-sanitize');
    expect((await refusal(await operator(id, sanitize('NOPE')))).map((r) => r.code)).toEqual(['medium-unknown']);
    expect((await refusal(await operator(id, { ...destroy('NVME-4'), method: 'hammer' })))[0].code).toBe('method-not-allowed');
    expect(await auditCount(t, id)).toBe(before);
    // ATA Secure Erase on a SATA SSD is only Clear: accepted when Clear is all that is aimed at.
    const clear = await operator(id, sanitize('SATA-SSD-3', { method: 'ata_secure_erase', level: 'clear' })).expect(200);
    expect(clear.body.evidence.levelReached).toBe('clear');
  });

  it('refuses validation by the operator, with a clear reason, and accepts another person; a failed validation sends the medium back', async () => {
    const id = await newUnit();
    await operator(id, sanitize()).expect(200);
    const before = await auditCount(t, id);
    const reasons = await refusal(await operator(id, validate()));
    expect(reasons).toEqual([{ code: 'validator-is-operator', message: expect.stringContaining('another person must validate it') }]);
    expect(await auditCount(t, id)).toBe(before);
    const failed = await validator(id, validate('M1', { result: 'fail' })).expect(200);
    expect(failed.body.certificateId).toBeUndefined();
    expect(failed.body.allowedEvents).toContain('SANITIZE');
    await operator(id, sanitize('M1', { method: 'nvme_sanitize_block_erase' })).expect(200);
    expect((await validator(id, validate()).expect(200)).body.certificateId).toEqual(expect.any(String));
  });

  it('answers 400 for a SANITIZE without its certificate fields, naming them', async () => {
    const id = await newUnit();
    const response = await operator(id, {
      type: 'SANITIZE',
      mediumSerial: 'M1',
      level: 'purge',
      method: 'nvme_sanitize_crypto_erase',
      result: 'pass',
    }).expect(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['tool', 'verification', 'performedBy', 'destination']),
    );
  });
});
