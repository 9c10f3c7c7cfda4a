import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorCode } from './domain-error';
import { PROBLEM_CONTENT_TYPE, ProblemDocument, problemType } from './problem';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';

const STATUS_OF_CODE: Record<DomainErrorCode, number> = {
  [DomainErrorCode.NotFound]: 404,
  [DomainErrorCode.Conflict]: 409,
  [DomainErrorCode.InvalidTransition]: 409,
  [DomainErrorCode.IdempotencyKeyInFlight]: 409,
  [DomainErrorCode.PreconditionFailed]: 412,
  [DomainErrorCode.PreconditionRequired]: 428,
  [DomainErrorCode.IdempotencyKeyReused]: 422,
  [DomainErrorCode.Unprocessable]: 422,
  [DomainErrorCode.EvidenceRejected]: 422,
  [DomainErrorCode.CertificationRefused]: 422,
  [DomainErrorCode.Forbidden]: 403,
  [DomainErrorCode.LicenceDenied]: 403,
  [DomainErrorCode.InvalidInput]: 400,
  [DomainErrorCode.HandoffPending]: 409,
  [DomainErrorCode.HandoffAlreadyConfirmed]: 409,
  [DomainErrorCode.HandoffStale]: 409,
  [DomainErrorCode.RmaAlreadyResolved]: 409,
  [DomainErrorCode.NotUnderRma]: 409,
  [DomainErrorCode.UnitsInOpenLifecycle]: 409,
  [DomainErrorCode.EmailTaken]: 409,
  [DomainErrorCode.ProgrammeCodeTaken]: 409,
  [DomainErrorCode.UsageReadingConflict]: 409,
  [DomainErrorCode.OffsetSerialsOverlap]: 409,
  [DomainErrorCode.OffsetOverAllocated]: 422,
  [DomainErrorCode.CarbonVocabularyUnknown]: 422,
  [DomainErrorCode.IncentiveClaimExists]: 409,
  [DomainErrorCode.UnitEventAlreadyClaimed]: 409,
  [DomainErrorCode.IncentiveCodeTaken]: 409,
  [DomainErrorCode.ClaimRefused]: 422,
  [DomainErrorCode.ClaimEvidenceBroken]: 422,
  [DomainErrorCode.UnsupportedMediaType]: 415,
  [DomainErrorCode.MethodNotAllowed]: 405,
  [DomainErrorCode.PayloadTooLarge]: 413,
  [DomainErrorCode.TooManyRequests]: 429,
  [DomainErrorCode.Overloaded]: 503,
};

/** Fastify's own errors (body parsing, limits) by their code. */
const FASTIFY_ERRORS: Record<string, { status: number; slug: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, slug: 'payload-too-large', title: 'Payload Too Large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, slug: 'unsupported-media-type', title: 'Unsupported Media Type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, slug: 'invalid-json', title: 'Bad Request' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, slug: 'bad-request', title: 'Bad Request' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, slug: 'invalid-json', title: 'Bad Request' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, slug: 'uri-too-long', title: 'URI Too Long' },
  FST_ERR_BAD_URL: { status: 400, slug: 'bad-url', title: 'Bad Request' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, slug: 'unsupported-media-type', title: 'Unsupported Media Type' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE_CHARSET: { status: 415, slug: 'unsupported-media-type', title: 'Unsupported Media Type' },
  FST_ERR_HANDLER_TIMEOUT: { status: 503, slug: 'timeout', title: 'Service Unavailable' },
};

/**
 * Friendlier names for some constraints (a scope column such as the organisation left out). Not needed for a
 * correct answer: any other constraint is named from PostgreSQL's own fields (see `constraintProblem`).
 */
const CONSTRAINT_NAMES: Record<string, { resource: string; fields: string[] }> = {
  users_organisation_email_key: { resource: 'user', fields: ['email'] },
  api_keys_hash_key: { resource: 'API key', fields: ['key'] },
  storage_media_device_serial_key: { resource: 'storage medium', fields: ['serial'] },
  sanitization_certificates_medium_key: { resource: 'sanitization certificate', fields: ['mediumSerial'] },
  audit_events_lifecycle_seq_key: { resource: 'audit entry', fields: ['seq'] },
  lifecycles_device_number_key: { resource: 'lifecycle', fields: ['number'] },
  programmes_oem_code_key: { resource: 'programme', fields: ['code'] },
  offset_retirements_no_overlap: { resource: 'offset retirement', fields: ['registry', 'projectId', 'serialStart', 'serialEnd'] },
  carbon_usage_readings_no_overlap: { resource: 'usage reading', fields: ['deviceId', 'periodStart', 'periodEnd'] },
};

/** SQLSTATE classes of PostgreSQL errors that a client's input or concurrency (not a bug) causes. */
const PG_DATA_EXCEPTIONS = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '2200N', '22023', '22004', '22025']);
const PG_TRANSIENT = new Set(['40001', '40P01', '55P03', '57014', '53300', '53400']);
const POOL_EXHAUSTED = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const logger = new Logger('Problem');

