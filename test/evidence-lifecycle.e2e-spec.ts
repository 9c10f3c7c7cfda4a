import { certify, grade, newProgramme, OS_LICENCE, programmeTerms, sanitize, senderKey, testResult, validate } from './support/evidence';
import { isProblem, TestApp } from './support/test-app';
import { auditCount, manifestUnit, newUnits, newWorkshop, Workshop } from './support/units';

const DAY = 86_400_000;
type Reasons = Array<{ code: string; message: string }>;

/** Evidence over HTTP: the suite judges tests, the rubric computes grades, the programme decides certification and warranty. */
describe('evidence through the lifecycle', () => {
  let t: TestApp;
  let workshop: Workshop;
  let programmeId: string;
  let manager: { key: string };

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    ({ programmeId, manager } = await newProgramme(t));
  });
  afterAll(() => t.close());

  const send = (id: string, event: object) => t.as(senderKey(workshop, event)).post(`/devices/${id}/events`).send(event);
  const sendAll = async (id: string, events: object[]) => {
    for (const event of events) {
      const response = await send(id, event);
      if (response.status !== 200)
        throw new Error(`${(event as { type: string }).type}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  const unit = async () => (await newUnits(t, workshop, 1)).deviceIds[0];
  const refused = async (id: string, event: object, type = 'evidence-rejected'): Promise<Reasons> => {
    const before = await auditCount(t, id);
    const response = await send(id, event);
    expect({ status: response.status, type: response.body.type }).toEqual({
      status: 422,
      type: expect.stringMatching(new RegExp(`${type}$`)),
    });
    isProblem(response);
    expect(await auditCount(t, id)).toBe(before);
    return response.body.reasons;
  };
  const received = [
    { type: 'RECEIVE', site: 'Dock 1', sealIntact: true },
    { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
  ];
  const wiped = [sanitize(), validate()];

  it('a notebook through the certified path to sale; a claim judged against its grading; the RMA re-enters as a new lifecycle', async () => {
    const id = await unit();
    await sendAll(id, [...received, ...wiped]);
    const tested = await send(id, testResult({}, { osLicence: OS_LICENCE })).expect(200);
    expect(tested.body.evidence).toEqual(expect.objectContaining({ suite: 'notebook-standard@1', result: 'pass', failed: [] }));
    const graded = await send(
      id,
      grade([{ code: 'scratch', zone: 'lid', severity: 2, photos: ['photo://lid-1.jpg'] }], { photos: ['photo://front.jpg'] }),
    ).expect(200);
    expect(graded.body.evidence).toEqual(
      expect.objectContaining({
        rubric: 'notebook-cosmetic@1',
        grade: 'B',
        programmeGrade: 'Excellent',
        functionalCode: 'F5',
        cosmeticCode: 'C6',
        points: 3,
      }),
    );
    const certified = await send(id, certify(programmeId)).expect(200);
    expect(certified.body).toEqual(
      expect.objectContaining({
        state: 'certified',
        evidence: expect.objectContaining({ programme: 'certified-refurbished@1', grade: 'B', programmeGrade: 'Excellent' }),
      }),
    );
    await send(id, { type: 'LIST', channel: 'web', market: 'DE', price: 499, currency: 'EUR' }).expect(200);

    expect(
      (await refused(id, { type: 'SELL', orderReference: 'SO-1', buyer: 'Käufer GmbH', market: 'DE', warrantyMonths: 36 })).map(
        (r) => r.code,
      ),
    ).toEqual(['warranty-out-of-terms']);
    expect((await refused(id, { type: 'SELL', orderReference: 'SO-1', buyer: 'Buyer Inc', market: 'US' })).map((r) => r.code)).toEqual([
      'market-not-listed',
      'market-not-in-programme',
    ]);
    const tomorrow = new Date(Date.now() + DAY).toISOString();
    expect(
      (await refused(id, { type: 'SELL', orderReference: 'SO-1', buyer: 'Käufer GmbH', market: 'DE', soldAt: tomorrow })).map(
        (r) => r.code,
      ),
    ).toEqual(['dated-in-future']);
    const sold = await send(id, { type: 'SELL', orderReference: 'SO-1', buyer: 'Käufer GmbH', market: 'DE', warrantyMonths: 24 }).expect(
      200,
    );
    const { warranty } = sold.body.evidence;
    expect(warranty).toEqual(expect.objectContaining({ months: 24, programme: 'certified-refurbished@1', market: 'DE' }));
    const start = new Date(warranty.startsAt);
    expect(new Date(warranty.endsAt).getUTCFullYear()).toBe(start.getUTCFullYear() + 2);
    expect(new Date(warranty.doaEndsAt).getTime() - start.getTime()).toBe(14 * DAY);
    expect((await refused(id, { type: 'EXPIRE_WARRANTY' })).map((r) => r.code)).toEqual(['warranty-not-due']);

    const known = await send(id, { type: 'OPEN_CLAIM', symptom: 'scratch on the lid', defectCode: 'scratch', zone: 'lid' }).expect(200);
    expect(known.body.evidence.assessment).toEqual(
      expect.objectContaining({
        recordedAtGrading: true,
        recordedAtTest: false,
        withinDoa: true,
        gradedDefects: [expect.objectContaining({ code: 'scratch', zone: 'lid', severity: 2 })],
      }),
    );
    await send(id, { type: 'REJECT_CLAIM', reason: 'cosmetic defect disclosed at sale (grade B)' }).expect(200);
    const unknown = await send(id, {
      type: 'OPEN_CLAIM',
      symptom: 'keys do not register',
      defectCode: 'dead-key',
      zone: 'keyboard',
    }).expect(200);
    expect(unknown.body.evidence.assessment).toEqual(expect.objectContaining({ recordedAtGrading: false, recordedAtTest: false }));
    await send(id, { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-77' }).expect(200);
    const back = await send(id, { type: 'RECEIVE_RMA', site: 'Dock 2' }).expect(200);
    expect(back.body.nextLifecycle).toEqual(expect.objectContaining({ state: 'received' }));
    const device = await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200);
    expect(device.body.lifecycle).toEqual(expect.objectContaining({ number: 2, state: 'received' }));
    expect(device.body.lifecycle.evidence.media).toEqual([expect.objectContaining({ serial: 'M1', status: 'pending' })]);
    expect((await t.as(workshop.admin.key).get(`/devices/${id}/certificates/sanitization`).expect(200)).body).toEqual([]);
    const first = (await t.as(workshop.admin.key).get(`/devices/${id}/certificates/sanitization?lifecycle=1`).expect(200)).body;
    expect(first).toEqual([expect.objectContaining({ outcome: 'sanitized', medium: expect.objectContaining({ serial: 'M1' }) })]);
    await t.as(workshop.admin.key).get(`/devices/${id}/certificates/sanitization?lifecycle=0`).expect(400);

    const history = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body as Array<{
      eventType: string;
      payload: Record<string, unknown>;
    }>;
    const entry = (type: string) => history.find((e) => e.eventType === type)!.payload;
    expect(entry('TEST_RESULT')).toEqual(expect.objectContaining({ suite: 'notebook-standard@1', result: 'pass', osLicence: OS_LICENCE }));
    expect(entry('GRADE')).toEqual(
      expect.objectContaining({
        rubric: 'notebook-cosmetic@1',
        grade: 'B',
        photos: ['photo://front.jpg'],
        defects: [expect.objectContaining({ photos: ['photo://lid-1.jpg'] })],
      }),
    );
    expect(entry('SANITIZE')).toEqual(
      expect.objectContaining({
        level: 'purge',
        targetLevel: 'purge',
        policy: 'nist-800-88r2-ieee-2883@1',
        performedBy: expect.objectContaining({ name: 'Ana Lima' }),
      }),
    );
    expect(entry('CERTIFY')).toEqual(expect.objectContaining({ programmeId, programme: 'certified-refurbished@1', programmeVersion: 1 }));
    expect((await t.as(workshop.admin.key).get(`/devices/${id}/history/verify`).expect(200)).body).toEqual(
      expect.objectContaining({ ok: true, lifecycles: 2 }),
    );
  });

  it('a unit keeps the programme version it was certified under when the programme changes', async () => {
    const id = await unit();
    await sendAll(id, [...received, ...wiped, testResult(), grade(), certify(programmeId)]);
    await t
      .as(manager.key)
      .post(`/programmes/${programmeId}/versions`)
      .send(programmeTerms(['lenovo'], { markets: [{ market: 'DE', warrantyMonths: 24, extendableToMonths: 36, doaDays: 30 }] }))
      .expect(201);
    await send(id, { type: 'LIST', channel: 'web', market: 'DE', price: 450, currency: 'EUR' }).expect(200);
    const sold = await send(id, { type: 'SELL', orderReference: 'SO-2', buyer: 'Käufer GmbH', market: 'DE' }).expect(200);
    expect(sold.body.evidence.warranty).toEqual(expect.objectContaining({ months: 12, programme: 'certified-refurbished@1' }));
    const later = await unit();
    await sendAll(later, [...received, ...wiped, testResult(), grade()]);
    expect((await send(later, certify(programmeId)).expect(200)).body.evidence.programme).toBe('certified-refurbished@2');
  });

  it('units taken back under a programme are processed under its version at intake, whatever the edits after', async () => {
    const own = await newProgramme(t);
    const intake = async () => {
      const devices = [manifestUnit(), manifestUnit({ brand: 'HP', model: 'EliteBook 840' })];
      const takeback = await t
        .as(workshop.admin.key)
        .post('/takebacks')
        .send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', programmeId: own.programmeId, devices })
        .expect(201);
      const ids = [];
      for (const d of devices)
        ids.push(
          (await t.as(workshop.admin.key).get(`/devices?serial=${d.serial}&brand=${d.brand}`).expect(200)).body.items[0].id as string,
        );
      return { takeback: takeback.body, ids };
    };
    const first = await intake();
    expect(first.takeback).toEqual(expect.objectContaining({ programmeId: own.programmeId, programmeVersion: 1 }));
    const [lenovo, hp] = await Promise.all(
      first.ids.map(async (id) => (await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200)).body.lifecycle),
    );
    expect([lenovo.programmeId, lenovo.programmeVersion, hp.programmeId]).toEqual([own.programmeId, 1, null]);

    await t
      .as(own.manager.key)
      .post(`/programmes/${own.programmeId}/versions`)
      .send(programmeTerms(['lenovo'], { certifiableGrades: ['A'] }))
      .expect(201);
    const gradeB = grade([{ code: 'scratch', zone: 'lid', severity: 2 }]);
    await sendAll(first.ids[0], [...received, ...wiped, testResult(), gradeB]);
    expect((await send(first.ids[0], certify(own.programmeId)).expect(200)).body.evidence.programme).toBe('certified-refurbished@1');

    const second = await intake();
    expect(second.takeback.programmeVersion).toBe(2);
    await sendAll(second.ids[0], [...received, ...wiped, testResult(), gradeB]);
    expect((await refused(second.ids[0], certify(own.programmeId), 'certification-refused')).map((r) => r.code)).toEqual([
      'grade-not-certifiable',
    ]);
    const unknown = await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({
        customerOrganisationId: workshop.customerId,
        site: 'Dock 1',
        programmeId: '00000000-0000-4000-8000-000000000000',
        devices: [manifestUnit()],
      });
    expect(unknown.status).toBe(404);
  });

  it('in bulk, each unit’s evidence is judged on its own: one refusal does not stop the others', async () => {
    const ids = (await newUnits(t, workshop, 3)).deviceIds;
    for (const id of ids.slice(0, 2)) await sendAll(id, [...received, sanitize()]);
    await sendAll(ids[2], received);
    await t.as(workshop.admin.key).post(`/devices/${ids[2]}/events`).send(sanitize()).expect(200);
    const bulk = await t.as(workshop.admin.key).post('/devices/events').send({ deviceIds: ids, event: validate() }).expect(200);
    expect(bulk.body.outcomes.map((o: { status: number }) => o.status)).toEqual([200, 200, 422]);
    expect(bulk.body.outcomes[0].result.certificateId).toEqual(expect.any(String));
    expect(bulk.body.outcomes[2].problem.reasons.map((r: { code: string }) => r.code)).toEqual(['validator-is-operator']);
  });

  it('a locked unit is quarantined, and released with evidence', async () => {
    const id = await unit();
    await sendAll(id, [received[0]]);
    const locked = await send(id, {
      type: 'LOCK_CHECK',
      locks: [
        { kind: 'absolute_computrace', status: 'locked', detail: 'persistence module active' },
        { kind: 'bios_password', status: 'clear' },
      ],
    }).expect(200);
    expect(locked.body.state).toBe('quarantine');
    expect(locked.body.allowedEvents).toEqual(expect.arrayContaining(['RELEASE_LOCK', 'HARVEST', 'SEND_TO_RECYCLER']));
    await send(id, { type: 'RELEASE_LOCK', kind: 'absolute_computrace' }).expect(400);
    const released = await send(id, {
      type: 'RELEASE_LOCK',
      kind: 'absolute_computrace',
      evidence: 'Absolute release confirmation AR-5521',
    }).expect(200);
    expect(released.body.state).toBe('processing');
    const device = await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200);
    expect(device.body.lifecycle.regions.locks).toBe('cleared');
  });

  it('the suite decides: a failing battery fails the test; repair with recorded parts forces a retest, which passes', async () => {
    const id = await unit();
    await sendAll(id, received);
    const missing = await refused(id, {
      type: 'TEST_RESULT',
      measurements: testResult().measurements.filter((m) => m.check !== 'keyboard' && m.check !== 'battery_health_percent'),
    });
    expect(missing.map((r) => r.message)).toEqual([
      'required check battery_health_percent was not measured',
      'required check keyboard was not measured',
    ]);
    expect((await send(id, { type: 'TEST_RESULT', measurements: testResult().measurements, result: 'pass' })).status).toBe(400);
    const failed = await send(id, testResult({ battery_health_percent: 61 })).expect(200);
    expect(failed.body.evidence).toEqual(expect.objectContaining({ result: 'fail', failed: ['battery_health_percent'] }));
    expect(failed.body.evidence.checks).toContainEqual({ check: 'battery_health_percent', value: 61, rule: '≥ 80 %', passed: false });
    await send(id, { type: 'START_REPAIR', reason: 'battery below 80 %' }).expect(200);
    const repaired = await send(id, {
      type: 'COMPLETE_REPAIR',
      parts: [{ kind: 'battery', condition: 'genuine', serial: 'BAT-5B10W13930' }],
    }).expect(200);
    expect((await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200)).body.lifecycle.regions.condition).toBe('untested');
    expect(repaired.body.allowedEvents).toContain('TEST_RESULT');
    const passed = await send(id, testResult({ battery_health_percent: 100 })).expect(200);
    expect(passed.body.evidence.result).toBe('pass');
    expect((await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200)).body.lifecycle.regions.condition).toBe('passed');
  });

  it('computes a grade for each rubric rule, and REGRADE keeps the history with its reason', async () => {
    const id = await unit();
    await sendAll(id, [...received, testResult()]);
    const first = await send(id, grade()).expect(200);
    expect(first.body.evidence).toEqual(
      expect.objectContaining({ grade: 'A', points: 0, functionalCode: 'F6', cosmeticCode: 'C8', programmeGrade: 'Premium' }),
    );
    const cases: Array<[string, object[], Record<string, unknown>, string]> = [
      [
        'one light scratch: 1 point is still A',
        [{ code: 'scratch', zone: 'lid', severity: 1 }],
        { grade: 'A', points: 1, cosmeticCode: 'C7' },
        '1 points → A',
      ],
      [
        'points past 2 give B',
        [{ code: 'scratch', zone: 'palmrest', severity: 2 }],
        { grade: 'B', points: 4.5, programmeGrade: 'Excellent' },
        '4.5 points → B',
      ],
      [
        'points past 8 give C',
        [
          { code: 'dent', zone: 'lid', severity: 3 },
          { code: 'scratch', zone: 'keyboard', severity: 2 },
        ],
        { grade: 'C', points: 10.5, programmeGrade: 'Good' },
        '10.5 points → C',
      ],
      [
        'a severity-4 defect caps the grade at C',
        [{ code: 'crack', zone: 'base', severity: 4 }],
        { grade: 'C', points: 6 },
        'a severity-4 defect caps the grade at C',
      ],
      [
        'a display defect of severity 2 caps at C',
        [{ code: 'pressure-mark', zone: 'display', severity: 2 }],
        { grade: 'C', points: 6 },
        'severity 2 on the display caps the grade at C',
      ],
      [
        'points past 20 give D: not sold under the programme',
        [{ code: 'crack', zone: 'display', severity: 4 }],
        { grade: 'D', points: 24, programmeGrade: null, cosmeticCode: 'C2' },
        '24 points → D',
      ],
    ];
    let previous = 'A';
    for (const [reason, defects, expected, reasoning] of cases) {
      const response = await send(id, { type: 'REGRADE', defects, reason }).expect(200);
      expect({ reason, evidence: response.body.evidence }).toEqual({
        reason,
        evidence: expect.objectContaining({ ...expected, previousGrade: previous }),
      });
      expect(response.body.evidence.reasoning).toContain(reasoning);
      previous = response.body.evidence.grade;
    }
    expect((await send(id, { type: 'REGRADE', defects: [] })).status).toBe(400);
    const regrades = (
      (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body as Array<{
        eventType: string;
        payload: { reason?: string };
      }>
    ).filter((e) => e.eventType === 'REGRADE');
    expect(regrades.map((e) => e.payload.reason)).toEqual(cases.map(([reason]) => reason));

    const failing = await unit();
    await sendAll(failing, [...received, testResult({ keyboard: false })]);
    const graded = await send(failing, grade()).expect(200);
    expect(graded.body.evidence).toEqual(expect.objectContaining({ grade: 'D', functionalCode: 'F2' }));
    expect(graded.body.evidence.reasoning).toContain('functional test failed: grade D until it passes');
  });

  it('certification is refused with all its reasons at once', async () => {
    const id = await unit();
    await sendAll(id, [
      received[0],
      { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
      sanitize(),
      testResult({ display: false }),
    ]);
    const reasons = await refused(id, certify(programmeId), 'certification-refused');
    expect(reasons.map((r) => r.code)).toEqual(['medium-not-sanitized', 'test-not-passed', 'ungraded']);

    const { programmeId: strict } = await newProgramme(t, ['HP'], {
      certifiableGrades: ['A'],
      osLicenceRequired: true,
      deviceClasses: ['notebook'],
      testSuites: { notebook: 'notebook-standard@1' },
    });
    const other = await unit();
    await sendAll(other, [...received, ...wiped, testResult(), grade([{ code: 'scratch', zone: 'lid', severity: 2 }])]);
    const all = await refused(other, certify(strict), 'certification-refused');
    expect(all.map((r) => r.code)).toEqual(['brand-not-covered', 'grade-not-certifiable', 'os-licence-missing']);
    expect((await refused(other, certify('00000000-0000-4000-8000-000000000000'), 'certification-refused')).map((r) => r.code)).toEqual([
      'programme-unknown',
    ]);
    await send(other, certify(programmeId)).expect(200);
  });

  it('a claim outside the warranty window is refused, and the warranty may then expire', async () => {
    const id = await unit();
    const { programmeId: shortTerm } = await newProgramme(t, ['Lenovo'], {
      markets: [{ market: 'ZZ', warrantyMonths: 0, extendableToMonths: 0, doaDays: 0 }],
    });
    // A sale cannot be dated before the trail (issue 11): a warranty already over is a market whose term is 0 months.
    await sendAll(id, [
      ...received,
      ...wiped,
      testResult(),
      grade(),
      certify(shortTerm),
      { type: 'LIST', channel: 'web', market: 'ZZ', price: 399, currency: 'EUR' },
    ]);
    await send(id, { type: 'SELL', orderReference: 'SO-3', buyer: 'Käufer GmbH', market: 'ZZ' }).expect(200);
    const reasons = await refused(id, { type: 'OPEN_CLAIM', symptom: 'no display' });
    expect(reasons[0]).toEqual({ code: 'outside-warranty', message: expect.stringContaining('the warranty ended at') });
    await send(id, { type: 'EXPIRE_WARRANTY' }).expect(200);
  });

  it('a sale of an uncertified unit needs Purge on every medium: leaving the owner’s control', async () => {
    const id = await unit();
    await sendAll(id, [
      ...received,
      sanitize('M1', { level: 'clear', method: 'overwrite' }),
      validate(),
      testResult(),
      grade(),
      { type: 'DECLINE_CERTIFICATION', reason: 'sold as-is' },
      { type: 'LIST', channel: 'outlet', market: 'FR', price: 199, currency: 'EUR' },
    ]);
    const reasons = await refused(id, { type: 'SELL', orderReference: 'SO-4', buyer: 'Outlet', market: 'FR' });
    expect(reasons).toEqual([{ code: 'medium-below-required-level', message: 'M1 reached clear; purge is required here' }]);
  });
});
