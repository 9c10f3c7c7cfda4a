import { certify, newProgramme, programmeTerms, sendSteps, TO_CERTIFIABLE } from './support/evidence';
import { eventually, ownDatabase } from './support/own-database';
import { TestApp } from './support/test-app';
import { newUnits, newWorkshop, Workshop } from './support/units';

/** EXPIRE_WARRANTY sent by graphile-worker when the warranty ends — on a database of its own (see global setup). */
describe('warranty expiry, scheduled on PostgreSQL', () => {
  let t: TestApp;
  let database: { url: string; drop: () => Promise<void> };
  let workshop: Workshop;
  let programmeId: string;

  beforeAll(async () => {
    database = await ownDatabase();
    t = await TestApp.start({ RECERT_SCHEDULER: 'on', RECERT_SCHEDULER_POLL_MS: '200' }, database.url);
    process.env.RECERT_SCHEDULER = 'off';
    workshop = await newWorkshop(t);
    ({ programmeId } = await newProgramme(t, ['Lenovo'], {
      markets: [...programmeTerms([]).markets, { market: 'ZZ', warrantyMonths: 0, extendableToMonths: 0, doaDays: 0 }],
    }));
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  /**
   * A certified, listed unit, sold `soldInMs` after its listing in `market`. A sale cannot be dated before the
   * unit's trail (issue 11), so a warranty that ends about now is a sale now in ZZ, whose term is 0 months.
   */
  const sold = async (market = 'FR', soldInMs = 0) => {
    const [id] = (await newUnits(t, workshop, 1)).deviceIds;
    await sendSteps(t, id, TO_CERTIFIABLE, { operator: workshop.technician.key, validator: workshop.admin.key });
    await sendSteps(t, id, [certify(programmeId), { type: 'LIST', channel: 'web', market, price: 399, currency: 'EUR' }], {
      operator: workshop.admin.key,
      validator: workshop.admin.key,
    });
    const soldAt = new Date(Date.now() + soldInMs).toISOString();
    await sendSteps(t, id, [{ type: 'SELL', orderReference: 'SO-W', buyer: 'Acheteur SARL', market, soldAt }], {
      operator: workshop.admin.key,
      validator: workshop.admin.key,
    });
    return id;
  };
  const state = async (id: string) => (await t.as(workshop.admin.key).get(`/devices/${id}`).expect(200)).body.lifecycle;
  const job = async (lifecycleId: string) =>
    (
      await t.dataSource.query(`SELECT run_at, attempts FROM graphile_worker.jobs WHERE key = $1`, [`expire-warranty:${lifecycleId}`])
    )[0] as { run_at: Date; attempts: number } | undefined;

  it('schedules the expiry at the warranty’s end in the sale’s transaction', async () => {
    const id = await sold();
    const lifecycle = await state(id);
    const scheduled = await job(lifecycle.id);
    const history = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body;
    const endsAt = history.find((e: { eventType: string }) => e.eventType === 'SELL').payload.warranty.endsAt;
    expect(scheduled?.run_at.toISOString()).toBe(endsAt);
    expect(lifecycle.state).toBe('sold.warrantyActive');
  });

  it('expires a warranty that has ended, as the platform’s scheduler, in the unit’s trail', async () => {
    const id = await sold('ZZ');
    const expired = await eventually(async () => ((await state(id)).state === 'warrantyExpired' ? true : undefined));
    expect(expired).toBe(true);
    const history = (await t.as(workshop.admin.key).get(`/devices/${id}/history`).expect(200)).body;
    const last = history.at(-1);
    expect(last).toEqual(
      expect.objectContaining({
        eventType: 'EXPIRE_WARRANTY',
        toState: 'warrantyExpired',
        requestId: expect.stringMatching(/^warranty-expiry:/),
      }),
    );
    expect(last.actor).toEqual(expect.objectContaining({ role: 'admin', keyId: 'scheduler' }));
    expect((await t.as(workshop.admin.key).get(`/devices/${id}/history/verify`).expect(200)).body.ok).toBe(true);
  });

  it('a claim still open when the warranty ends is not cut short: the job looks again a day later', async () => {
    const id = await sold('ZZ', 3_000);
    await t.as(workshop.admin.key).post(`/devices/${id}/events`).send({ type: 'OPEN_CLAIM', symptom: 'fan noise' }).expect(200);
    const lifecycle = await state(id);
    const later = await eventually(async () => {
      const next = await job(lifecycle.id);
      return next && next.run_at.getTime() > Date.now() + 20 * 3_600_000 ? next : undefined;
    });
    expect(later.attempts).toBe(0);
    expect((await state(id)).state).toBe('sold.claimOpen');
  });
});