/** Turns any error into an RFC 9457 document. Unknown errors become a bare 500: no stack, no SQL. */
export function toProblem(error: unknown, instance: string): ProblemDocument {
  if (error instanceof DomainError) {
    const status = STATUS_OF_CODE[error.code];
    return {
      type: problemType(error.code),
      title: TITLES[status] ?? 'Error',
      status,
      detail: error.message,
      instance,
      ...error.extensions,
    };
  }
  if (error instanceof ThrottlerException) {
    return {
      type: problemType('rate-limited'),
      title: TITLES[429],
      status: 429,
      detail: 'Too many requests for this API key; retry after the time given in Retry-After.',
      instance,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail =
      typeof body === 'string'
        ? body
        : typeof body === 'object' && body && 'message' in body
          ? String((body as { message: unknown }).message)
          : error.message;
    if (status === 503 && typeof body === 'object' && body && 'status' in body) {
      return { type: problemType('unavailable'), title: TITLES[503], status, detail: 'The service is not ready.', instance, checks: body };
    }
    return { type: problemType(slugOf(status)), title: TITLES[status] ?? 'Error', status, detail, instance };
  }
  const database = databaseProblem(error, instance);
  if (database) return database;
  const fastifyError = error as { code?: string; statusCode?: number; message?: string } | undefined;
  const known = fastifyError?.code ? FASTIFY_ERRORS[fastifyError.code] : undefined;
  if (known) return { type: problemType(known.slug), title: known.title, status: known.status, detail: fastifyError!.message, instance };
  if (fastifyError?.statusCode === 400 && error instanceof SyntaxError) {
    return { type: problemType('invalid-json'), title: TITLES[400], status: 400, detail: 'The body is not valid JSON.', instance };
  }
  if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    return { type: problemType(slugOf(status)), title: TITLES[status] ?? 'Error', status, detail: fastifyError.message, instance };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return {
    type: problemType('internal'),
    title: TITLES[500],
    status: 500,
    detail: 'An unexpected error occurred; it has been logged with this request id.',
    instance,
  };
}

/** PostgreSQL and pool errors that input or load causes: 409 for a constraint, 400 for malformed data, 503 for overload. */
function databaseProblem(error: unknown, instance: string): ProblemDocument | undefined {
  if (!(error instanceof Error)) return undefined;
  const pg = error as Error & {
    code?: unknown;
    constraint?: unknown;
    detail?: unknown;
    driverError?: { code?: unknown; constraint?: unknown; detail?: unknown };
  };
  const code = typeof pg.code === 'string' ? pg.code : typeof pg.driverError?.code === 'string' ? pg.driverError.code : undefined;
  if (code?.startsWith('23')) return constraintProblem(code, pg, instance);
  if (code && PG_DATA_EXCEPTIONS.has(code)) {
    return {
      type: problemType('invalid-input'),
      title: TITLES[400],
      status: 400,
      detail: 'A value of the request cannot be stored (malformed text, a number out of range or a value too long).',
      instance,
    };
  }
  if ((code && PG_TRANSIENT.has(code)) || POOL_EXHAUSTED.test(error.message)) {
    return {
      type: problemType('overloaded'),
      title: TITLES[503],
      status: 503,
      detail: 'The service is busy; nothing was changed. Retry after the time given in Retry-After.',
      instance,
      retryAfterSeconds: 1,
    };
  }
  return undefined;
}

type PgFields = { constraint?: unknown; detail?: unknown; table?: unknown; column?: unknown };

/**
 * Any integrity violation (SQLSTATE class 23), named from what PostgreSQL reports — the table, and the columns of
 * its `Key (a, b)=(…)` detail, never the values (they may belong to another organisation): a unique or exclusion
 * violation is 409 (the same thing exists already), a foreign key is 422 when the request names something that
 * does not exist and 409 when it would remove something still in use, a NOT NULL or CHECK violation is 422.
 */
function constraintProblem(code: string, error: PgFields & { driverError?: PgFields }, instance: string): ProblemDocument {
  const field = (name: keyof PgFields) => {
    const value = error[name] ?? error.driverError?.[name];
    return typeof value === 'string' ? value : undefined;
  };
  const detail = field('detail') ?? '';
  const columns = /^Key \(([^)]+)\)=/.exec(detail)?.[1]?.split(', ') ?? (field('column') ? [field('column')!] : []);
  const table = field('table');
  const named = CONSTRAINT_NAMES[field('constraint') ?? ''];
  const conflict = named ?? { resource: table ? resourceOf(table) : 'record', fields: columns.map(camelCase) };
  const referenced = /present in table "([^"]+)"/.exec(detail)?.[1];
  const what = conflict.fields.join(' and ') || 'identity';
  const [status, text] =
    code === '23505' || code === '23P01'
      ? [409, `${article(conflict.resource)} with the same ${what} already exists.`]
      : code === '23503' && referenced
        ? [422, `The ${what} of the ${conflict.resource} names ${article(resourceOf(referenced)).toLowerCase()} that does not exist.`]
        : code === '23503'
          ? [409, `The ${conflict.resource} is still referred to by other records.`]
          : code === '23502' || code === '23514'
            ? [422, `A value of the ${conflict.resource} breaks a rule of the data (${what}).`]
            : [409, `The request conflicts with the current state of the ${conflict.resource}s.`];
  return {
    type: problemType(status === 409 ? 'conflict' : 'constraint-violated'),
    title: TITLES[status],
    status,
    detail: text,
    instance,
    conflict,
  };
}

/** `storage_media` → "storage media", `devices` → "device": a table's name as a resource. */
const resourceOf = (table: string) => table.replace(/s$/, '').replace(/_/g, ' ');
/** "A user", "An organisation" (good enough for resource names: none starts with a vowel sound spelt otherwise). */
const article = (noun: string) => `${/^[aeio]/i.test(noun) ? 'An' : 'A'} ${noun}`;
const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function slugOf(status: number): string {
  return (TITLES[status] ?? `http-${status}`).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: unknown): void {
  const problem = toProblem(error, request.url);
  problem.requestId = requestIdOf(request.raw);
  reply.header(REQUEST_ID_HEADER, problem.requestId);
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="recert"');
  if ((problem.status === 503 || problem.status === 429) && !reply.hasHeader('retry-after')) {
    reply.header('retry-after', String(typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : 1));
  }
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), exception);
  }
}
