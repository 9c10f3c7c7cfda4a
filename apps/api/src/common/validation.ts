import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsObject, validateSync, ValidatorOptions } from 'class-validator';
import { DomainError, DomainErrorCode } from './domain-error';

/** An error list longer than this is cut, with the number left out, so a huge bad body cannot make a huge answer. */
export const MAX_FIELD_ERRORS = 50;

/** One message per field (the first rule it breaks), and nested items are not validated once their array is refused. */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

/** Each item of the array must be an object (not an array, which ValidateNested would otherwise walk into). */
export const EachObject = () => IsObject({ each: true, message: 'each item of $property must be an object' });

/**
 * Only what JSON.parse makes reaches validation: a stream, a buffer or a socket never does
 * (class-transformer walks whatever it is given, down to native handles).
 */
export function isPlainJson(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const kind = typeof value;
  if (kind === 'string' || kind === 'number' || kind === 'boolean') return true;
  if (kind !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const notJson = () =>
  new DomainError(DomainErrorCode.UnsupportedMediaType, 'This route takes a JSON body.', { accepted: ['application/json'] });

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
  new DomainError(DomainErrorCode.InvalidInput, detail, {
    errors: errors.slice(0, MAX_FIELD_ERRORS),
    ...(errors.length > MAX_FIELD_ERRORS ? { moreErrors: errors.length - MAX_FIELD_ERRORS } : {}),
  });

/** The global pipe: class-validator with our options, refusing any body that is not plain JSON. */
class RecertValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && !isPlainJson(value)) throw notJson();
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RecertValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => invalidInput(fieldErrors(errors)),
  });
}

/** Validates a plain object against a DTO class outside the pipe (bodies whose shape depends on content). */
export function validatedInstance<T extends object>(type: new () => T, plain: unknown, pathPrefix = ''): T {
  if (!isPlainJson(plain)) throw notJson();
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw invalidInput([{ path: pathPrefix || '(body)', messages: ['an object is required'] }]);
  }
  const instance = plainToInstance(type, plain);
  const errors = validateSync(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw invalidInput(fieldErrors(errors, pathPrefix));
  return instance;
}
