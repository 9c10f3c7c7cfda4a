import { randomUUID } from 'node:crypto';
import { grade } from './support/evidence';
import { isProblem, TestApp } from './support/test-app';
import { auditCount, newUnits, newWorkshop, Workshop } from './support/units';

const receive = { type: 'RECEIVE', site: 'Dock 1', sealIntact: true };

describe('the command pipeline', () => {
  let t: TestApp;
  let workshop: Workshop;
  let units: string[];
  let next = 0;
  const freshUnit = () => units[next++];

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    units = (await newUnits(t, workshop, 12)).deviceIds;
  });
  afterAll(() => t.close());

  it('answers with the new state and the events this role may send next, and a strong ETag', async () => {
    const deviceId = freshUnit();
    const response = await t.as(workshop.technician.key).post(`/devices/${deviceId}/events`).send(receive).expect(200);
    expect(response.body).toEqual(
      expect.objectContaining({ event: 'RECEIVE', fromState: 'expected', state: 'received', version: 2, seq: 2 }),
    );
    expect(response.body.allowedEvents).toEqual([
      'LOCK_CHECK',
      'SANITIZE',
      'DESTROY_MEDIA',
      'TEST_RESULT',
      'GRADE',
      'HARVEST',
      'SEND_TO_RECYCLER',
    ]);
    expect(response.headers.etag).toMatch(/^"[0-9a-f-]{36}\.2"$/);
    const device = await t.as(workshop.technician.key).get(`/devices/${deviceId}`).expect(200);
    expect(device.headers.etag).toBe(response.headers.etag);
    await t.as(workshop.technician.key).get(`/devices/${deviceId}`).set('if-none-match', response.headers.etag).expect(304);
  });

  it('validates each event type: bad payload → 400 with field paths and nothing written', async () => {
    const deviceId = freshUnit();
    const before = await auditCount(t, deviceId);
    const bad = await t
      .as(workshop.admin.key)
      .post(`/devices/${deviceId}/events`)
      .send({ type: 'RECEIVE', site: '', sealIntact: 'yes', colour: 'red' });
    expect(bad.status).toBe(400);
    isProblem(bad);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'sealIntact', 'site']);
    const unknown = await t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).send({ type: 'TELEPORT' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('type');
    expect(await auditCount(t, deviceId)).toBe(before);
  });

  it('refuses an event the role may not send (403), and hides units of other organisations (404)', async () => {
    const deviceId = freshUnit();
    const resale = await t.newUser('resale', workshop.admin.organisationId);
    await t.as(resale.key).post(`/devices/${deviceId}/events`).send(receive).expect(403);
    const stranger = await t.newUser('admin');
    const hidden = await t.as(stranger.key).post(`/devices/${deviceId}/events`).send(receive);
    expect(hidden.status).toBe(404);
    await t.as(stranger.key).get(`/devices/${deviceId}`).expect(404);
    const missing = await t.as(stranger.key).get(`/devices/${randomUUID()}`);
    expect(missing.body.detail).toBe(hidden.body.detail);
  });

  it('answers 412 when If-Match is stale, and writes nothing', async () => {
    const deviceId = freshUnit();
    const first = await t.as(workshop.admin.key).get(`/devices/${deviceId}`).expect(200);
    await t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).set('if-match', first.headers.etag).send(receive).expect(200);
    const before = await auditCount(t, deviceId);
    const stale = await t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).set('if-match', first.headers.etag).send(grade());
    expect(stale.status).toBe(412);
    isProblem(stale);
    expect(await auditCount(t, deviceId)).toBe(before);
  });

  it('50 concurrent conflicting events on one unit: exactly one applies, the rest get 409/412, seq stays contiguous', async () => {
    const deviceId = freshUnit();
    await t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).send(receive).expect(200);
    const etag = (await t.as(workshop.admin.key).get(`/devices/${deviceId}`)).headers.etag;
    const events = [
      { type: 'HARVEST', parts: [{ kind: 'ram' }] },
      { type: 'SEND_TO_RECYCLER', vendor: 'Shred Co', certification: 'NAID', destroysData: true },
    ];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t
          .as(workshop.admin.key)
          .post(`/devices/${deviceId}/events`)
          .set('if-match', etag)
          .send(events[i % 2]),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => [200, 409, 412].includes(s))).toBe(true);
    const seqs = (await t.dataSource.query('SELECT seq FROM audit_events WHERE device_id = $1 ORDER BY seq', [deviceId])).map(
      (r: { seq: number }) => r.seq,
    );
    expect(seqs).toEqual([1, 2, 3]);
    const verification = await t.as(workshop.admin.key).get(`/devices/${deviceId}/history/verify`).expect(200);
    expect(verification.body.ok).toBe(true);
  });

  it('the same Idempotency-Key 20 times in a row: one effect, identical replies', async () => {
    const deviceId = freshUnit();
    const key = randomUUID();
    const replies = [];
    for (let i = 0; i < 20; i++)
      replies.push(await t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).set('idempotency-key', key).send(receive));
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(replies.slice(1).every((r) => r.headers['idempotent-replayed'] === 'true')).toBe(true);
    expect(await auditCount(t, deviceId)).toBe(2);
  });

  it('the same Idempotency-Key 20 times at once: one effect; completed replies identical, the others 409 in flight', async () => {
    const deviceId = freshUnit();
    const key = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).set('idempotency-key', key).send(receive),
      ),
    );
    const done = replies.filter((r) => r.status === 200);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(replies.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(new Set(done.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await auditCount(t, deviceId)).toBe(2);
    const later = await t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).set('idempotency-key', key).send(receive).expect(200);
    expect(later.body).toEqual(done[0].body);
  });

  it('the same key with another body → 422; a key from another organisation is its own key; a key must be a UUID', async () => {
    const deviceId = freshUnit();
    const key = randomUUID();
    await t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).set('idempotency-key', key).send(receive).expect(200);
    const reused = await t
      .as(workshop.admin.key)
      .post(`/devices/${deviceId}/events`)
      .set('idempotency-key', key)
      .send({ ...receive, sealIntact: false });
    expect(reused.status).toBe(422);
    isProblem(reused);
    const platform = await t
      .as(t.adminKey)
      .post(`/devices/${deviceId}/events`)
      .set('idempotency-key', key)
      .send(grade([{ code: 'scratch', zone: 'lid', severity: 2 }]));
    expect(platform.status).toBe(200);
    expect(platform.body.event).toBe('GRADE');
    await t.as(workshop.admin.key).post(`/devices/${deviceId}/events`).set('idempotency-key', 'not-a-uuid').send(receive).expect(400);
  });

  it('applies one event to many units with one outcome each', async () => {
    const [a, b] = [freshUnit(), freshUnit()];
    await t.as(workshop.admin.key).post(`/devices/${b}/events`).send(receive).expect(200);
    const response = await t
      .as(workshop.technician.key)
      .post('/devices/events')
      .send({ deviceIds: [a, b, randomUUID()], event: receive })
      .expect(200);
    expect(response.body).toEqual(expect.objectContaining({ applied: 1, refused: 2 }));
    expect(response.body.outcomes.map((o: { status: number }) => o.status)).toEqual([200, 409, 404]);
    expect(response.body.outcomes[1].problem.allowedEvents).toContain('LOCK_CHECK');
    await t
      .as(workshop.technician.key)
      .post('/devices/events')
      .send({ deviceIds: Array.from({ length: 1001 }, randomUUID), event: receive })
      .expect(400);
  });

  it('serves the machine definition and its version', async () => {
    const response = await t.as(workshop.technician.key).get('/lifecycle/machine').expect(200);
    expect(response.body.version).toMatch(/^unit-lifecycle@\d+$/);
    expect(Object.keys(response.body.definition.states)).toEqual(
      expect.arrayContaining(['expected', 'received', 'processing', 'quarantine', 'recycled']),
    );
  });
});
