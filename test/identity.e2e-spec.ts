import { createHash } from 'node:crypto';
import { isProblem, TestApp } from './support/test-app';

describe('organisations, users and API keys', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('an admin creates an organisation, a user and a key, and the key works', async () => {
    const organisation = await t.newOrganisation('partner', 'Flex Refurb BV');
    expect(organisation).toEqual(expect.objectContaining({ name: 'Flex Refurb BV', kind: 'partner' }));
    const user = await t.newUser('technician', organisation.id);
    const me = await t.as(user.key).get('/me').expect(200);
    expect(me.body).toEqual(
      expect.objectContaining({ userId: user.id, organisationId: organisation.id, role: 'technician', organisationKind: 'partner' }),
    );
  });

  it('stores a key only as its SHA-256: no column of the table holds the key', async () => {
    const user = await t.newUser('auditor');
    const rows: Array<Record<string, unknown>> = await t.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [user.keyId]);
    expect(rows).toHaveLength(1);
    expect(user.key).toMatch(/^rct_[A-Za-z0-9_-]{43}$/);
    expect(Object.values(rows[0]).map(String)).not.toContainEqual(expect.stringContaining(user.key.slice(4)));
    expect(rows[0].key_hash).toBe(createHash('sha256').update(user.key).digest('hex'));
  });

  it('shows the key once: listings carry only its prefix', async () => {
    const user = await t.newUser('resale');
    const listed = await t.as(t.adminKey).get(`/users/${user.id}/api-keys`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: user.keyId, prefix: user.key.slice(0, 12), revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(user.key);
  });

  it('records when a key was last used', async () => {
    const user = await t.newUser('warranty');
    await t.as(user.key).get('/me').expect(200);
    const [row] = await t.dataSource.query('SELECT last_used_at FROM api_keys WHERE id = $1', [user.keyId]);
    expect(row.last_used_at).toBeInstanceOf(Date);
  });

  it('refuses bad input with problem+json listing field paths, and stores nothing', async () => {
    const name = `invalid ${Date.now()}`;
    const response = await t.as(t.adminKey).post('/organisations').send({ name, kind: 'reseller', state: 'active' });
    expect(response.status).toBe(400);
    isProblem(response);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'state']);
    const stored = await t.dataSource.query('SELECT id FROM organisations WHERE name = $1', [name]);
    expect(stored).toEqual([]);
    const empty = await t.as(t.adminKey).post('/organisations').send({ name: '', kind: 'oem' }).expect(400);
    expect(empty.body.errors).toEqual([{ path: 'name', messages: [expect.stringContaining('name must be longer')] }]);
  });

  it('refuses a second user with the same e-mail (409) and keeps the first', async () => {
    const organisation = await t.newOrganisation();
    const body = { organisationId: organisation.id, email: `Dup.${Date.now()}@Example.com`, name: 'A', role: 'technician' };
    await t.as(t.adminKey).post('/users').send(body).expect(201);
    const again = await t
      .as(t.adminKey)
      .post('/users')
      .send({ ...body, email: body.email.toLowerCase() });
    expect(again.status).toBe(409);
    isProblem(again);
  });

  it("an organisation's admin manages its own users only; other organisations are not found", async () => {
    const mine = await t.newOrganisation();
    const theirs = await t.newOrganisation();
    const admin = await t.newUser('admin', mine.id);
    await t
      .as(admin.key)
      .post('/users')
      .send({ organisationId: mine.id, email: `own.${Date.now()}@example.com`, name: 'Own', role: 'technician' })
      .expect(201);
    const foreign = await t
      .as(admin.key)
      .post('/users')
      .send({ organisationId: theirs.id, email: `x.${Date.now()}@example.com`, name: 'X', role: 'admin' });
    expect(foreign.status).toBe(404);
    await t.as(admin.key).get(`/organisations/${theirs.id}`).expect(404);
    const listed = await t.as(admin.key).get('/users?limit=200').expect(200);
    expect(listed.body.items.every((u: { organisationId: string }) => u.organisationId === mine.id)).toBe(true);
    await t.as(admin.key).post('/organisations').send({ name: 'Nope', kind: 'oem' }).expect(403);
  });

  it('pages through users with a cursor', async () => {
    const organisation = await t.newOrganisation();
    const admin = await t.newUser('admin', organisation.id);
    for (let i = 0; i < 3; i++) await t.newUser('technician', organisation.id);
    const first = await t.as(admin.key).get('/users?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await t.as(admin.key).get(`/users?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(4);
    await t.as(admin.key).get('/users?limit=201').expect(400);
  });
});
