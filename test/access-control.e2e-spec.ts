import { ForbiddenException } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessGuard } from '../apps/api/src/auth/access.guard';
import type { ApiKeyAuthenticator } from '../apps/api/src/auth/api-key-authenticator';
import type { AuthFailureLimiter } from '../apps/api/src/auth/auth-failure-limiter';
import type { SessionService } from '../apps/api/src/sessions/session.service';
import { ROLES, Role } from '../apps/api/src/identity/identity.types';
import { concreteUrl, declaredRoutes, DeclaredRoute } from './support/routes';
import { isProblem, TestApp, TestUser } from './support/test-app';

describe('access control over every route', () => {
  let t: TestApp;
  let routes: DeclaredRoute[];
  const keys = new Map<Role, TestUser>();

  beforeAll(async () => {
    t = await TestApp.start();
    routes = declaredRoutes(t.app);
    const organisation = await t.newOrganisation('refurbishment_centre');
    for (const role of ROLES) keys.set(role, await t.newUser(role, organisation.id));
  });
  afterAll(() => t.close());

  const send = (route: DeclaredRoute, key?: string) => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = t.http[method](concreteUrl(route.path));
    return key ? req.set('authorization', `Bearer ${key}`) : req;
  };

  it('finds the routes of every controller', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /health/ready', 'POST /organisations', 'GET /metrics']),
    );
  });

  it('the OpenAPI document lists exactly the routes the controllers declare', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('every route declares an access policy', () => {
    expect(routes.filter((r) => !r.policy).map((r) => r.handler)).toEqual([]);
  });

  it('refuses a route that declares no policy (deny by default)', async () => {
    const authenticator = { authenticate: jest.fn() } as unknown as ApiKeyAuthenticator;
    const guard = new AccessGuard(new Reflector(), authenticator, {} as AuthFailureLimiter, {} as SessionService);
    class Undeclared {
      handler() {}
    }
    const context = { getHandler: () => Undeclared.prototype.handler, getClass: () => Undeclared } as unknown as ExecutionContext;
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(ForbiddenException);
    expect(authenticator.authenticate).not.toHaveBeenCalled();
  });

  it('answers 401 problem+json without a key and with a bad or unknown key, on every non-public route', async () => {
    for (const route of routes.filter((r) => r.policy?.kind === 'roles')) {
      for (const key of [undefined, 'not-a-key', 'rct_unknownunknownunknownunknown00']) {
        const response = await send(route, key);
        expect({ route: `${route.method} ${route.path}`, key, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          key,
          status: 401,
        });
        isProblem(response);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    }
  });

  it('answers 403 to every role a route does not name', async () => {
    let checked = 0;
    for (const route of routes) {
      if (route.policy?.kind !== 'roles') continue;
      for (const role of ROLES.filter((r) => !(route.policy as { roles: readonly Role[] }).roles.includes(r))) {
        const response = await send(route, keys.get(role)!.key);
        expect({ route: `${route.method} ${route.path}`, role, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          role,
          status: 403,
        });
        isProblem(response);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('lets every role a route names past the guard (no 401/403)', async () => {
    // Platform-only routes (metrics) refuse every organisation's users but the platform's: see http-conventions.
    for (const route of routes.filter((r) => r.policy?.kind === 'roles' && !r.policy.platformOnly && r.method === 'GET')) {
      for (const role of (route.policy as { roles: readonly Role[] }).roles) {
        const response = await send(route, keys.get(role)!.key);
        expect([401, 403]).not.toContain(response.status);
      }
    }
  });

  it('a revoked key is refused at once', async () => {
    const user = await t.newUser('technician');
    await t.as(user.key).get('/me').expect(200);
    await t.as(user.key).post(`/api-keys/${user.keyId}/revoke`).expect(200);
    const response = await t.as(user.key).get('/me');
    expect(response.status).toBe(401);
  });
});
