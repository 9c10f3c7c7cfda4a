import { programmeTerms } from './support/evidence';
import { isProblem, TestApp, TestUser } from './support/test-app';

/** Programmes: an OEM's rules, versioned; read by everyone, changed only by their OEM. */
describe('programmes', () => {
  let t: TestApp;
  let manager: TestUser;
  let otherOem: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    const oem = (
      await t
        .as(t.adminKey)
        .post('/organisations')
        .send({ name: 'Lenovo', kind: 'oem', brands: ['Lenovo'] })
        .expect(201)
    ).body;
    manager = await t.newUser('programme_manager', oem.id);
    const other = (
      await t
        .as(t.adminKey)
        .post('/organisations')
        .send({ name: 'HP', kind: 'oem', brands: ['HP'] })
        .expect(201)
    ).body;
    otherOem = await t.newUser('programme_manager', other.id);
  });
  afterAll(() => t.close());

  it('defines a programme as version 1; an edit is version 2; every caller reads them', async () => {
    const created = await t
      .as(manager.key)
      .post('/programmes')
      .send({ code: 'lenovo-certified-refurbished', ...programmeTerms(['Lenovo'], { name: 'Lenovo Certified Refurbished' }) })
      .expect(201);
    expect(created.body).toEqual(
      expect.objectContaining({
        code: 'lenovo-certified-refurbished',
        current: expect.objectContaining({ version: 1, brands: ['lenovo'], name: 'Lenovo Certified Refurbished' }),
      }),
    );
    const id = created.body.id;
    const edited = await t
      .as(manager.key)
      .post(`/programmes/${id}/versions`)
      .send(programmeTerms(['lenovo'], { certifiableGrades: ['A', 'B'] }))
      .expect(201);
    expect(edited.body.current).toEqual(
      expect.objectContaining({ version: 2, certifiableGrades: ['A', 'B'], createdByUserId: manager.id }),
    );
    expect(edited.body.versions.map((v: { version: number; certifiableGrades: string[] }) => [v.version, v.certifiableGrades])).toEqual([
      [1, ['A', 'B', 'C']],
      [2, ['A', 'B']],
    ]);

    const partner = await t.newUser('technician', (await t.newOrganisation('partner')).id);
    expect((await t.as(partner.key).get(`/programmes/${id}`).expect(200)).body.current.version).toBe(2);
    const listed = await t.as(partner.key).get(`/programmes?oemOrganisationId=${manager.organisationId}`).expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it('refuses terms that break the rules, naming each field, and changes nothing', async () => {
    const response = await t
      .as(manager.key)
      .post('/programmes')
      .send({
        code: 'broken',
        ...programmeTerms(['lenovo', 'hp'], {
          testSuites: { notebook: 'server-standard@1', server: 'nope@1', tablet: 'tablet-standard@1' },
          rubric: 'unknown@3',
          markets: [
            { market: 'FR', warrantyMonths: 12, extendableToMonths: 6, doaDays: 30 },
            { market: 'FR', warrantyMonths: 12, extendableToMonths: 12, doaDays: 30 },
          ],
        }),
      })
      .expect(400);
    isProblem(response);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'brands',
      'testSuites.notebook',
      'testSuites.server',
      'testSuites.tablet',
      'rubric',
      'markets.0.extendableToMonths',
      'markets.1.market',
    ]);
    const clearForResale = await t
      .as(manager.key)
      .post('/programmes')
      .send({ code: 'weak', ...programmeTerms(['lenovo'], { sanitization: { resale: 'clear', returnToOwner: 'clear' } }) })
      .expect(400);
    expect(clearForResale.body.errors).toEqual([expect.objectContaining({ path: 'sanitization.resale' })]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM programmes WHERE code IN ('broken', 'weak')`);
    expect(n).toBe(0);
  });

  it('a code is unique within its OEM; only an OEM defines programmes, and only its own changes them', async () => {
    await t
      .as(manager.key)
      .post('/programmes')
      .send({ code: 'renew', ...programmeTerms(['lenovo']) })
      .expect(201);
    expect(
      (
        await t
          .as(manager.key)
          .post('/programmes')
          .send({ code: 'renew', ...programmeTerms(['lenovo']) })
      ).status,
    ).toBe(409);
    const centreAdmin = await t.newUser('admin', (await t.newOrganisation('refurbishment_centre')).id);
    expect(
      (
        await t
          .as(centreAdmin.key)
          .post('/programmes')
          .send({ code: 'mine', ...programmeTerms(['lenovo']) })
      ).status,
    ).toBe(403);
    const lenovos = await t.as(manager.key).get(`/programmes?oemOrganisationId=${manager.organisationId}&limit=200`).expect(200);
    const renew = lenovos.body.items.find((p: { code: string }) => p.code === 'renew');
    expect(
      (
        await t
          .as(otherOem.key)
          .post(`/programmes/${renew.id}/versions`)
          .send(programmeTerms(['hp']))
      ).status,
    ).toBe(403);
    const technician = await t.newUser('technician', manager.organisationId);
    expect(
      (
        await t
          .as(technician.key)
          .post(`/programmes/${renew.id}/versions`)
          .send(programmeTerms(['lenovo']))
      ).status,
    ).toBe(403);
    expect((await t.as(manager.key).get(`/programmes/${renew.id}`).expect(200)).body.versions).toHaveLength(1);
  });
});
