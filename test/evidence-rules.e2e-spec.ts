import { certify, grade, newProgramme, OS_LICENCE, programmeTerms, sanitize, testResult, validate } from './support/evidence';
import { pdfText } from './support/pdf';
import { isProblem, tamperAsOwner, TestApp } from './support/test-app';
import { auditCount, manifestUnit, newWorkshop, Workshop } from './support/units';

const DAY = 86_400_000;
type Reasons = Array<{ code: string; message: string }>;

/** Issue 11: rules that cannot be bypassed — each class of hole reproduced over HTTP, now refused. */
describe('evidence rules that cannot be bypassed', () => {
  let t: TestApp;
  let workshop: Workshop;
  let programmeId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    ({ programmeId } = await newProgramme(t));
  });
  afterAll(() => t.close());

  const newUnit = async (overrides: Record<string, unknown> = {}) => {
    const device = manifestUnit(overrides);
    await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', devices: [device] })
      .expect(201);
    return (await t.as(workshop.admin.key).get(`/devices?serial=${device.serial}`).expect(200)).body.items[0].id as string;
  };
  const operator = (id: string, event: object) => t.as(workshop.technician.key).post(`/devices/${id}/events`).send(event);
  const admin = (id: string, event: object) => t.as(workshop.admin.key).post(`/devices/${id}/events`).send(event);
  const sendAll = async (id: string, events: object[]) => {
    for (const event of events) {
      const response = (event as { type: string }).type === 'SANITIZE' ? await operator(id, event) : await admin(id, event);
      if (response.status !== 200)
        throw new Error(`${(event as { type: string }).type}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  /** A 422 evidence-rejected that leaves no entry; its reasons. */
  const refused = async (
    id: string,
    send: () => Promise<{ status: number; body: { type: string; reasons: Reasons } }>,
  ): Promise<Reasons> => {
    const before = await auditCount(t, id);
    const response = await send();
    expect({ status: response.status, type: response.body.type }).toEqual({
      status: 422,
      type: expect.stringMatching(/evidence-rejected$/),
    });
    isProblem(response as never);
    expect(await auditCount(t, id)).toBe(before);
    return response.body.reasons;
  };
  const receive = { type: 'RECEIVE', site: 'Dock 1', sealIntact: true };
  const locks = { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] };
  const certifiable = [receive, locks, sanitize(), validate(), testResult({}, { osLicence: OS_LICENCE }), grade()];

  describe('1 · closed vocabularies', () => {
    it('GRADE refuses a defect code and a zone the rubric does not know: 422 with the field path and the values allowed', async () => {
      const id = await newUnit();
      await sendAll(id, [receive, locks, sanitize(), validate(), testResult()]);
      const response = await admin(
        id,
        grade([
          { code: 'scratch', zone: 'lid', severity: 2 },
          { code: 'scracth', zone: 'lidd', severity: 1 },
        ]),
      );
      const reasons = await refused(id, async () => response);
      expect(reasons).toEqual([
        expect.objectContaining({
          code: 'defect-code-unknown',
          field: 'defects[1].code',
          allowed: expect.arrayContaining(['scratch', 'dent']),
        }),
        expect.objectContaining({
          code: 'zone-unknown',
          field: 'defects[1].zone',
          allowed: ['display', 'keyboard', 'palmrest', 'lid', 'bezel', 'base', 'ports'],
        }),
      ]);
      await admin(id, grade([{ code: 'scratch', zone: 'lid', severity: 2 }])).expect(200);
    });

    it('checks, claim codes, part kinds, methods and lock kinds are closed too', async () => {
      const id = await newUnit();
      await sendAll(id, [receive, locks]);
      // A typo would hide a reported lock from certification's lock rule.
      const lockKind = await refused(id, () => admin(id, { type: 'LOCK_CHECK', locks: [{ kind: 'bios_pasword', status: 'locked' }] }));
      expect(lockKind).toEqual([
        expect.objectContaining({
          code: 'lock-kind-unknown',
          field: 'locks[0].kind',
          allowed: expect.arrayContaining(['bios_password', 'mdm']),
        }),
      ]);
      const unknownCheck = await refused(id, () =>
        admin(id, { type: 'TEST_RESULT', measurements: [...testResult().measurements, { check: 'fingerprint', value: true }] }),
      );
      expect(unknownCheck).toEqual([
        expect.objectContaining({
          code: 'check-unknown',
          field: 'measurements[11].check',
          allowed: expect.arrayContaining(['battery_health_percent', 'camera']),
        }),
      ]);
      const method = await refused(id, () => operator(id, sanitize('M1', { method: 'format_c' })));
      expect(method).toEqual([
        expect.objectContaining({
          code: 'method-not-allowed',
          field: 'method',
          allowed: expect.arrayContaining(['nvme_sanitize_crypto_erase']),
        }),
      ]);
      await sendAll(id, [sanitize(), validate(), testResult({ keyboard: false })]);
      await admin(id, { type: 'START_REPAIR', reason: 'keys dead' }).expect(200);
      const part = await refused(id, () => admin(id, { type: 'COMPLETE_REPAIR', parts: [{ kind: 'keybaord', condition: 'genuine' }] }));
      expect(part).toEqual([
        expect.objectContaining({
          code: 'part-kind-unknown',
          field: 'parts[0].kind',
          allowed: expect.arrayContaining(['keyboard', 'ram']),
        }),
      ]);
      await admin(id, { type: 'COMPLETE_REPAIR', parts: [{ kind: 'keyboard', condition: 'genuine' }] }).expect(200);

      await sendAll(id, [
        testResult(),
        grade([{ code: 'scratch', zone: 'lid', severity: 2 }]),
        certify(programmeId),
        { type: 'LIST', channel: 'web', market: 'DE', price: 399, currency: 'EUR' },
        { type: 'SELL', orderReference: 'SO-V', buyer: 'Käufer GmbH', market: 'DE' },
      ]);
      const claim = await refused(id, () => admin(id, { type: 'OPEN_CLAIM', symptom: 'scratch', defectCode: 'scratch', zone: 'lidd' }));
      expect(claim).toEqual([expect.objectContaining({ code: 'zone-unknown', field: 'zone', allowed: expect.arrayContaining(['lid']) })]);
      const known = await admin(id, { type: 'OPEN_CLAIM', symptom: 'scratch', defectCode: 'scratch', zone: 'lid' }).expect(200);
      expect(known.body.evidence.assessment.recordedAtGrading).toBe(true);
    });
  });

  describe('2 · a failed operation reaches no level', () => {
    it('a failed SANITIZE answers, stores and shows no level; the certificate of the later wipe lists it as failed', async () => {
      const id = await newUnit();
      await sendAll(id, [receive]);
      const failed = await operator(id, sanitize('M1', { result: 'fail' })).expect(200);
      expect(failed.body.evidence).toEqual({ levelReached: null, policy: 'nist-800-88r2-ieee-2883@1' });
      const device = (await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200)).body;
      expect(JSON.stringify(device)).not.toContain('"level":"purge"');
      const history = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body;
      expect(history.find((e: { eventType: string }) => e.eventType === 'SANITIZE').payload).toEqual(
        expect.objectContaining({ result: 'fail', level: null, targetLevel: 'purge' }),
      );

      await operator(id, sanitize('M1', { method: 'nvme_sanitize_block_erase' })).expect(200);
      await admin(id, validate()).expect(200);
      const [certificate] = (await t.as(workshop.admin.key).get(`/devices/${id}/certificates/sanitization`).expect(200)).body;
      expect(certificate.sanitization).toEqual(
        expect.objectContaining({
          methodType: 'purge',
          method: 'nvme_sanitize_block_erase',
          failedAttempts: [expect.objectContaining({ method: 'nvme_sanitize_crypto_erase' })],
        }),
      );
      expect((await t.as(workshop.admin.key).get(`/devices/${id}/history/verify`).expect(200)).body.ok).toBe(true);
    });

    it('after a failed validation, the method validated is not accepted again on that medium (method-failed-before)', async () => {
      const id = await newUnit();
      await sendAll(id, [receive, sanitize()]);
      await admin(id, validate('M1', { result: 'fail' })).expect(200);
      const reasons = await refused(id, () => operator(id, sanitize()));
      expect(reasons.map((r) => r.code)).toEqual(['method-failed-before']);
      await operator(id, sanitize('M1', { method: 'nvme_sanitize_block_erase' })).expect(200);
    });
  });

  describe('4 · times that contradict the trail', () => {
    it('SELL dated 400 days before the unit was received is refused (dated-before-last-event); a sale dated ahead too (dated-in-future)', async () => {
      const id = await newUnit();
      await sendAll(id, [
        ...certifiable,
        certify(programmeId),
        { type: 'LIST', channel: 'web', market: 'DE', price: 399, currency: 'EUR' },
      ]);
      const sale = (soldAt: string) => ({ type: 'SELL', orderReference: 'SO-T', buyer: 'Käufer GmbH', market: 'DE', soldAt });
      const before = await refused(id, () => admin(id, sale(new Date(Date.now() - 400 * DAY).toISOString())));
      expect(before).toEqual([{ code: 'dated-before-last-event', message: expect.stringContaining('LIST') }]);
      const ahead = await refused(id, () => admin(id, sale(new Date(Date.now() + DAY).toISOString())));
      expect(ahead.map((r) => r.code)).toEqual(['dated-in-future']);
      await admin(id, sale(new Date(Date.now() + 60_000).toISOString())).expect(200);
    });

    it('every client-stated time is checked: receivedAt before the manifest, a wipe completed before the receipt', async () => {
      const id = await newUnit();
      expect(
        (await refused(id, () => admin(id, { ...receive, receivedAt: new Date(Date.now() - 30 * DAY).toISOString() }))).map((r) => r.code),
      ).toEqual(['dated-before-last-event']);
      expect(
        (await refused(id, () => admin(id, { ...receive, receivedAt: new Date(Date.now() + DAY).toISOString() }))).map((r) => r.code),
      ).toEqual(['dated-in-future']);
      const receivedAt = new Date(Date.now() + 1000).toISOString();
      await admin(id, { ...receive, receivedAt }).expect(200);
      const early = await refused(id, () => operator(id, sanitize('M1', { completedAt: new Date(Date.now() - DAY).toISOString() })));
      expect(early.map((r) => r.code)).toEqual(['dated-before-last-event']);
      await operator(id, sanitize('M1', { completedAt: new Date(Date.now() + 2000).toISOString() })).expect(200);
    });
  });

  describe('7 · listing and sale within the programme', () => {
    it('a certified unit is listed only in a market of its programme; a sale in another market than the listing needs a new listing', async () => {
      const id = await newUnit();
      await sendAll(id, [...certifiable, certify(programmeId)]);
      const outside = await refused(id, () => admin(id, { type: 'LIST', channel: 'web', market: 'US', price: 399, currency: 'USD' }));
      expect(outside).toEqual([{ code: 'market-not-in-programme', message: expect.stringContaining('sells only in FR, DE, not US') }]);
      await admin(id, { type: 'LIST', channel: 'web', market: 'DE', price: 399, currency: 'EUR' }).expect(200);
      const elsewhere = await refused(id, () => admin(id, { type: 'SELL', orderReference: 'SO-M', buyer: 'Acheteur SARL', market: 'FR' }));
      expect(elsewhere.map((r) => r.code)).toEqual(['market-not-listed']);
      await admin(id, { type: 'UNLIST', reason: 'moving to FR' }).expect(200);
      await admin(id, { type: 'LIST', channel: 'web', market: 'FR', price: 389, currency: 'EUR' }).expect(200);
      const sold = await admin(id, { type: 'SELL', orderReference: 'SO-M', buyer: 'Acheteur SARL', market: 'FR' }).expect(200);
      expect(sold.body.evidence.warranty).toEqual(expect.objectContaining({ market: 'FR', months: 12 }));
    });
  });

  describe('9 · a rubric per device class', () => {
    it('a server is graded under server-cosmetic@1 (no lid); a programme may not name a notebook rubric for its servers', async () => {
      const id = await newUnit({ deviceClass: 'server', model: 'ThinkSystem SR650' });
      await sendAll(id, [receive, locks, sanitize(), validate()]);
      const lid = await refused(id, () => admin(id, grade([{ code: 'scratch', zone: 'lid', severity: 1 }])));
      expect(lid).toEqual([
        expect.objectContaining({
          code: 'zone-unknown',
          field: 'defects[0].zone',
          allowed: expect.arrayContaining(['front-bezel', 'rack-ears']),
        }),
      ]);
      const notebookRubric = await refused(id, () => admin(id, grade([], { rubric: 'notebook-cosmetic@1' })));
      expect(notebookRubric.map((r) => r.code)).toEqual(['rubric-wrong-class']);
      const graded = await admin(id, grade([{ code: 'bent-ear', zone: 'rack-ears', severity: 3 }])).expect(200);
      // untested, so D in the end; the server rubric's rack-ear cap is on the record
      expect(graded.body.evidence).toEqual(
        expect.objectContaining({
          rubric: 'server-cosmetic@1',
          points: 6,
          reasoning: expect.arrayContaining(['severity 3 on the rack-ears caps the grade at C']),
        }),
      );

      const manager = (await newProgramme(t, ['Lenovo'])).manager;
      const oneRubric = await t
        .as(manager.key)
        .post('/programmes')
        .send({ code: 'one-rubric', ...programmeTerms(['lenovo'], { rubrics: undefined }) })
        .expect(400);
      expect(oneRubric.body.errors).toEqual([
        { path: 'rubric', messages: [expect.stringContaining('notebook-cosmetic@1 grades notebook, not server')] },
      ]);
      const wrong = await t
        .as(manager.key)
        .post('/programmes')
        .send({ code: 'wrong-rubric', ...programmeTerms(['lenovo'], { rubrics: { server: 'monitor-cosmetic@1' } }) })
        .expect(400);
      expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['rubrics.server']);
      await t
        .as(manager.key)
        .post('/programmes')
        .send({ code: 'per-class', ...programmeTerms(['lenovo'], { rubrics: { server: 'server-cosmetic@1' } }) })
        .expect(201);
    });
  });

  describe('10 · documents that show tampering', () => {
    it('the certificate JSON and PDF state whether they match the audit chain when served', async () => {
      const id = await newUnit();
      await sendAll(id, [receive, sanitize(), validate()]);
      const [valid] = (await t.as(workshop.admin.key).get(`/devices/${id}/certificates/sanitization`).expect(200)).body;
      expect(valid).toEqual(
        expect.objectContaining({ matchesAuditChain: true, auditChainProblem: null, auditChainCheckedAt: expect.any(String) }),
      );
      expect(await pdfText(await pdfOf(id))).toContain('Audit chain: matches');

      await tamperAsOwner([
        [
          `UPDATE audit_events SET payload = jsonb_set(payload, '{method}', '"overwrite"') WHERE device_id = $1 AND event_type = 'SANITIZE'`,
          [id],
        ],
      ]);

      const [tampered] = (await t.as(workshop.admin.key).get(`/devices/${id}/certificates/sanitization`).expect(200)).body;
      expect(tampered).toEqual(
        expect.objectContaining({ matchesAuditChain: false, auditChainProblem: expect.stringMatching(/^seq \d+: /) }),
      );
      const text = await pdfText(await pdfOf(id));
      expect(text).toContain('Audit chain: DOES NOT MATCH');
      expect(text).not.toContain('Audit chain: matches');
    });
  });

  const pdfOf = async (id: string): Promise<Buffer> =>
    (
      await t
        .as(workshop.admin.key)
        .get(`/devices/${id}/certificates/sanitization`)
        .set('accept', 'application/pdf')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
});
