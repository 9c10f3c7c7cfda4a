import { ROLES, Role } from '../apps/api/src/identity/identity.types';
import { declaredRoutes } from './support/routes';
import { TestApp, TestUser } from './support/test-app';
import { programmeTerms } from './support/evidence';
import { manifestUnit } from './support/units';
import { periodOf } from '@recert/incentives';

const DAY = 86_400_000;
const PREVIOUS_MONTH = periodOf('monthly', new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 0)));
function incentiveTerms() {
  return {
    name: 'Takeback rebate',
    qualifyingEvents: ['takeback_received'],
    period: 'monthly',
    rule: { kind: 'per_unit', amount: '2.00' },
    currency: 'EUR',
    claimWindowDays: 365,
    clawbackWindowDays: 0,
    reversingEvents: [],
    effectiveFrom: PREVIOUS_MONTH.start.toISOString(),
  };
}

/** A valid body for each write route, so that only the object's owner can decide the answer. */
const BODIES: Record<string, object> = {
  'POST /devices/{id}/events': { type: 'RECEIVE', site: 'Dock', sealIntact: true },
  'POST /devices/{id}/handoffs': { toOrganisationId: '00000000-0000-4000-8000-000000000000', site: 'Dock' },
  'POST /takebacks/{id}/receipts': { brand: 'hp', serial: 'X1', sealIntact: true },
  'POST /users/{id}/api-keys': { name: 'stolen' },
  'POST /licences/{id}/status': { status: 'terminated', reason: 'hostile' },
  'POST /licences/{id}/versions': {
    status: 'terminated',
    validFrom: new Date(Date.now() - DAY).toISOString(),
    validTo: new Date(Date.now() + DAY).toISOString(),
    scope: { brands: ['hp'], deviceClasses: ['notebook'], markets: ['FR'] },
    capabilities: [],
  },
  'POST /programmes/{id}/versions': programmeTerms(['hp']),
  'POST /devices/{id}/rma-resolution': { outcome: 'refunded' },
  'POST /carbon/offsets/retirements/{id}/allocations': { customerOrganisationId: '00000000-0000-4000-8000-000000000000', quantityT: 1 },
  'POST /incentives/{id}/versions': incentiveTerms(),
  'POST /incentives/{id}/claims': { period: PREVIOUS_MONTH.key },
  'POST /incentive-claims/{id}/reject': { reason: 'hostile' },
  'POST /incentive-claims/{id}/pay': { paymentReference: 'hostile' },
};

/** The object a path's id names: its first segment, or the first two under /carbon (a unit's ledger, an offset retirement). */
const resourceOf = (path: string) => (path.startsWith('/carbon/') ? path.split('/').slice(1, 3).join('/') : path.split('/')[1]);

/** Shared by design: programme rules are read by everyone; only their OEM changes them (403 to anyone else). */
const SHARED = new Set(['programmes', 'incentives']);

/**
 * Broken object level authorisation: every route with an id in the OpenAPI document, called with each of
 * partner A's keys on partner B's objects, must answer 404 (or 403 where A's role may not call the route at
 * all) — never B's data. No list returns B's rows.
 */
const OTHER_ID = '6f1c1f2e-0000-4000-8000-000000000000';

