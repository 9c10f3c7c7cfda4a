import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError, DomainErrorCode } from './domain-error';

export interface FieldError {
  path: string;
  messages: string[];
}

/** Flattens class-validator's tree into field paths such as `devices[3].media[0].serial`. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : parent ? `.${error.property}` : error.property;
    const path = `${parent}${segment}`;
    const own = error.constraints ? [{ path, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], path)];
  });
}

export const invalidInput = (errors: FieldError[], detail = 'The request is invalid; see errors for each field.') =>
  new DomainError(DomainErrorCode.InvalidInput, detail, { errors });

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidInput(fieldErrors(errors)),
  });
}

/** Validates a plain object against a DTO class outside the pipe (bodies whose shape depends on content). */
export function validatedInstance<T extends object>(type: new () => T, plain: unknown, pathPrefix = ''): T {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw invalidInput([{ path: pathPrefix || '(body)', messages: ['an object is required'] }]);
  }
  const instance = plainToInstance(type, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw invalidInput(fieldErrors(errors, pathPrefix));
  return instance;
}
