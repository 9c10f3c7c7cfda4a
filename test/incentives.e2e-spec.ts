import { nextPeriod, periodOf } from '@recert/incentives';
import { IncentiveClock } from '../apps/api/src/incentives/incentive-clock';
import { grade, programmeTerms, sanitize, testResult, validate } from './support/evidence';
import { isProblem, tamperAsOwner, TestApp, TestUser } from './support/test-app';
import { manifestUnit } from './support/units';

const DAY = 86_400_000;

/**
 * The issue's programme: €5 per certified sale, tiers <50 ×1.0, 50–199 ×1.2, ≥200 ×1.5, retroactive over the
 * month's volume; claims within 30 days of the month, refunds clawed back within 90 days of the sale.
 */
const rebate = (code: string, effectiveFrom: Date) => ({
  code,
  name: 'Certified resale rebate',
  qualifyingEvents: ['certified_sale'],
  filters: { brands: ['HP'], deviceClasses: ['notebook'] },
  period: 'monthly',
  rule: {
    kind: 'tiered',
    amount: '5.00',
    tiers: [
      { minUnits: 0, multiplier: '1.0' },
      { minUnits: 50, multiplier: '1.2' },
      { minUnits: 200, multiplier: '1.5' },
    ],
  },
  currency: 'EUR',
  claimWindowDays: 30,
  clawbackWindowDays: 90,
  reversingEvents: ['refund'],
  effectiveFrom: effectiveFrom.toISOString(),
});

interface Partner {
  admin: TestUser;
  qa: TestUser;
  customerId: string;
}

