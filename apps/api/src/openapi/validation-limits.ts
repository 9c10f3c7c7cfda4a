import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * The Swagger plugin reads only the decorators it sees literally in a `*.dto.ts` file, so limits made by a helper
 * (`Text(100)` = `Length(1, 100)`) or inherited never reach the document. The validators themselves are the truth:
 * this copies every DTO's class-validator limits (lengths, patterns, enumerations, ranges, sizes, formats) into the
 * schema of the same name, so what the document says is what the service checks.
 */
type DtoClass = abstract new (...args: never[]) => unknown;

export function addValidationLimits(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const byTarget = (getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, ValidationMetadata[]> }).validationMetadatas;
  const targets = [...byTarget.keys()];
  for (const target of targets) {
    const schema = schemas[target.name] as SchemaObject | undefined;
    if (!schema?.properties) continue;
    // A class's own limits and those of every class it extends.
    const metadata = targets.filter((t) => t === target || target.prototype instanceof t).flatMap((t) => byTarget.get(t) ?? []);
    for (const rule of metadata) {
      const property = schema.properties[rule.propertyName] as SchemaObject | undefined;
      if (!property || '$ref' in property) continue;
      const each = rule.each && property.type === 'array' && property.items && !('$ref' in property.items);
      const into = each ? (property.items as SchemaObject) : property;
      applyRule(rule, into, property);
    }
  }
}

function applyRule(rule: ValidationMetadata, into: SchemaObject, property: SchemaObject): void {
  const [first, second] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'isLength':
      into.minLength = first as number;
      if (second !== undefined) into.maxLength = second as number;
      return;
    case 'minLength':
      into.minLength = first as number;
      return;
    case 'maxLength':
      into.maxLength = first as number;
      return;
    case 'matches':
      into.pattern = first instanceof RegExp ? first.source : String(first);
      return;
    case 'isIn':
      if (!into.enum) into.enum = [...(first as unknown[])];
      return;
    case 'min':
      into.minimum = first as number;
      return;
    case 'max':
      into.maximum = first as number;
      return;
    case 'isPositive':
      into.minimum = 0;
      into.exclusiveMinimum = true;
      return;
    case 'isInt':
      into.type = 'integer';
      return;
    case 'arrayMinSize':
      property.minItems = first as number;
      return;
    case 'arrayMaxSize':
      property.maxItems = first as number;
      return;
    case 'isIso8601':
    case 'isISO8601':
      into.format ??= 'date-time';
      return;
    case 'isUuid':
    case 'isUUID':
      into.format ??= 'uuid';
      return;
    case 'isEmail':
      into.format ??= 'email';
      return;
  }
}
