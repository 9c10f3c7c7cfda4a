import { isProblem, TestApp, TestUser } from './support/test-app';
import { newProgramme } from './support/evidence';

const DAY = 86_400_000;

/** A licence is bound to its issuer: one existing programme of the issuing OEM (by code), brands the OEM owns. */
describe('licences bound to their issuer', () => {
  let t: TestApp;
  let hp: { manager: TestUser; oemId: string; programmeId: string };
  let lenovo: { manager: TestUser; oemId: string; programmeId: string };
  let partnerId: string;
  const terms = (brands = ['HP']) => ({
    status: 'active',
    validFrom: new Date(Date.now() - DAY).toISOString(),
    validTo: new Date(Date.now() + 365 * DAY).toISOString(),
    scope: { brands, deviceClasses: ['notebook'], markets: ['FR'] },
    capabilities: ['RECEIVE', 'SANITIZE'],
  });
  const issue = (body: Record<string, unknown>, key = hp.manager.key) =>
    t
      .as(key)
      .post('/licences')
      .send({ partnerOrganisationId: partnerId, ...terms(), ...body });
  const refusal = (response: { status: number; body: { errors?: Array<{ path: string; messages: string[] }> } }) => {
    expect(response.status).toBe(400);
    isProblem(response as never);
    return response.body.errors!;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    hp = await newProgramme(t, ['HP']);
    lenovo = await newProgramme(t, ['Lenovo']);
    partnerId = (await t.newOrganisation('partner')).id;
  });
  afterAll(() => t.close());

  it('accepts a programme of the issuing OEM, named by its code, and brands the OEM owns', async () => {
    const created = await issue({ programme: 'certified-refurbished' }).expect(201);
    expect(created.body).toEqual(expect.objectContaining({ programme: 'certified-refurbished', oemOrganisationId: hp.oemId }));
  });

  it('refuses a programme that does not exist, naming the field and the OEM’s programmes', async () => {
    const errors = refusal(await issue({ programme: 'no-such-programme' }));
    expect(errors).toEqual([
      { path: 'programme', messages: [expect.stringMatching(/no programme "no-such-programme".*certified-refurbished/)] },
    ]);
  });

  it('refuses another OEM’s programme named by its id: a licence names a programme of its issuer by code', async () => {
    const errors = refusal(await issue({ programme: lenovo.programmeId }));
    expect(errors[0].path).toBe('programme');
    const ownId = refusal(await issue({ programme: hp.programmeId }));
    expect(ownId[0].messages[0]).toMatch(/by its code/);
  });

  it('refuses brands the issuing OEM does not own, on a new licence and on a new version', async () => {
    const errors = refusal(await issue({ programme: 'certified-refurbished', ...terms(['HP', 'Lenovo']) }));
    expect(errors).toEqual([{ path: 'scope.brands', messages: [expect.stringMatching(/lenovo.*not a brand of the issuing OEM/i)] }]);
    const created = await issue({ programme: 'certified-refurbished' }).expect(201);
    refusal(
      await t
        .as(hp.manager.key)
        .post(`/licences/${created.body.id}/versions`)
        .send(terms(['Lenovo'])),
    );
    expect((await t.as(hp.manager.key).get(`/licences/${created.body.id}`).expect(200)).body.versions).toHaveLength(1);
  });
});
