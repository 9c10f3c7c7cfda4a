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
    for (const code of Object.values(DomainErrorCode)) {
      expect(toProblem(new DomainError(code, 'x'), '/x').status).toBe(expected[code]);
    }
  });

  it('keeps extensions such as allowedEvents', () => {
    const problem = toProblem(new DomainError(DomainErrorCode.InvalidTransition, 'no', { allowedEvents: ['GRADE'] }), '/devices/1/events');
    expect(problem).toEqual(
      expect.objectContaining({
        type: expect.stringMatching(/invalid-transition$/),
        status: 409,
        allowedEvents: ['GRADE'],
        instance: '/devices/1/events',
      }),
    );
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

  it('maps database errors by SQLSTATE: constraints 409 without values, malformed data 400, overload 503', () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "users_organisation_email_key"'), {
      code: '23505',
      constraint: 'users_organisation_email_key',
      detail: 'Key (organisation_id, email)=(0b7…, secret@other.example) already exists.',
    });
    const conflict = toProblem(unique, '/users');
    expect(conflict).toEqual(expect.objectContaining({ status: 409, conflict: { resource: 'user', fields: ['email'] } }));
    expect(JSON.stringify(conflict)).not.toContain('secret@other.example');
    const unknown = toProblem(
      Object.assign(new Error('x'), { code: '23505', constraint: 'somewhere_key', detail: 'Key (a, b)=(1, 2) already exists.' }),
      '/',
    );
    expect(unknown).toEqual(expect.objectContaining({ status: 409, conflict: { resource: 'record', fields: ['a', 'b'] } }));
    // No table entry needed: the table and columns PostgreSQL reports name what conflicted.
    const unnamed = toProblem(
      Object.assign(new Error('x'), {
        code: '23505',
        constraint: 'some_new_key',
        table: 'storage_media',
        detail: 'Key (device_id, medium_serial)=(1, SECRET) already exists.',
      }),
      '/',
    );
    expect(unnamed).toEqual(
      expect.objectContaining({ status: 409, conflict: { resource: 'storage media', fields: ['deviceId', 'mediumSerial'] } }),
    );
    expect(JSON.stringify(unnamed)).not.toContain('SECRET');
    const exclusion = {
      code: '23P01',
      table: 'bookings',
      detail: 'Key (room, during)=(1, [2,3)) conflicts with existing key (room, during)=(1, [1,4)).',
    };
    expect(toProblem(Object.assign(new Error('x'), exclusion), '/')).toEqual(
      expect.objectContaining({ status: 409, conflict: { resource: 'booking', fields: ['room', 'during'] } }),
    );
    // A foreign key naming something that does not exist is 422; removing something still referred to is 409.
    const missing = {
      code: '23503',
      table: 'takebacks',
      detail: 'Key (customer_organisation_id)=(0b7…) is not present in table "organisations".',
    };
    expect(toProblem(Object.assign(new Error('x'), missing), '/')).toEqual(
      expect.objectContaining({
        status: 422,
        conflict: { resource: 'takeback', fields: ['customerOrganisationId'] },
        detail: 'The customerOrganisationId of the takeback names an organisation that does not exist.',
      }),
    );
    const inUse = { code: '23503', table: 'organisations', detail: 'Key (id)=(0b7…) is still referenced from table "users".' };
    expect(toProblem(Object.assign(new Error('x'), inUse), '/').status).toBe(409);
    // As TypeORM wraps it (driverError), and for NOT NULL / CHECK: 422.
    const check = Object.assign(new Error('x'), { driverError: { code: '23514', table: 'devices', column: 'device_class' } });
    expect(toProblem(check, '/')).toEqual(
      expect.objectContaining({ status: 422, conflict: { resource: 'device', fields: ['deviceClass'] } }),
    );
    expect(toProblem(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }), '/').status).toBe(400);
    expect(toProblem(Object.assign(new Error('could not serialize access'), { code: '40001' }), '/').status).toBe(503);
    const pool = toProblem(new Error('timeout exceeded when trying to connect'), '/');
    expect(pool).toEqual(expect.objectContaining({ status: 503, retryAfterSeconds: 1 }));
  });
});
