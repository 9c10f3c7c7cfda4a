/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a leading tab or carriage
 * return can hide one): such cells get a leading apostrophe, as OWASP's CSV-injection guidance says, so the
 * text shows as written and nothing runs. Only text cells: numbers and booleans are written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const neutraliseCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
