import { isProblem, TestApp } from './support/test-app';

describe('rate limit per API key', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ RECERT_RATE_LIMIT: '5', RECERT_RATE_WINDOW_MS: '60000' })));
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the limit, and another key is not affected', async () => {
    const busy = await t.newUser('technician');
    const calm = await t.newUser('technician', busy.organisationId);
    for (let i = 0; i < 5; i++) await t.as(busy.key).get('/me').expect(200);
    const limited = await t.as(busy.key).get('/me');
    expect(limited.status).toBe(429);
    isProblem(limited);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.as(calm.key).get('/me').expect(200);
  });
});
