import type { ResponseObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '../common/problem';

/** The one body of every error answer (common/problem.filter.ts), with the extension members the service sends. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details. Members other than these five and requestId appear only where they apply.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri', description: `What went wrong, as a URI under ${PROBLEM_TYPE_BASE} (stable: match on it).` },
    title: { type: 'string', description: "The status code's reason phrase." },
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status code, repeated.' },
    detail: { type: 'string', description: 'What happened to this request, for a person.' },
    instance: { type: 'string', description: 'The path of the request.' },
    requestId: { type: 'string', description: 'The x-request-id of this request: quote it when you report a problem.' },
    errors: {
      type: 'array',
      description: '400 invalid-input: one entry per field that is wrong (at most 50).',
      items: {
        type: 'object',
        required: ['path', 'messages'],
        properties: {
          path: { type: 'string', description: 'The field, e.g. `media[0].serial`, `query.limit` or `Idempotency-Key`.' },
          messages: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    moreErrors: { type: 'integer', description: 'How many field errors were left out of `errors`.' },
    reasons: {
      type: 'array',
      description: '422 evidence-rejected, certification-refused, 403 licence-denied: every reason, never just the first.',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'A stable reason code, e.g. `method-not-allowed-for-medium`.' },
          message: { type: 'string' },
          field: { type: 'string', description: 'For a value outside a closed vocabulary: its path in the request.' },
          allowed: { type: 'array', items: { type: 'string' }, description: 'The values allowed there.' },
        },
      },
    },
    allowedEvents: {
      type: 'array',
      items: { type: 'string' },
      description: '409 invalid-transition: the events this caller may send in the current state.',
    },
    state: { type: 'string', description: '409 invalid-transition: the current state of the unit.' },
    currentEtag: { type: 'string', description: '412 precondition-failed: the ETag to send in If-Match now.' },
    accepted: { type: 'array', items: { type: 'string' }, description: '415: the media types this route takes.' },
    allowedMethods: { type: 'array', items: { type: 'string' }, description: '405: the methods of this path (also in Allow).' },
    retryAfterSeconds: { type: 'integer', description: '429, 503: the seconds in Retry-After.' },
    conflict: {
      type: 'object',
      description: '409 conflict: what the request collided with (names only, never values).',
      properties: { resource: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } },
    },
    capability: { type: 'string', description: '403 licence-denied: the capability the event needs.' },
    licenceId: { type: 'string', nullable: true, description: '403 licence-denied: the licence that decided.' },
    licenceVersion: { type: 'integer', nullable: true, description: '403 licence-denied: its version.' },
    checks: { type: 'object', description: '503 from /health/ready: the state of each dependency.' },
  },
  example: {
    type: `${PROBLEM_TYPE_BASE}invalid-transition`,
    title: 'Conflict',
    status: 409,
    detail: 'SELL is not allowed for this unit now (state grading).',
    instance: '/devices/6f1c1f2e-0000-4000-8000-000000000000/events',
    requestId: '0b3c9a3e-5a7e-4c55-9b59-3f1d2a1e7c11',
    state: 'grading',
    allowedEvents: ['GRADE'],
  },
};

const header = (description: string, schema: SchemaObject = { type: 'string' }) => ({ description, schema });
const problem = (description: string, headers?: ResponseObject['headers']): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});
const RETRY_AFTER = { 'Retry-After': header('Seconds to wait before retrying.', { type: 'integer' }) };

/** The error answers, by status: operations refer to these (components.responses). */
export const PROBLEM_RESPONSES: Record<number, { name: string; response: ResponseObject }> = {
  400: {
    name: 'BadRequest',
    response: problem('The request is malformed: invalid JSON, a field out of its limits (see `errors`), bad text.'),
  },
  401: {
    name: 'Unauthorized',
    response: problem('No API key, or an unknown or revoked one.', { 'WWW-Authenticate': header('`Bearer realm="recert"`') }),
  },
  403: { name: 'Forbidden', response: problem("The caller's role or licence does not allow this (see `reasons` for a licence).") },
  404: { name: 'NotFound', response: problem("Nothing with this id exists in the caller's scope (the same answer either way).") },
  405: {
    name: 'MethodNotAllowed',
    response: problem('The path exists, but not for this method.', { Allow: header('The methods this path answers, e.g. `GET, HEAD`.') }),
  },
  409: { name: 'Conflict', response: problem('The request conflicts with the current state (see `type`; for an event, `allowedEvents`).') },
  412: { name: 'PreconditionFailed', response: problem('If-Match does not match the current ETag (`currentEtag`); nothing changed.') },
  413: { name: 'PayloadTooLarge', response: problem('The body is larger than this route takes.') },
  415: {
    name: 'UnsupportedMediaType',
    response: problem('The body is in a media type this route does not take (see `accepted`).', {
      'Accept-Post': header('The media types the route takes.'),
    }),
  },
  422: {
    name: 'UnprocessableContent',
    response: problem('Well-formed, but a rule refused it: a value outside a closed vocabulary, evidence (`reasons`), a reused key.'),
  },
  429: { name: 'TooManyRequests', response: problem('Too many requests for this key or address.', RETRY_AFTER) },
  503: { name: 'ServiceUnavailable', response: problem('The service sheds load or is not ready; nothing was changed.', RETRY_AFTER) },
};
