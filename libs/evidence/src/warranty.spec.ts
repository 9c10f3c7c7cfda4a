import { addMonths } from './warranty-evidence';

describe('warranty terms in calendar months', () => {
  it('adds months on the calendar, keeping the time of day', () => {
    expect(addMonths(new Date('2026-11-23T10:15:00.000Z'), 12).toISOString()).toBe('2027-11-23T10:15:00.000Z');
    expect(addMonths(new Date('2026-11-23T10:15:00.000Z'), 3).toISOString()).toBe('2027-02-23T10:15:00.000Z');
  });

  it('clamps to the last day of a shorter month, leap years included', () => {
    expect(addMonths(new Date('2027-01-31T00:00:00.000Z'), 1).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2027-08-31T12:00:00.000Z'), 6).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(addMonths(new Date('2028-02-29T00:00:00.000Z'), 12).toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });

  it('zero months is the same instant', () => {
    expect(addMonths(new Date('2026-11-23T10:15:00.000Z'), 0).toISOString()).toBe('2026-11-23T10:15:00.000Z');
  });
});
