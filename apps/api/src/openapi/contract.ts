import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../common/problem';
import type { DeclaredRoute } from './declared-routes';
import { openApiPath } from './declared-routes';
import { PROBLEM_RESPONSES, PROBLEM_SCHEMA } from './problem.schema';

/**
 * Completes the document @nestjs/swagger derives from the controllers, so that every route gets the same
 * contract without decorating each one:
 * - errors: the statuses any route can answer, from what the route is (see `errorStatusesOf`), each a
 *   `Problem` in application/problem+json; a route that answers more declares it with `@ApiResponse({ status })`
 *   (its description is kept, the Problem body is added);
 * - security: public routes (`@Public()`) say `security: []`, the others need the bearer key;
 * - tags: declared with the descriptions below; a summary for every operation.
 */

/** Why each tag exists. A controller with a new tag adds its line here. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  devices: 'Units: their current state, their lifecycle events (the commands), their audit trail.',
  takebacks: 'Takeback orders: manifests of the units a customer returns, and their receipt at a site.',
  custody: 'Hand-offs of a unit between organisations, each confirmed by the receiver.',
  certificates: 'Sanitization certificates (NIST SP 800-88) and their public verification.',
  programmes: 'Certified Refurbished programmes: versioned rules (sanitization, tests, grading, warranty).',
  licences: "Partners' licences: the capabilities, brands, markets and quotas their events may use.",
  warranty: 'Warranty claims and RMA resolution.',
  lifecycle: 'The lifecycle machine itself: its states, events and effects.',
  identity: 'Organisations, users and their API keys.',
  health: 'Liveness and readiness probes.',
  operations: 'Figures for the platform operator (Prometheus metrics).',
};

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** The error statuses a route can answer, by what it is; each has a reason in the edge, the guard or the filter. */
export function errorStatusesOf(route: DeclaredRoute, operation: OperationObject): number[] {
  const statuses = [400, 415, 429, 503]; // bad text or URL; a body in a media type it does not take; rate; load
  if (route.policy?.kind !== 'public') statuses.push(401, 403);
  // A path parameter, or a body that names another resource (an organisation, a programme), may be out of scope.
  if (/:[A-Za-z]/.test(route.path) || (operation.requestBody && route.policy?.kind !== 'public')) statuses.push(404);
  if (operation.requestBody) statuses.push(413, 422);
  // Query filters over closed vocabularies answer 422 for unknown values; one naming another resource may be out of scope.
  const queries = (operation.parameters ?? []).filter((p): p is ParameterObject => 'in' in p && p.in === 'query');
  if (queries.length && !operation.requestBody) statuses.push(422);
  if (queries.length && route.policy?.kind !== 'public' && !statuses.includes(404)) statuses.push(404);
  if (WRITE_METHODS.has(route.method.toLowerCase()) && route.policy?.kind !== 'public') statuses.push(409);
  const headers = (operation.parameters ?? []).filter((p): p is ParameterObject => 'in' in p && p.in === 'header');
  if (headers.some((p) => p.name.toLowerCase() === 'if-match')) statuses.push(412);
  return statuses;
}

export function completeContract(document: OpenAPIObject, routes: DeclaredRoute[]): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, Problem: PROBLEM_SCHEMA };
  components.responses = {
    ...components.responses,
    ...Object.fromEntries(Object.values(PROBLEM_RESPONSES).map(({ name, response }) => [name, response])),
  };
  for (const route of routes) {
    const operation = operationOf(document, route);
    if (!operation) continue;
    operation.security = route.policy?.kind === 'public' ? [] : [{ bearer: [] }];
    operation.summary ??= summaryOf(operation.operationId ?? route.handler);
    const responses = operation.responses;
    for (const status of errorStatusesOf(route, operation)) {
      const declared = responses[status] as ResponseObject | ReferenceObject | undefined;
      responses[status] = declared && 'description' in declared ? withProblemBody(declared, status) : ref(status);
    }
    // Statuses a controller declared beyond the rules above get the Problem body too.
    for (const [status, declared] of Object.entries(responses)) {
      if (Number(status) >= 400 && declared && 'description' in declared) responses[status] = withProblemBody(declared, Number(status));
    }
  }
  // Only the shared responses some operation refers to (Redocly: no unused components).
  const text = JSON.stringify(document.paths);
  for (const { name } of Object.values(PROBLEM_RESPONSES))
    if (!text.includes(`"#/components/responses/${name}"`)) delete components.responses[name];
  const used = new Set(
    Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((op: OperationObject) => op.tags ?? [])),
  );
  document.tags = [...used].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `Routes of ${name}.` }));
  return document;
}

function operationOf(document: OpenAPIObject, route: DeclaredRoute): OperationObject | undefined {
  const item = document.paths[openApiPath(route.path)] as Record<string, OperationObject> | undefined;
  return item?.[route.method.toLowerCase()];
}

const ref = (status: number): ReferenceObject => ({ $ref: `#/components/responses/${PROBLEM_RESPONSES[status].name}` });

/** Keeps the route's own description (e.g. which roles may call it) and the shared headers; the body is a Problem. */
function withProblemBody(declared: ResponseObject, status: number): ResponseObject {
  const shared = PROBLEM_RESPONSES[status]?.response;
  return {
    ...declared,
    ...(shared?.headers ? { headers: { ...shared.headers, ...declared.headers } } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

/** `listDevices` → "List devices". */
const summaryOf = (operationId: string) => {
  const words = operationId.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