describe('BOLA matrix: partner A × partner B’s objects', () => {
  let t: TestApp;
  const a = new Map<Role, TestUser>();
  const b: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    const orgA = await t.newOrganisation('partner');
    for (const role of ROLES) a.set(role, await t.newUser(role, orgA.id));
    const orgB = await t.newOrganisation('partner');
    const bAdmin = await t.newUser('admin', orgB.id);
    const customer = await t.newOrganisation('customer');
    await t.worksFor(orgB.id, customer.id);
    const third = await t.newOrganisation('refurbishment_centre');
    const oem = await t.newUser(
      'programme_manager',
      (
        await t
          .as(t.adminKey)
          .post('/organisations')
          .send({ name: 'OEM', kind: 'oem', brands: ['hp'] })
          .expect(201)
      ).body.id,
    );

    const units = [manifestUnit({ brand: 'hp' }), manifestUnit({ brand: 'hp' })];
    const takeback = await t
      .as(bAdmin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: customer.id, site: 'B dock', market: 'FR', devices: units })
      .expect(201);
    const ids = await Promise.all(
      units.map(async (u) => (await t.as(bAdmin.key).get(`/devices?serial=${u.serial}`).expect(200)).body.items[0].id),
    );
    const handoff = await t.as(bAdmin.key).post(`/devices/${ids[1]}/handoffs`).send({ toOrganisationId: third.id, site: 'C' }).expect(201);
    const programme = await t
      .as(oem.key)
      .post('/programmes')
      .send({ code: 'hp-cr', ...programmeTerms(['hp']) })
      .expect(201);
    const licence = await t
      .as(oem.key)
      .post('/licences')
      .send({
        partnerOrganisationId: orgB.id,
        programme: 'hp-cr',
        status: 'active',
        validFrom: new Date(Date.now() - DAY).toISOString(),
        validTo: new Date(Date.now() + DAY).toISOString(),
        scope: { brands: ['hp'], deviceClasses: ['notebook'], markets: ['FR'] },
        capabilities: ['RECEIVE'],
      })
      .expect(201);
    const incentive = await t
      .as(oem.key)
      .post('/incentives')
      .send({ code: 'takeback-rebate', ...incentiveTerms() })
      .expect(201);
    const claim = await t.as(bAdmin.key).post(`/incentives/${incentive.body.id}/claims`).send({ period: PREVIOUS_MONTH.key }).expect(201);
    Object.assign(b, {
      programmes: programme.body.id,
      incentives: incentive.body.id,
      'incentive-claims': claim.body.id,
      devices: ids[0],
      takebacks: takeback.body.id,
      licences: licence.body.id,
      organisations: orgB.id,
      users: bAdmin.id,
      'api-keys': bAdmin.keyId,
      handoffs: handoff.body.id,
      'carbon/devices': ids[0],
      'carbon/offsets': (
        await t
          .as(bAdmin.key)
          .post('/carbon/offsets/retirements')
          .send({
            registry: 'verra_vcs',
            projectId: 'VCS-B',
            serialStart: 1,
            serialEnd: 10,
            vintage: 2024,
            beneficiary: 'B',
            certificateUrl: 'https://registry.verra.org/b',
            retiredOn: '2026-01-01',
          })
          .expect(201)
      ).body.id,
    });
  });
  afterAll(() => t.close());

  it('every route with an id answers 404 (or 403 by role) to each of A’s keys, for each of B’s objects', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const policies = new Map(declaredRoutes(t.app).map((r) => [`${r.method} ${r.path}`, r.policy]));
    let checked = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!path.includes('{id}')) continue;
      const objectId = b[resourceOf(path)];
      expect({ path, objectId: objectId !== undefined }).toEqual({ path, objectId: true });
      for (const method of Object.keys(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        const policy = policies.get(`${method.toUpperCase()} ${path.replace('{id}', ':id')}`);
        for (const [role, user] of a) {
          const mayCall = policy?.kind === 'public' || (policy?.kind === 'roles' && policy.roles.includes(role));
          // Other path parameters (a customer's id) get a well-formed id, so that the pipe does not answer first.
          let req = t.as(user.key)[method as 'get' | 'post' | 'put'](path.replace('{id}', objectId).replace(/\{\w+\}/g, OTHER_ID));
          if (method === 'post') req = req.send(BODIES[route] ?? {});
          const response = await req;
          const owned = mayCall ? 404 : 403;
          const shared = mayCall && method === 'get' ? 200 : 403;
          expect({ route, role, status: response.status }).toEqual({
            route,
            role,
            status: SHARED.has(path.split('/')[1]) ? shared : owned,
          });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('no list or search returns B’s rows', async () => {
    const bIds = Object.values(b);
    for (const url of [
      '/devices?limit=200',
      '/devices?serial=' + 'X',
      '/licences?limit=200',
      '/users?limit=200',
      '/organisations?limit=200',
    ]) {
      for (const [role, user] of a) {
        const response = await t.as(user.key).get(url);
        if (response.status === 403) continue;
        expect({ url, role, status: response.status }).toEqual({ url, role, status: 200 });
        const body = JSON.stringify(response.body);
        for (const id of bIds) expect({ url, role, leaked: body.includes(id) }).toEqual({ url, role, leaked: false });
      }
    }
  });
});
