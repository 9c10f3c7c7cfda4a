import type { Reason } from './facts';

/**
 * A value outside its closed, versioned vocabulary (a rubric's zones, a suite's checks, the policy's methods,
 * the part kinds…): the reason names the field's path and the values allowed there.
 */
export const unknownValue = (code: string, field: string, value: unknown, allowed: readonly string[], catalogue: string): Reason => ({
  code,
  field,
  allowed,
  message: `${field}: ${JSON.stringify(value)} is not in ${catalogue}; allowed: ${allowed.join(', ') || 'none'}`,
});

/** One reason per value of `values` (with its path) that `allowed` does not hold. */
export function unknownValues(
  code: string,
  values: Array<[field: string, value: unknown]>,
  allowed: readonly string[],
  catalogue: string,
): Reason[] {
  return values
    .filter(([, value]) => !allowed.includes(value as string))
    .map(([field, value]) => unknownValue(code, field, value, allowed, catalogue));
}
