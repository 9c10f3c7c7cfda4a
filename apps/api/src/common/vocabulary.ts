import { unknownValue } from '@recert/evidence';
import { DomainError, DomainErrorCode } from './domain-error';

export interface VocabularyCheck {
  field: string;
  value: string | undefined;
  allowed: readonly string[];
  /** Where the vocabulary is published, e.g. `GET /catalogue/grades`. */
  catalogue: string;
}

/** 422 naming every filter value outside its closed vocabulary (all of them at once); a missing value passes. */
export function assertKnownValues(checks: VocabularyCheck[]): void {
  const reasons = checks
    .filter((c) => c.value !== undefined && !c.allowed.includes(c.value))
    .map((c) => unknownValue('unknown-filter-value', c.field, c.value, c.allowed, c.catalogue));
  if (reasons.length > 0)
    throw new DomainError(DomainErrorCode.Unprocessable, `unknown value(s) for ${reasons.map((r) => r.field).join(', ')}`, { reasons });
}
