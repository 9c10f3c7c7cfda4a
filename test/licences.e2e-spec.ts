import { isProblem, TestApp, TestUser } from './support/test-app';
import { grade, programmeTerms, sanitize, TO_CERTIFIABLE } from './support/evidence';
import { auditCount, manifestUnit } from './support/units';

const DAY = 86_400_000;
const ready = TO_CERTIFIABLE;
const receive = ready[0];

/** A partner licensed by an OEM for HP notebooks in France, up to CERTIFY, 3 certifications a month. */
describe('partner licences', () => {
  let t: TestApp;
  let oem: TestUser;
  let partner: TestUser;
  let partnerQa: TestUser;
  let certify: { type: string; programmeId: string };
  let otherPartner: TestUser;
  let customerId: string;
  let licenceId: string;
  let certified: string[] = [];
  const terms = () => ({
    status: 'active',
    validFrom: new Date(Date.now() - DAY).toISOString(),
    validTo: new Date(Date.now() + 365 * DAY).toISOString(),
    scope: { brands: ['HP'], deviceClasses: ['notebook'], markets: ['FR'] },
    capabilities: ['RECEIVE', 'SANITIZE', 'TEST', 'REPAIR', 'GRADE', 'CERTIFY'],
    quotas: [{ capability: 'CERTIFY', perMonth: 3 }],
    survivesTermination: ['PROVIDE_WARRANTY', 'HANDLE_RMA'],
  });

  beforeAll(async () => {
    t = await TestApp.start();
    const oemOrg = (
      await t
        .as(t.adminKey)
        .post('/organisations')
        .send({ name: 'HP Inc.', kind: 'oem', brands: ['HP'] })
        .expect(201)
    ).body;
    oem = await t.newUser('programme_manager', oemOrg.id);
    partner = await t.newUser('admin', (await t.newOrganisation('partner')).id);
    partnerQa = await t.newUser('technician', partner.organisationId);
    const programme = await t
      .as(oem.key)
      .post('/programmes')
      .send({ code: 'hp-certified-refurbished', ...programmeTerms(['hp']) })
      .expect(201);
    certify = { type: 'CERTIFY', programmeId: programme.body.id };
    otherPartner = await t.newUser('admin', (await t.newOrganisation('partner')).id);
    customerId = (await t.newOrganisation('customer')).id;
    await t.worksFor(partner.organisationId, customerId);
    const licence = await t
      .as(oem.key)
      .post('/licences')
      .send({ partnerOrganisationId: partner.organisationId, programme: 'hp-certified-refurbished', ...terms() });
    expect(licence.status).toBe(201);
    licenceId = licence.body.id;
  });
  afterAll(() => t.close());

  /** Units handed to the partner: a takeback it receives, in a market. */
  const units = async (count: number, market: string, overrides: Record<string, unknown> = {}) => {
    const devices = Array.from({ length: count }, () => manifestUnit({ brand: 'HP', model: 'EliteBook 840 G9', ...overrides }));
    await t
      .as(partner.key)
      .post('/takebacks')
      .send({ customerOrganisationId: customerId, site: 'Partner dock', market, devices })
      .expect(201);
    const ids = [];
    for (const d of devices) ids.push((await t.as(partner.key).get(`/devices?serial=${d.serial}`).expect(200)).body.items[0].id);
    return ids as string[];
  };
  /** The partner's admin operates; its QA technician validates sanitization (another person). */
  const send = (deviceId: string, event: object, key = partner.key) =>
    t
      .as((event as { type: string }).type === 'VALIDATE_SANITIZATION' && key === partner.key ? partnerQa.key : key)
      .post(`/devices/${deviceId}/events`)
      .send(event);
  const denial = async (deviceId: string, event: object) => {
    const before = await auditCount(t, deviceId);
    const response = await send(deviceId, event);
    expect(response.status).toBe(403);
    isProblem(response);
    expect(response.body.type).toMatch(/licence-denied$/);
    expect(await auditCount(t, deviceId)).toBe(before);
    return response.body.reasons.map((r: { code: string }) => r.code);
  };

  it('allows a licensed command and records the decision in the audit entry, under the hash chain', async () => {
    const [unit] = await units(1, 'FR');
    await send(unit, receive).expect(200);
    const history = await t.as(partner.key).get(`/devices/${unit}/history`).expect(200);
    expect(history.body[1].licenceDecision).toEqual({ licenceId, version: 1, capability: 'RECEIVE', allowed: true });
    expect((await t.as(partner.key).get(`/devices/${unit}/history/verify`).expect(200)).body.ok).toBe(true);
  });

  it('refuses another brand, a server, another market — each with its reason — and logs the attempts', async () => {
    const [lenovo] = await units(1, 'FR', { brand: 'Lenovo', model: 'ThinkPad T14' });
    const [server] = await units(1, 'FR', { deviceClass: 'server', model: 'ProLiant DL380' });
    const [germany] = await units(1, 'DE');
    expect(await denial(lenovo, receive)).toEqual(['brand-not-licensed']);
    expect(await denial(server, receive)).toEqual(['device-class-not-licensed']);
    expect(await denial(germany, receive)).toEqual(['market-not-licensed']);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM security_events WHERE device_id = ANY($1::uuid[]) AND kind = 'licence-denied'`,
      [[lenovo, server, germany]],
    );
    expect(n).toBe(3);
  });

  it('with a quota of 3, six concurrent certifications: exactly 3 succeed', async () => {
    const batch = await units(6, 'FR');
    for (const unit of batch) for (const event of ready) await send(unit, event).expect(200);
    const responses = await Promise.all(batch.map((unit) => send(unit, certify)));
    certified = batch.filter((_, i) => responses[i].status === 200);
    expect(certified).toHaveLength(3);
    for (const refused of responses.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(403);
      expect(refused.body.reasons.map((r: { code: string }) => r.code)).toEqual(['quota-exhausted']);
    }
    const [{ used }] = await t.dataSource.query(`SELECT used FROM licence_quota_usage WHERE licence_id = $1 AND capability = 'CERTIFY'`, [
      licenceId,
    ]);
    expect(used).toBe(3);
  });

  it('refuses selling under the brand, which the licence does not grant', async () => {
    expect(certified.length).toBeGreaterThan(0);
    expect(await denial(certified[0], { type: 'LIST', channel: 'web', market: 'FR', price: 399, currency: 'EUR' })).toEqual([
      'capability-not-licensed',
    ]);
  });

  it('a suspension takes effect on the next request, and so does reactivation', async () => {
    const [a, b] = await units(2, 'FR');
    await t.as(oem.key).post(`/licences/${licenceId}/status`).send({ status: 'suspended', reason: 'audit finding 7' }).expect(200);
    expect(await denial(a, receive)).toEqual(['licence-not-active']);
    const reactivated = await t
      .as(oem.key)
      .post(`/licences/${licenceId}/status`)
      .send({ status: 'active', reason: 'finding closed' })
      .expect(200);
    expect(reactivated.body.versions.map((v: { status: string }) => v.status)).toEqual(['active', 'suspended', 'active']);
    await send(b, receive).expect(200);
  });

  it('refuses once the validity has ended', async () => {
    const [unit] = await units(1, 'FR');
    const expired = {
      ...terms(),
      validFrom: new Date(Date.now() - 10 * DAY).toISOString(),
      validTo: new Date(Date.now() - DAY).toISOString(),
    };
    await t.as(oem.key).post(`/licences/${licenceId}/versions`).send(expired).expect(201);
    expect(await denial(unit, receive)).toEqual(['licence-expired']);
    await t.as(oem.key).post(`/licences/${licenceId}/versions`).send(terms()).expect(201);
    await send(unit, receive).expect(200);
  });

  it('only the issuing OEM changes a licence; another partner does not see it', async () => {
    await t.as(partner.key).post(`/licences/${licenceId}/status`).send({ status: 'active', reason: 'self-service' }).expect(403);
    await t.as(partner.key).get(`/licences/${licenceId}`).expect(200);
    await t.as(otherPartner.key).get(`/licences/${licenceId}`).expect(404);
    const listed = await t.as(otherPartner.key).get('/licences').expect(200);
    expect(listed.body.items.map((l: { id: string }) => l.id)).not.toContain(licenceId);
  });

  it('the OEM sees the units of its brand in partners’ custody, and no others', async () => {
    const [hp] = await units(1, 'FR');
    const [lenovo] = await units(1, 'FR', { brand: 'Lenovo', model: 'ThinkPad T14' });
    await t.as(oem.key).get(`/devices/${hp}`).expect(200);
    await t.as(oem.key).get(`/devices/${lenovo}`).expect(404);
  });

  it('reports usage: commands per capability, certifications against the quota, denials by reason', async () => {
    const usage = await t.as(oem.key).get(`/licences/${licenceId}/usage`).expect(200);
    const count = (list: Array<{ key: string; count: number }>, key: string) => list.find((e) => e.key === key)?.count ?? 0;
    expect(count(usage.body.handled, 'RECEIVE')).toBeGreaterThan(0);
    expect(count(usage.body.handled, 'CERTIFY')).toBe(3);
    expect(usage.body.certified).toEqual([expect.objectContaining({ brand: 'hp', used: 3, limit: 3 })]);
    for (const reason of ['brand-not-licensed', 'quota-exhausted', 'licence-not-active', 'licence-expired', 'capability-not-licensed']) {
      expect(count(usage.body.denials, reason)).toBeGreaterThan(0);
    }
  });

  it('counts handled commands from hourly counters and the trail at the ragged ends: the same as counting the trail', async () => {
    const fromTrail = async (from: Date, to: Date) =>
      (await t.dataSource.query(
        `SELECT licence_decision->>'capability' AS key, count(*)::int AS count FROM audit_events
          WHERE licence_decision->>'licenceId' = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1 ORDER BY 1`,
        [licenceId, from, to],
      )) as Array<{ key: string; count: number }>;
    const now = Date.now();
    const periods = [
      [now - 90 * 60_000, now + 90 * 60_000], // whole hours in the middle, ragged ends
      [now - 10 * 60_000, now + 10 * 60_000], // under an hour: the trail's index alone
      [Math.floor(now / 3_600_000) * 3_600_000, Math.ceil(now / 3_600_000 + 1) * 3_600_000], // whole hours only
    ].map(([from, to]) => [new Date(from), new Date(to)]);
    for (const [from, to] of periods) {
      const usage = await t.as(oem.key).get(`/licences/${licenceId}/usage?from=${from.toISOString()}&to=${to.toISOString()}`).expect(200);
      const expected = await fromTrail(from, to);
      expect(expected.length).toBeGreaterThan(0);
      expect(usage.body.handled).toEqual(expected);
    }
  });

  it('after termination, warranty duties on units already sold go on where the licence says so; nothing else does', async () => {
    const seller = await t.newUser('admin', (await t.newOrganisation('partner')).id);
    await t.worksFor(seller.organisationId, customerId);
    const sellerQa = await t.newUser('technician', seller.organisationId);
    const full = await t
      .as(oem.key)
      .post('/licences')
      .send({
        partnerOrganisationId: seller.organisationId,
        programme: 'hp-certified-refurbished',
        ...terms(),
        quotas: [],
        capabilities: ['RECEIVE', 'SANITIZE', 'TEST', 'REPAIR', 'GRADE', 'CERTIFY', 'SELL_UNDER_BRAND', 'PROVIDE_WARRANTY', 'HANDLE_RMA'],
      })
      .expect(201);
    const devices = [manifestUnit({ brand: 'HP', model: 'EliteBook 840 G9' }), manifestUnit({ brand: 'HP', model: 'EliteBook 840 G9' })];
    await t.as(seller.key).post('/takebacks').send({ customerOrganisationId: customerId, site: 'Dock', market: 'FR', devices }).expect(201);
    const [sold, fresh] = await Promise.all(
      devices.map(async (d) => (await t.as(seller.key).get(`/devices?serial=${d.serial}`).expect(200)).body.items[0].id),
    );
    for (const event of [
      ...ready,
      certify,
      { type: 'LIST', channel: 'web', market: 'FR', price: 399, currency: 'EUR' },
      { type: 'SELL', orderReference: 'SO-9', buyer: 'Client SARL', market: 'FR', warrantyMonths: 12 },
    ]) {
      await send(sold, event, event.type === 'VALIDATE_SANITIZATION' ? sellerQa.key : seller.key).expect(200);
    }
    await t.as(oem.key).post(`/licences/${full.body.id}/status`).send({ status: 'terminated', reason: 'contract ended' }).expect(200);
    await send(sold, { type: 'OPEN_CLAIM', symptom: 'battery drains' }, seller.key).expect(200);
    await send(sold, { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-9' }, seller.key).expect(200);
    const refused = await send(fresh, receive, seller.key);
    expect(refused.status).toBe(403);
    expect(refused.body.reasons.map((r: { code: string }) => r.code)).toEqual(['licence-not-active']);
  });

  it('enforces the licence’s requirements on the event that concerns them', async () => {
    await t
      .as(oem.key)
      .post(`/licences/${licenceId}/versions`)
      .send({ ...terms(), requirements: { minimumSanitizationLevel: 'purge', allowedGrades: ['A'] } })
      .expect(201);
    const [unit] = await units(1, 'FR');
    for (const event of ready.slice(0, 2)) await send(unit, event).expect(200);
    expect(await denial(unit, sanitize('M1', { level: 'clear', method: 'overwrite' }))).toEqual(['sanitization-below-minimum']);
    for (const event of [...ready.slice(2, 5), grade([{ code: 'scratch', zone: 'lid', severity: 2 }])]) await send(unit, event).expect(200);
    expect(await denial(unit, certify)).toEqual(expect.arrayContaining(['grade-not-allowed']));
  });

  it('certifies only under the programme the licence is for', async () => {
    const renew = await t
      .as(oem.key)
      .post('/programmes')
      .send({ code: 'hp-renew', ...programmeTerms(['hp']) })
      .expect(201);
    const [unit] = await units(1, 'FR');
    for (const event of ready) await send(unit, event).expect(200);
    expect(await denial(unit, { type: 'CERTIFY', programmeId: renew.body.id })).toContain('programme-not-licensed');
  });

  it('logs denials without waiting on the pool it holds: 12 concurrent denials on a pool of 2 all answer', async () => {
    const [lenovo] = await units(1, 'FR', { brand: 'Lenovo', model: 'ThinkPad T14' });
    const small = await TestApp.start({ DB_POOL_SIZE: '2' });
    try {
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => small.as(partner.key).post(`/devices/${lenovo}/events`).send(receive)),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(403));
    } finally {
      await small.close();
      delete process.env.DB_POOL_SIZE;
    }
  });
});
