import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, DomainErrorCode } from './domain-error';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps every domain error code to its HTTP status', () => {
    const expected: Record<DomainErrorCode, number> = {
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
      [DomainErrorCode.UnsupportedMediaType]: 415,
      [DomainErrorCode.PayloadTooLarge]: 413,
      [DomainErrorCode.TooManyRequests]: 429,
      [DomainErrorCode.Overloaded]: 503,
    };
    for (const code of Object.values(DomainErrorCode)) {
      expect(toProblem(new DomainError(code, 'x'), '/x').status).toBe(expected[code]);
    }
  });

  it('keeps extensions such as allowedEvents', () => {
    const problem = toProblem(new DomainError(DomainErrorCode.InvalidTransition, 'no', { allowedEvents: ['GRADE'] }), '/devices/1/events');
    expect(problem).toEqual(expect.objectContaining({ type: expect.stringMatching(/invalid-transition$/), status: 409, allowedEvents: ['GRADE'], instance: '/devices/1/events' }));
  });

  it('maps Nest and fastify errors, and hides unknown ones behind a bare 500', () => {
    expect(toProblem(new NotFoundException(), '/').status).toBe(404);
    expect(toProblem(new BadRequestException('bad'), '/').detail).toBe('bad');
    expect(toProblem(new ThrottlerException(), '/').status).toBe(429);
    expect(toProblem(Object.assign(new Error('too big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), '/').status).toBe(413);
    const hidden = toProblem(new Error('relation "secret_table" does not exist'), '/');
    expect(hidden.status).toBe(500);
    expect(JSON.stringify(hidden)).not.toContain('secret_table');
  });
});
