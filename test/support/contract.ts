import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiPath } from '../../apps/api/src/openapi/declared-routes';

/**
 * The contract test: every answer the e2e suite receives is checked against the committed docs/openapi.json
 * (what integrators read; `npm run openapi:check` holds it to the code). An answer whose status the operation does not
 * document, whose media type differs, or whose JSON body breaks the schema is a violation, and the test that caused it
 * fails (contract-setup.ts). ajv compiles the document's own schemas, by JSON pointer, once each.
 */

interface ResponseSpec {
  description: string;
  content?: Record<string, { schema?: unknown }>;
  $ref?: string;
}
type Operation = { operationId: string; responses: Record<string, ResponseSpec> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { responses?: Record<string, ResponseSpec> } };

const DOCUMENT_PATH = resolve(__dirname, '../../docs/openapi.json');
/** Served by Swagger itself, not part of the API. */
// Swagger UI and the portal's static pages are web pages, not operations of the API (the portal's session routes are).
const UNDOCUMENTED = /^\/(docs(-json|\/|$)|portal(\/(?!session\b)|$))/;

let document: Document | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();
const violations: string[] = [];

function load(): { document: Document; ajv: Ajv } {
  if (!document || !ajv) {
    document = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as Document;
    // OpenAPI 3.0 keywords (example, discriminator, nullable) are not JSON Schema's: known ones on, the rest ignored.
    ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
    addFormats(ajv);
    ajv.addSchema(nullableForAjv(structuredClone(document)), 'openapi');
  }
  return { document, ajv };
}

/** OpenAPI 3.0's `nullable` beside a `$ref` (`allOf: [ref]`) in JSON Schema's words: `anyOf: [ref, null]`. */
function nullableForAjv<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(nullableForAjv);
  else if (node && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    if (schema.nullable === true && Array.isArray(schema.allOf)) {
      schema.anyOf = [...(schema.allOf as unknown[]), { type: 'null' }];
      delete schema.allOf;
      delete schema.nullable;
      delete schema.type;
    }
    // ajv lets `nullable` widen `type`, not `enum`.
    if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null))
      schema.enum = [...(schema.enum as unknown[]), null];
    Object.values(schema).forEach(nullableForAjv);
  }
  return node;
}

const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** What is wrong with this answer, or undefined. */
export function contractViolation(
  method: string,
  route: string | undefined,
  status: number,
  contentType: string,
  body: string,
): string | undefined {
  const { document: doc, ajv: compiler } = load();
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (status >= 400 && media !== 'application/problem+json')
    return `${method} ${route ?? '(no route)'} ${status}: an error in ${media || 'no media type'}`;
  if (route === undefined || UNDOCUMENTED.test(route)) {
    if (route === undefined && status < 400) return `${method} (no route) answered ${status}`;
    return undefined;
  }
  const path = openApiPath(route);
  const verb = method === 'HEAD' ? 'get' : method.toLowerCase();
  const operation = doc.paths[path]?.[verb];
  if (!operation) return status === 405 || status === 404 ? undefined : `${method} ${path}: not in the document (answered ${status})`;
  const key = operation.responses[String(status)] ? String(status) : operation.responses.default ? 'default' : undefined;
  if (!key)
    return `${operation.operationId} answered ${status}, which it does not document (${Object.keys(operation.responses).join(', ')})`;
  let spec = operation.responses[key];
  let base = pointer('paths', path, verb, 'responses', key);
  if (spec.$ref) {
    const name = spec.$ref.split('/').pop()!;
    spec = doc.components.responses![name];
    base = pointer('components', 'responses', name);
  }
  if (!spec.content || method === 'HEAD' || status === 304 || body.length === 0) return undefined;
  if (!spec.content[media])
    return `${operation.operationId} ${status}: ${media || 'no media type'}, documented ${Object.keys(spec.content).join(', ')}`;
  if (!media.endsWith('json') || !spec.content[media].schema) return undefined;
  const id = `openapi#/${base}/content/${pointer(media)}/schema`;
  let validate = validators.get(id);
  if (!validate) validators.set(id, (validate = compiler.compile({ $ref: id })));
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return `${operation.operationId} ${status}: the body is not JSON`;
  }
  if (validate(value)) return undefined;
  const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message}`);
  return `${operation.operationId} ${status}: the body breaks the schema: ${errors.join('; ')}`;
}

/** Checks each answer of this fastify instance as it is sent; call before `ready()`. */
export function installContractCheck(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    const route = request.is404 ? undefined : request.routeOptions.url;
    // The check never changes an answer: a failure of the check itself is a violation too.
    try {
      const violation = contractViolation(request.method, route, reply.statusCode, String(reply.getHeader('content-type') ?? ''), body);
      if (violation) violations.push(violation);
    } catch (error) {
      violations.push(`${request.method} ${route ?? '(no route)'} ${reply.statusCode}: the contract check failed: ${String(error)}`);
    }
    return payload;
  });
}

/** The violations since the last call. */
export function takeContractViolations(): string[] {
  return violations.splice(0);
}
