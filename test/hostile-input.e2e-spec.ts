import { connect } from 'node:net';
import { declaredRoutes, concreteUrl } from './support/routes';
import { isProblem, TestApp } from './support/test-app';
import { auditCount, newUnits, newWorkshop, Workshop } from './support/units';

/** Issue 10: requests built to crash, fool or overload the service are refused at the edge, as problem+json. */
describe('Hostile input', () => {
  let t: TestApp;
  let workshop: Workshop;
  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
  });
  afterAll(() => t.close());

  const received = async () => {
    const { deviceIds } = await newUnits(t, workshop, 1);
    await t
      .as(workshop.technician.key)
      .post(`/devices/${deviceIds[0]}/events`)
      .send({ type: 'RECEIVE', site: 'Dock 1', sealIntact: true })
      .expect(200);
    return deviceIds[0];
  };

  describe('1. content types', () => {
    it('answers 415 to a CSV body on every route but the takeback manifest, and stays alive', async () => {
      const posts = declaredRoutes(t.app).filter((r) => r.method === 'POST' && r.path !== '/takebacks');
      expect(posts.length).toBeGreaterThanOrEqual(12);
      for (const route of posts) {
        const response = await t.as(t.adminKey).post(concreteUrl(route.path)).set('content-type', 'text/csv').send('a,b\n1,2\n');
        expect({ route: route.path, status: response.status }).toEqual({ route: route.path, status: 415 });
        isProblem(response);
        expect(response.body.accepted).toEqual(['application/json']);
      }
      await t.http.get('/health/live').expect(200);
    });

    it('answers 415 to text/plain and to a body without a content type', async () => {
      const plain = await t.as(t.adminKey).post('/organisations').set('content-type', 'text/plain').send('{"name":"x","kind":"oem"}');
      expect(plain.status).toBe(415);
      isProblem(plain);
      const none = await t.as(t.adminKey).post('/organisations').set('content-type', '').send(Buffer.from('{"name":"x","kind":"oem"}'));
      expect(none.status).toBe(415);
    });

    it('still takes a CSV manifest where the route declares it', async () => {
      const csv = `brand,serial,model,deviceClass\nLenovo,CSV${Date.now()},ThinkPad T14,notebook\n`;
      const response = await t
        .as(workshop.admin.key)
        .post(`/takebacks?customerOrganisationId=${workshop.customerId}&site=Dock`)
        .set('content-type', 'text/csv')
        .send(csv);
      expect(response.status).toBe(201);
    });
  });

  describe('4. nested arrays', () => {
    it('refuses a LOCK_CHECK whose locks are arrays, and records nothing', async () => {
      const id = await received();
      const before = await auditCount(t, id);
      const response = await t
        .as(workshop.technician.key)
        .post(`/devices/${id}/events`)
        .send({ type: 'LOCK_CHECK', locks: [[{ kind: 'bios_password', status: 'locked' }]] });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'locks', messages: ['each item of locks must be an object'] }]);
      expect(await auditCount(t, id)).toBe(before);
    });

    it.each([
      ['GRADE', { defects: [[]] }, 'defects'],
      ['HARVEST', { parts: [[]] }, 'parts'],
      ['TEST_RESULT', { measurements: [[{ check: 'keyboard', value: true }]] }, 'measurements'],
      ['COMPLETE_REPAIR', { parts: [[]] }, 'parts'],
      [
        'SANITIZE',
        {
          mediumSerial: 'M1',
          level: 'purge',
          method: 'nvme_sanitize_crypto_erase',
          tool: [{ name: 'W', version: '1' }],
          verification: 'full',
          result: 'pass',
          performedBy: { name: 'A', title: 'T' },
          destination: 'external_reuse',
        },
        'tool',
      ],
    ])('refuses %s with an array where an object belongs (400, not 500)', async (type, payload, path) => {
      const id = await received();
      const response = await t
        .as(workshop.technician.key)
        .post(`/devices/${id}/events`)
        .send({ type, ...payload });
      expect(response.status).toBe(400);
      isProblem(response);
      expect(response.body.errors[0].path).toBe(path);
    });
  });

  describe('5. malformed text at the edge', () => {
    it.each([
      ['a NUL in a body string', { name: 'a\u0000b', kind: 'oem' }],
      ['a NUL in a key', { name: 'ok', kind: 'oem', 'k\u0000': 1 }],
    ])('refuses %s with 400', async (_what, body) => {
      const response = await t.as(t.adminKey).post('/organisations').send(body);
      expect(response.status).toBe(400);
      isProblem(response);
    });

    it('refuses a lone surrogate in a body string with 400 (it would break canonical hashing later)', async () => {
      const id = await received();
      const raw = '{"type":"START_REPAIR","reason":"bad \\ud800 text"}';
      const response = await t.as(workshop.technician.key).post(`/devices/${id}/events`).set('content-type', 'application/json').send(raw);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].messages[0]).toMatch(/surrogate/);
    });

    it('refuses NUL in query strings with 400 (PostgreSQL cannot store it: 500 before)', async () => {
      for (const query of ['serial=a%00b', 'brand=%00', 'serial=ok&brand=x%00']) {
        const response = await t.as(t.adminKey).get(`/devices?${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        isProblem(response);
      }
    });

    it('refuses 100,000-deep nesting with 400 and stays alive', async () => {
      const deep = `{"name":"x","kind":"oem","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const response = await t.as(t.adminKey).post('/organisations').set('content-type', 'application/json').send(deep);
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/nested too deeply/);
      await t.http.get('/health/live').expect(200);
    });

    it('refuses __proto__ keys with 400', async () => {
      const response = await t
        .as(t.adminKey)
        .post('/organisations')
        .set('content-type', 'application/json')
        .send('{"name":"x","kind":"oem","__proto__":{"admin":true}}');
      expect(response.status).toBe(400);
      isProblem(response);
    });
  });

  describe('6. framework errors are problem+json with a request id', () => {
    it('414 for a path parameter over the router limit', async () => {
      const response = await t.as(t.adminKey).get(`/devices/${'a'.repeat(200)}`);
      expect(response.status).toBe(414);
      isProblem(response);
      expect(response.body.requestId).toBe(response.headers['x-request-id']);
    });

    it('415, 404 of the router, 405-style unknown methods and JSON parse errors', async () => {
      for (const response of [
        await t.as(t.adminKey).post('/organisations').set('content-type', 'application/xml').send('<a/>'),
        await t.http.get('/no/such/route'),
        await t.http.delete('/health/live'),
        await t.as(t.adminKey).post('/organisations').set('content-type', 'application/json').send('{"a":'),
      ]) {
        isProblem(response);
        expect(response.body.requestId).toEqual(expect.any(String));
      }
    });

    it('408 problem+json to a client that dribbles its headers, then the socket closes', async () => {
      const slow = await TestApp.start({ RECERT_HEADERS_TIMEOUT_MS: '1000', RECERT_REQUEST_TIMEOUT_MS: '1500' });
      try {
        await slow.app.listen({ port: 0, host: '127.0.0.1' });
        const { port } = slow.app.getHttpServer().address() as { port: number };
        const started = Date.now();
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1');
          let text = '';
          socket.on('data', (chunk) => (text += chunk.toString()));
          socket.on('close', () => resolve(text));
          socket.on('error', reject);
          socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
          const drip = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200);
          const giveUp = setTimeout(() => socket.destroy(), 10_000);
          socket.on('close', () => {
            clearInterval(drip);
            clearTimeout(giveUp);
          });
        });
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(answer).toMatch(/^HTTP\/1\.1 408/);
        expect(answer).toContain('application/problem+json');
      } finally {
        await slow.close();
      }
    });
  });

  describe('7. work in proportion to the request', () => {
    it('refuses 300,000 empty locks quickly, with a small error body', async () => {
      const id = await received();
      const body = JSON.stringify({ type: 'LOCK_CHECK', locks: Array.from({ length: 300_000 }, () => ({})) });
      const started = Date.now();
      const response = await t.as(workshop.technician.key).post(`/devices/${id}/events`).set('content-type', 'application/json').send(body);
      expect(response.status).toBe(400);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(response.text.length).toBeLessThan(10_000);
    });

    it('refuses 10,000 empty locks (within every array cap of the edge) by the field cap, without validating each', async () => {
      const id = await received();
      const started = Date.now();
      const response = await t
        .as(workshop.technician.key)
        .post(`/devices/${id}/events`)
        .send({ type: 'LOCK_CHECK', locks: Array.from({ length: 10_000 }, () => ({})) });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'locks', messages: [expect.stringMatching(/20/)] }]);
      expect(Date.now() - started).toBeLessThan(1_500);
    });

    it('truncates long error lists and says how many more there are', async () => {
      const id = await received();
      const measurements = Array.from({ length: 200 }, () => ({ check: '', value: 'x' }));
      const response = await t.as(workshop.technician.key).post(`/devices/${id}/events`).send({ type: 'TEST_RESULT', measurements });
      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveLength(50);
      expect(response.body.moreErrors).toBe(350);
    });
  });
});
