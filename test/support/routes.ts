export { declaredRoutes } from '../../apps/api/src/openapi/declared-routes';
export type { DeclaredRoute } from '../../apps/api/src/openapi/declared-routes';

/** A concrete URL for a route pattern: every `:param` becomes a random UUID. */
export const concreteUrl = (path: string) => path.replace(/:[A-Za-z]+/g, '6f1c1f2e-0000-4000-8000-000000000000');
