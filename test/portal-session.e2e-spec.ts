import { isProblem, TestApp, TestUser } from './support/test-app';
import { newUnits, newWorkshop, Workshop } from './support/units';

const cookieOf = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat()[0] ?? '';

/** The portal's browser sessions: an API key entered once becomes an HttpOnly cookie that authorises the same reads. */
describe('portal sessions', () => {
  let t: TestApp;
  let workshop: Workshop;
  let customer: TestUser;
  let takebackId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    customer = await t.newUser('auditor', workshop.customerId);
    ({ takebackId } = await newUnits(t, workshop, 2));
  });
  afterAll(() => t.close());

  const login = async (key: string) => {
    const response = await t.http.post('/portal/session').send({ apiKey: key }).expect(200);
    const header = cookieOf(response.headers['set-cookie']);
    return { response, header, cookie: header.split(';')[0] };
  };

  it('sets an HttpOnly, SameSite=Strict session cookie that carries no API key, and answers who it stands for', async () => {
    const { response, header, cookie } = await login(customer.key);
    expect(header).toMatch(/^recert_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(header).not.toContain(customer.key);
    expect(response.body.caller).toEqual(
      expect.objectContaining({ userId: customer.id, organisationId: workshop.customerId, role: 'auditor' }),
    );
    expect(response.body.idleTimeoutSeconds).toBe(8 * 3600);
    const me = await t.http.get('/me').set('cookie', cookie).expect(200);
    expect(me.body.userId).toBe(customer.id);
  });

  it("authorises the same reads as the user's key, and the same scope", async () => {
    const { cookie } = await login(customer.key);
    await t.http.get(`/takebacks/${takebackId}`).set('cookie', cookie).expect(200);
    await t.http.get(`/takebacks/${takebackId}/certificate-of-destruction`).set('cookie', cookie).expect(200);
    const stranger = await t.newUser('auditor', (await t.newOrganisation('customer')).id);
    const other = await login(stranger.key);
    isProblem(await t.http.get(`/takebacks/${takebackId}`).set('cookie', other.cookie).expect(404));
  });

  it('never authorises a write: a POST with only the cookie is 401', async () => {
    const admin = await login(workshop.admin.key);
    const response = await t.http
      .post(`/takebacks/${takebackId}/receipts`)
      .set('cookie', admin.cookie)
      .send({ brand: 'lenovo', serial: 'X', sealIntact: true });
    expect(response.status).toBe(401);
    isProblem(response);
  });

  it('refuses a sign-in or sign-out from another site (403) and a wrong key (401)', async () => {
    isProblem(await t.http.post('/portal/session').set('origin', 'https://evil.example').send({ apiKey: customer.key }).expect(403));
    await t.http.post('/portal/session').set('sec-fetch-site', 'cross-site').send({ apiKey: customer.key }).expect(403);
    await t.http.delete('/portal/session').set('origin', 'https://evil.example').expect(403);
    const wrong = await t.http.post('/portal/session').send({ apiKey: 'rct_unknownunknownunknownunknown00' }).expect(401);
    isProblem(wrong);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    isProblem(await t.http.post('/portal/session').send({ apiKey: 42 }).expect(400));
  });

  it('ends at logout, when its key is revoked, and after 8 hours idle', async () => {
    const out = await login(customer.key);
    const cleared = await t.http.delete('/portal/session').set('cookie', out.cookie).expect(204);
    expect(cookieOf(cleared.headers['set-cookie'])).toMatch(
      /^recert_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/,
    );
    await t.http.get('/me').set('cookie', out.cookie).expect(401);

    const idle = await login(customer.key);
    await t.dataSource.query(`UPDATE portal_sessions SET idle_expires_at = now() - interval '1 second'`);
    await t.http.get('/me').set('cookie', idle.cookie).expect(401);

    const user = await t.newUser('auditor', workshop.customerId);
    const revoked = await login(user.key);
    await t.http.get('/me').set('cookie', revoked.cookie).expect(200);
    await t.as(user.key).post(`/api-keys/${user.keyId}/revoke`).expect(200);
    await t.http.get('/me').set('cookie', revoked.cookie).expect(401);
  });

  it('stores only a hash of the token', async () => {
    const { cookie } = await login(customer.key);
    const token = cookie.split('=')[1];
    const rows = await t.dataSource.query(`SELECT token_hash FROM portal_sessions WHERE token_hash = $1`, [token]);
    expect(rows).toEqual([]);
  });
});