describe('partner incentives paid from the audit trail', () => {
  let t: TestApp;
  let clock: IncentiveClock;
  let oem: TestUser;
  let certificationProgrammeId: string;
  let a: Partner;
  let b: Partner;
  let aUnits: string[];
  let bUnits: string[];
  let x: string;
  let y: string;
  const period = periodOf('monthly', new Date());
  const next = nextPeriod(period);
  /** Filing instants: four days after each period (inside its 30-day window). */
  const afterPeriod = new Date(period.end.getTime() + 4 * DAY);
  const afterNext = new Date(next.end.getTime() + 4 * DAY);
  let aClaimX: { id: string; reference: string };
  let aClaimY: { id: string; reference: string };

  const at = (instant: Date) => jest.spyOn(clock, 'now').mockReturnValue(instant);
  const bulk = async (key: string, deviceIds: string[], event: object) => {
    const response = await t.as(key).post('/devices/events').send({ deviceIds, event });
    if (response.status !== 200 || response.body.applied !== deviceIds.length)
      throw new Error(`${(event as { type: string }).type}: ${response.status} ${JSON.stringify(response.body).slice(0, 600)}`);
  };

  /** A partner licensed by the OEM for HP notebooks in France, from takeback to sale and RMA. */
  const newPartner = async (): Promise<Partner> => {
    const org = await t.newOrganisation('partner');
    const admin = await t.newUser('admin', org.id);
    const qa = await t.newUser('technician', org.id);
    const customerId = (await t.newOrganisation('customer')).id;
    await t.worksFor(org.id, customerId);
    await t
      .as(oem.key)
      .post('/licences')
      .send({
        partnerOrganisationId: org.id,
        programme: 'hp-certified-refurbished',
        status: 'active',
        validFrom: new Date(Date.now() - DAY).toISOString(),
        validTo: new Date(Date.now() + 365 * DAY).toISOString(),
        scope: { brands: ['HP'], deviceClasses: ['notebook'], markets: ['FR'] },
        capabilities: ['RECEIVE', 'SANITIZE', 'TEST', 'REPAIR', 'GRADE', 'CERTIFY', 'SELL_UNDER_BRAND', 'PROVIDE_WARRANTY', 'HANDLE_RMA'],
        quotas: [],
        survivesTermination: ['PROVIDE_WARRANTY', 'HANDLE_RMA'],
      })
      .expect(201);
    return { admin, qa, customerId };
  };

  /** `count` units the partner takes back, refurbishes, certifies and sells (one bulk request per step). */
  const soldUnits = async (partner: Partner, count: number): Promise<string[]> => {
    const devices = Array.from({ length: count }, () => manifestUnit({ brand: 'HP', model: 'EliteBook 840 G9' }));
    const takeback = await t
      .as(partner.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: partner.customerId, site: 'Partner dock', market: 'FR', devices })
      .expect(201);
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT d.id FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id WHERE l.takeback_id = $1 ORDER BY d.serial`,
      [takeback.body.id],
    );
    const ids = rows.map((r) => r.id);
    const key = partner.admin.key;
    await bulk(key, ids, { type: 'RECEIVE', site: 'Partner dock', sealIntact: true });
    await bulk(key, ids, { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] });
    await bulk(key, ids, sanitize());
    await bulk(partner.qa.key, ids, validate());
    await bulk(key, ids, testResult());
    await bulk(key, ids, grade());
    await bulk(key, ids, { type: 'CERTIFY', programmeId: certificationProgrammeId });
    await bulk(key, ids, { type: 'LIST', channel: 'web', market: 'FR', price: 399, currency: 'EUR' });
    await bulk(key, ids, { type: 'SELL', orderReference: 'SO-1', buyer: 'Acheteur SA', market: 'FR' });
    return ids;
  };

  /** Sold units come back and are refunded: each refund is an RMA_RESOLVED entry in the unit's trail. */
  const refund = async (partner: Partner, ids: string[]) => {
    await bulk(partner.admin.key, ids, { type: 'OPEN_CLAIM', symptom: 'no boot' });
    await bulk(partner.admin.key, ids, { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-1' });
    await bulk(partner.admin.key, ids, { type: 'RECEIVE_RMA', site: 'Partner dock' });
    for (const id of ids)
      await t.as(partner.admin.key).post(`/devices/${id}/rma-resolution`).send({ outcome: 'refunded', reference: 'CN-1' }).expect(200);
  };

  const file = (partner: Partner, programme: string, body: object) =>
    t.as(partner.admin.key).post(`/incentives/${programme}/claims`).send(body);
  const allLines = async (key: string, claimId: string) => {
    const lines: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<Record<string, unknown>>; nextCursor: string | null } } = await t
        .as(key)
        .get(`/incentive-claims/${claimId}/lines?limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      lines.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return lines;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    clock = t.app.get(IncentiveClock);
    const oemOrg = (
      await t
        .as(t.adminKey)
        .post('/organisations')
        .send({ name: 'HP Inc.', kind: 'oem', brands: ['HP'] })
        .expect(201)
    ).body;
    oem = await t.newUser('programme_manager', oemOrg.id);
    certificationProgrammeId = (
      await t
        .as(oem.key)
        .post('/programmes')
        .send({ code: 'hp-certified-refurbished', ...programmeTerms(['hp']) })
        .expect(201)
    ).body.id;
    a = await newPartner();
    b = await newPartner();
    aUnits = await soldUnits(a, 220);
    bUnits = await soldUnits(b, 3);
    x = (await t.as(oem.key).post('/incentives').send(rebate('resale-rebate-x', period.start)).expect(201)).body.id;
    y = (await t.as(oem.key).post('/incentives').send(rebate('resale-rebate-y', period.start)).expect(201)).body.id;
  }, 600_000);
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('220 certified sales → 220 × 5.00 × 1.5 = €1,650.00, one line per unit-event citing its audit entry', async () => {
    at(afterPeriod);
    const response = await file(a, x, { period: period.key });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'submitted',
      qualifyingUnits: 220,
      qualifyingMinor: 165_000,
      clawbackMinor: 0,
      totalMinor: 165_000,
    });
    expect(response.body.arithmetic).toContain('220 × 5.00 × 1.5 = 1,650.00');
    expect(response.body.transitions).toEqual([
      expect.objectContaining({ from: null, to: 'submitted', actor: expect.objectContaining({ userId: a.admin.id }) }),
    ]);
    aClaimX = response.body;
    const lines = await allLines(a.admin.key, aClaimX.id);
    expect(lines).toHaveLength(220);
    expect(lines.every((l) => l.kind === 'qualifying' && l.amountMinor === 750 && l.eventType === 'SELL')).toBe(true);
    const [cited] = await t.dataSource.query(`SELECT seq, hash FROM audit_events WHERE device_id = $1 AND event_type = 'SELL'`, [
      lines[0].deviceId,
    ]);
    expect({ seq: lines[0].seq, hash: lines[0].entryHash }).toEqual({ seq: cited.seq, hash: cited.hash });

    aClaimY = (await file(a, y, { period: period.key }).expect(201)).body;
    expect(aClaimY.reference).not.toBe(aClaimX.reference);
  });

  it('a second claim for the same period → 409 naming the first', async () => {
    at(afterPeriod);
    const again = await file(a, x, { period: period.key }).expect(409);
    isProblem(again);
    expect(again.body).toMatchObject({ type: expect.stringContaining('incentive-claim-exists'), reference: aClaimX.reference });
  });

  it('the same unit-event claimed by a second partner → refused with the first claim’s reference', async () => {
    at(afterPeriod);
    const response = await file(b, x, { period: period.key, deviceIds: [aUnits[0]] }).expect(409);
    isProblem(response);
    expect(response.body.claims).toEqual([{ deviceId: aUnits[0], reference: aClaimX.reference }]);
    expect(response.body.detail).toContain(aClaimX.reference);
  });

  it('a claim filed one day after its window → refused with the reason, nothing stored', async () => {
    at(new Date(period.end.getTime() + 31 * DAY));
    const late = await file(b, x, { period: period.key }).expect(422);
    isProblem(late);
    expect(late.body.reasons).toEqual([expect.objectContaining({ code: 'claim-window-closed' })]);
    expect((await t.as(b.admin.key).get(`/incentives/${x}/claims`).expect(200)).body.items).toEqual([]);
  });

  it('two overlapping claims filed at once: one is stored, the other refused; no unit-event is in both', async () => {
    at(afterPeriod);
    const responses = await Promise.all([file(b, x, { period: period.key }), file(b, x, { period: period.key, deviceIds: bUnits })]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM incentive_claim_lines WHERE programme_id = $1 AND kind = 'qualifying' AND device_id = ANY($2::uuid[])`,
      [x, bUnits],
    );
    expect(n).toBe(3);
  });

  it('the OEM approves (evidence verifies) and pays; each step is recorded with its actor; a partner cannot review', async () => {
    const verification = await t.as(oem.key).get(`/incentive-claims/${aClaimX.id}/verification`).expect(200);
    expect(verification.body).toEqual({ ok: true, citedEntries: 220, units: 220, failures: [] });
    await t.as(a.admin.key).post(`/incentive-claims/${aClaimX.id}/approve`).expect(403);
    await t.as(oem.key).post(`/incentive-claims/${aClaimX.id}/pay`).send({ paymentReference: 'SEPA-1' }).expect(409);
    await t.as(oem.key).post(`/incentive-claims/${aClaimX.id}/approve`).expect(200);
    const paid = await t.as(oem.key).post(`/incentive-claims/${aClaimX.id}/pay`).send({ paymentReference: 'SEPA-2027-000123' }).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', paymentReference: 'SEPA-2027-000123' });
    expect(paid.body.transitions.map((s: { to: string; actor: { userId: string } }) => [s.to, s.actor.userId])).toEqual([
      ['submitted', a.admin.id],
      ['approved', oem.id],
      ['paid', oem.id],
    ]);
  });

  it('10 refunds inside the clawback window → the next statement shows −€75.00; the period recomputes to €1,575.00', async () => {
    await refund(a, aUnits.slice(0, 10));
    at(afterNext);
    const response = await file(a, x, { period: next.key }).expect(201);
    expect(response.body).toMatchObject({ qualifyingUnits: 0, qualifyingMinor: 0, clawbackMinor: -7_500, totalMinor: -7_500 });
    const lines = await allLines(a.admin.key, response.body.id);
    const clawbacks = lines.filter((l) => l.kind === 'clawback');
    expect(clawbacks).toHaveLength(10);
    expect(clawbacks.every((l) => l.amountMinor === -750 && l.eventType === 'RMA_RESOLVED' && l.adjustsClaimId === aClaimX.id)).toBe(true);
    expect(lines.find((l) => l.kind === 'tier_adjustment')).toMatchObject({
      amountMinor: 0,
      arithmetic: 'recomputed: 210 × 5.00 × 1.5 = 1,575.00; clawback 1,650.00 − 1,575.00 = 75.00',
    });
    // The paid claim is never edited.
    expect((await t.as(a.admin.key).get(`/incentive-claims/${aClaimX.id}`).expect(200)).body).toMatchObject({
      status: 'paid',
      totalMinor: 165_000,
    });
  });

  it('30 refunds instead → the tier drops to ×1.2 and the clawback is €510.00 (190 × 5.00 × 1.2 = 1,140.00)', async () => {
    await refund(a, aUnits.slice(10, 30));
    at(afterNext);
    const response = await file(a, y, { period: next.key }).expect(201);
    expect(response.body.clawbackMinor).toBe(-51_000);
    expect(response.body.arithmetic).toContain('recomputed: 190 × 5.00 × 1.2 = 1,140.00; clawback 1,650.00 − 1,140.00 = 510.00');
    const lines = await allLines(a.admin.key, response.body.id);
    // 30 × −7.50 for the refunded units, and 190 × (6.00 − 7.50) = −285.00 for the band's drop.
    expect(lines.filter((l) => l.kind === 'clawback').reduce((sum, l) => sum + (l.amountMinor as number), 0)).toBe(-22_500);
    expect(lines.find((l) => l.kind === 'tier_adjustment')?.amountMinor).toBe(-28_500);
  });

  it('scoping: a partner sees only its own claims and reports; the OEM sees every partner and its liability', async () => {
    const own = (await t.as(b.admin.key).get(`/incentives/${x}/claims`).expect(200)).body.items;
    expect(own.map((c: { partnerOrganisationId: string }) => c.partnerOrganisationId)).toEqual([b.admin.organisationId]);
    await t.as(b.admin.key).get(`/incentive-claims/${aClaimX.id}`).expect(404);
    await t.as(b.admin.key).get(`/incentive-claims/${aClaimX.id}/lines`).expect(404);
    await t.as(b.admin.key).get(`/incentives/${x}/report?partnerOrganisationId=${a.admin.organisationId}`).expect(404);
    const report = await t.as(oem.key).get(`/incentives/${x}/report`).expect(200);
    expect(new Set(report.body.items.map((i: { partnerOrganisationId: string }) => i.partnerOrganisationId)).size).toBe(2);
    const csv = await t.as(a.admin.key).get(`/incentives/${x}/report?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toContain('reference,partner,period');
    expect(csv.text).toContain(aClaimX.reference);
    expect(csv.text).not.toContain(b.admin.organisationId);

    expect((await t.as(a.admin.key).get('/incentive-liability').expect(200)).body.items).toEqual([]);
    const liability = await t.as(oem.key).get('/incentive-liability').expect(200);
    // Unpaid: Y's first claim (1,650.00), B's claim (3 × 5.00 = 15.00), both next-period clawbacks (−75.00, −510.00).
    expect(liability.body.totals).toEqual([{ currency: 'EUR', totalMinor: 165_000 + 1_500 - 7_500 - 51_000 }]);
    expect(liability.body.items.map((i: { reference: string }) => i.reference)).not.toContain(aClaimX.reference);

    const dashboard = await t.as(a.admin.key).get('/incentive-dashboard').expect(200);
    expect(dashboard.body).toMatchObject({ takebackUnits: 220, refurbishedSales: 220 });
    await t.as(a.admin.key).get(`/incentive-dashboard?partnerOrganisationId=${b.admin.organisationId}`).expect(404);

    // The baseline beside the volumes is the carbon ledger's partner report for the year the range ends in.
    const year = new Date(Date.parse(dashboard.body.to) - 1).getUTCFullYear();
    const carbon = (await t.as(a.admin.key).get(`/carbon/reports/partners/${a.admin.organisationId}?year=${year}`).expect(200)).body;
    expect(carbon.units).toBeGreaterThan(0);
    expect(dashboard.body.emissionsBaseline).toEqual({
      year,
      units: carbon.units,
      unit: 'kg CO2e',
      inventory: carbon.totals.inventory,
      avoided: carbon.totals.avoided,
      offsetsRetired: carbon.totals.offsetsRetired,
      factorSets: carbon.factorSets,
    });
    expect(dashboard.body.emissionsBaseline.inventory.kg).toBeGreaterThan(0);
    expect(dashboard.body.emissionsBaseline.factorSets.length).toBeGreaterThan(0);
    // The platform sees the same baseline; an OEM, which may not read a partner's carbon report, gets null.
    const platform = await t.as(t.adminKey).get(`/incentive-dashboard?partnerOrganisationId=${a.admin.organisationId}`).expect(200);
    expect(platform.body.emissionsBaseline).toEqual(dashboard.body.emissionsBaseline);
    const oemView = await t.as(oem.key).get(`/incentive-dashboard?partnerOrganisationId=${a.admin.organisationId}`).expect(200);
    expect(oemView.body).toMatchObject({ takebackUnits: 220, emissionsBaseline: null });
    // A year without carbon entries: the carbon report is all zeros, the dashboard's baseline null.
    const empty = (await t.as(a.admin.key).get(`/carbon/reports/partners/${a.admin.organisationId}?year=2001`).expect(200)).body;
    expect(empty).toMatchObject({ units: 0, factorSets: [], totals: { inventory: { kg: 0 }, avoided: { kg: 0 } } });
    const before = await t.as(a.admin.key).get('/incentive-dashboard?from=2001-01-01T00:00:00Z&to=2002-01-01T00:00:00Z').expect(200);
    expect(before.body).toMatchObject({ takebackUnits: 0, refurbishedSales: 0, emissionsBaseline: null });
  });

  it('a claim whose cited entry was tampered with cannot be approved', async () => {
    const lines = await allLines(oem.key, aClaimY.id);
    const victim = lines[5];
    await tamperAsOwner([
      [
        `UPDATE audit_events SET payload = jsonb_set(payload, '{buyer}', '"Someone else"') WHERE device_id = $1 AND seq = $2 AND event_type = 'SELL'`,
        [victim.deviceId, victim.seq],
      ],
    ]);
    const verification = await t.as(oem.key).get(`/incentive-claims/${aClaimY.id}/verification`).expect(200);
    expect(verification.body.ok).toBe(false);
    // Both the cited entry (re-hashed, it no longer matches) and the unit's chain say so; only the victim is named.
    expect(verification.body.failures.length).toBeGreaterThan(0);
    expect(verification.body.failures).toEqual(
      verification.body.failures.map(() => expect.objectContaining({ deviceId: victim.deviceId })),
    );
    const refused = await t.as(oem.key).post(`/incentive-claims/${aClaimY.id}/approve`).expect(422);
    isProblem(refused);
    expect(refused.body.type).toContain('claim-evidence-broken');
    expect((await t.as(oem.key).get(`/incentive-claims/${aClaimY.id}`).expect(200)).body.status).toBe('submitted');
    const rejected = await t
      .as(oem.key)
      .post(`/incentive-claims/${aClaimY.id}/reject`)
      .send({ reason: 'Evidence does not verify' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Evidence does not verify' });
  });

  it('refuses unknown vocabulary with 422 naming it, and a non-OEM programme with 403', async () => {
    const bad = await t
      .as(oem.key)
      .post('/incentives')
      .send({ ...rebate('bad', period.start), qualifyingEvents: ['sold_twice'], currency: 'XBT' })
      .expect(422);
    isProblem(bad);
    expect(bad.body.reasons.map((r: { field: string }) => r.field)).toEqual(['qualifyingEvents', 'currency']);
    await t.as(a.admin.key).post('/incentives').send(rebate('mine', period.start)).expect(403);
  });
});
