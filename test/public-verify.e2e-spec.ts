import type { Response } from 'supertest';
import { newProgramme, sanitize, validate } from './support/evidence';
import { isProblem, tamperAsOwner, TestApp } from './support/test-app';
import { manifestUnit, newWorkshop } from './support/units';

/** Issue 10, item 11: public verification has a limit of its own and does not replay an unchanged trail again. */
describe('Public verification', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ RECERT_RATE_LIMIT: '100000' })));
  afterAll(() => t.close());

  it('answers the same on repeated calls, notices a change at once, and limits each address to 60 a minute', async () => {
    const workshop = await newWorkshop(t);
    await newProgramme(t);
    const unit = manifestUnit();
    await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices: [unit] })
      .expect(201);
    const id = (await t.as(workshop.admin.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items[0].id as string;
    await t.as(workshop.technician.key).post(`/devices/${id}/events`).send({ type: 'RECEIVE', site: 'Dock', sealIntact: true }).expect(200);
    await t.as(workshop.technician.key).post(`/devices/${id}/events`).send(sanitize()).expect(200);
    const { certificateId } = (await t.as(workshop.admin.key).post(`/devices/${id}/events`).send(validate()).expect(200)).body;

    for (let i = 0; i < 30; i++) expect((await t.http.get(`/verify/${certificateId}`).expect(200)).body.matchesAuditChain).toBe(true);
    // The replay is skipped for unchanged heads, the hash chain is not: a changed entry shows on the next call.
    await tamperAsOwner([
      [
        `UPDATE audit_events SET payload = jsonb_set(payload, '{method}', '"overwrite"') WHERE device_id = $1 AND event_type = 'SANITIZE'`,
        [id],
      ],
    ]);
    expect((await t.http.get(`/verify/${certificateId}`).expect(200)).body.matchesAuditChain).toBe(false);

    let limited;
    for (let i = 0; i < 40 && !limited; i++) {
      const response = await t.http.get(`/verify/${certificateId}`);
      if (response.status === 429) limited = response;
    }
    expect(limited).toBeDefined();
    isProblem(limited!);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Other public routes are not affected by this route's limit.
    await t.http.get('/health/live').expect(200);
  });

  it('pages a long trail: /history answers at most `limit` entries with a Link to the next page', async () => {
    const workshop = await newWorkshop(t);
    const unit = manifestUnit();
    await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock', devices: [unit] })
      .expect(201);
    const id = (await t.as(workshop.admin.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items[0].id as string;
    await t.as(workshop.technician.key).post(`/devices/${id}/events`).send({ type: 'RECEIVE', site: 'Dock', sealIntact: true }).expect(200);
    for (let i = 0; i < 5; i++)
      await t
        .as(workshop.technician.key)
        .post(`/devices/${id}/events`)
        .send({ type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] })
        .expect(200);
    const all = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body as Array<{ seq: number }>;
    expect(all).toHaveLength(7);
    const paged: Array<{ seq: number }> = [];
    let url: string | undefined = `/devices/${id}/history?limit=3`;
    let pages = 0;
    while (url) {
      const response: Response = await t.as(workshop.admin.key).get(url).expect(200);
      expect(response.body.length).toBeLessThanOrEqual(3);
      paged.push(...response.body);
      url = /<([^>]+)>; rel="next"/.exec(String(response.headers.link ?? ''))?.[1];
      pages++;
    }
    expect(pages).toBe(3);
    expect(paged.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    isProblem(await t.as(workshop.admin.key).get(`/devices/${id}/history?after=x`).expect(400));
    isProblem(await t.as(workshop.admin.key).get(`/devices/${id}/history?limit=5000`).expect(400));
  });
});
