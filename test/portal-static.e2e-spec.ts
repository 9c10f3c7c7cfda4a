import { TestApp } from './support/test-app';

/** The portal's page is served by the service itself, with the security headers of every answer. */
describe('GET /portal/', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('serves the page, its hashed assets cached for a year, under a same-origin content security policy', async () => {
    await t.http.get('/portal').expect(302).expect('location', '/portal/');
    const page = await t.http.get('/portal/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const script = /src="(\/portal\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await t.http.get(script!).expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
