import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorCode } from './domain-error';
import { PROBLEM_CONTENT_TYPE, ProblemDocument, problemType } from './problem';
import { requestIdOf } from './request-id';

const STATUS_OF_CODE: Record<DomainErrorCode, number> = {
  [DomainErrorCode.NotFound]: 404,
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
};

/** Fastify's own errors (body parsing, limits) by their code. */
const FASTIFY_ERRORS: Record<string, { status: number; slug: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, slug: 'payload-too-large', title: 'Payload Too Large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, slug: 'unsupported-media-type', title: 'Unsupported Media Type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, slug: 'invalid-json', title: 'Bad Request' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, slug: 'bad-request', title: 'Bad Request' },
};

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 412: 'Precondition Failed', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 428: 'Precondition Required', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const logger = new Logger('Problem');

/** Turns any error into an RFC 9457 document. Unknown errors become a bare 500: no stack, no SQL. */
export function toProblem(error: unknown, instance: string): ProblemDocument {
  if (error instanceof DomainError) {
    const status = STATUS_OF_CODE[error.code];
    return { type: problemType(error.code), title: TITLES[status] ?? 'Error', status, detail: error.message, instance, ...error.extensions };
  }
  if (error instanceof ThrottlerException) {
    return { type: problemType('rate-limited'), title: TITLES[429], status: 429, detail: 'Too many requests for this API key; retry after the time given in Retry-After.', instance };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : error.message;
    if (status === 503 && typeof body === 'object' && body && 'status' in body) {
      return { type: problemType('unavailable'), title: TITLES[503], status, detail: 'The service is not ready.', instance, checks: body };
    }
    return { type: problemType(slugOf(status)), title: TITLES[status] ?? 'Error', status, detail, instance };
  }
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
  logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
  return { type: problemType('internal'), title: TITLES[500], status: 500, detail: 'An unexpected error occurred; it has been logged with this request id.', instance };
}

function slugOf(status: number): string {
  return (TITLES[status] ?? `http-${status}`).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: unknown): void {
  const problem = toProblem(error, request.url);
  problem.requestId = requestIdOf(request.raw);
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="recert"');
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), exception);
  }
}

