import { isProblem, TestApp } from './support/test-app';

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ RECERT_BODY_LIMIT: '4096' })));
  afterAll(() => t.close());

  it('answers 413 problem+json over the body limit, and stores nothing', async () => {
    const response = await t
      .as(t.adminKey)
      .post('/organisations')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(5000), kind: 'oem' }));
    expect(response.status).toBe(413);
    isProblem(response);
    const stored = await t.dataSource.query('SELECT id FROM organisations WHERE length(name) > 4000');
    expect(stored).toEqual([]);
  });

  it('answers 400 problem+json to a body that is not JSON', async () => {
    const response = await t.as(t.adminKey).post('/organisations').set('content-type', 'application/json').send('{"name": ');
    expect(response.status).toBe(400);
    isProblem(response);
  });

  it('answers 404 problem+json for an unknown route', async () => {
    const response = await t.http.get('/no-such-route');
    expect(response.status).toBe(404);
    isProblem(response);
  });

  it('answers 405 problem+json with Allow to a method a path does not take, 404 to a path that does not exist', async () => {
    const wrong = await t.as(t.adminKey).delete('/organisations');
    expect(wrong.status).toBe(405);
    isProblem(wrong);
    expect(wrong.headers.allow).toBe('GET, HEAD, POST');
    expect(wrong.body.allowedMethods).toEqual(['GET', 'HEAD', 'POST']);
    const withParameter = await t.http.patch('/devices/6f1c1f2e-0000-4000-8000-000000000000/events').send({});
    expect(withParameter.status).toBe(405);
    expect(withParameter.headers.allow).toBe('POST');
    const missing = await t.http.delete('/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers.allow).toBeUndefined();
  });

  it('answers 415 problem+json to text/plain and form bodies, naming the media types the route takes', async () => {
    for (const [type, body] of [
      ['text/plain', '{"name":"x","kind":"oem"}'],
      ['application/x-www-form-urlencoded', 'name=x&kind=oem'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n'],
    ]) {
      const response = await t.as(t.adminKey).post('/organisations').set('content-type', type).send(body);
      expect({ type, status: response.status }).toEqual({ type, status: 415 });
      isProblem(response);
      expect(response.body.accepted).toEqual(['application/json']);
      expect(response.headers['accept-post']).toBe('application/json');
    }
    const stored = await t.dataSource.query(`SELECT id FROM organisations WHERE name = 'x'`);
    expect(stored).toEqual([]);
  });

  it('keeps upgrade-insecure-requests off Swagger UI only, so that it loads over plain HTTP from any host', async () => {
    const api = await t.http.get('/health/live').expect(200);
    expect(api.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.headers['content-security-policy']).toContain(`default-src 'self'`);
    expect(ui.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('echoes the caller x-request-id, or makes one, and puts it in problems', async () => {
    const given = await t.http.get('/health/live').set('x-request-id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.http.get('/me');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.requestId).toBe(made.headers['x-request-id']);
    const hostile = await t.http.get('/health/live').set('x-request-id', 'a b;c').expect(200);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const response = await t.http.get('/health/live').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('serves OpenAPI at /docs-json and Swagger UI at /docs', async () => {
    const json = await t.http.get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/organisations', '/health/ready']));
    const ui = await t.http.get('/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('serves Prometheus metrics to the platform admins and auditors only', async () => {
    const auditor = await t.newUser('auditor');
    const admin = await t.newUser('admin', auditor.organisationId);
    const technician = await t.newUser('technician', auditor.organisationId);
    const metrics = await t.as(t.adminKey).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('http_request_duration_seconds');
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    await t.as(technician.key).get('/metrics').expect(403);
    // An organisation's admin or auditor would see every organisation's figures.
    isProblem(await t.as(admin.key).get('/metrics').expect(403));
    isProblem(await t.as(auditor.key).get('/metrics').expect(403));
  });

  it('a 500 carries no stack trace or SQL', async () => {
    const response = await t.as(t.adminKey).get('/organisations?cursor=not-a-uuid');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/SELECT|at .*\.ts:\d+/);
  });
});
