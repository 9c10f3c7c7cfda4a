import fc from 'fast-check';
import { neutraliseCell } from './csv-injection';

describe('neutraliseCell (CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('prefixes %j with an apostrophe', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it.each(['PF3KX2AB', 'Dock 1', '', "'already quoted", 'a=b', 'x-1'])('leaves %j as it is', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });

  it('never leaves a formula start at the beginning, and only ever adds one character', () => {
    fc.assert(
      fc.property(fc.string(), (cell) => {
        const out = neutraliseCell(cell);
        expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
        expect(out === cell || out === `'${cell}`).toBe(true);
      }),
    );
  });
});
