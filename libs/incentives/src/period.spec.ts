import { judgeFiling, parsePeriod, periodOf, withinClawbackWindow } from './period';

const at = (iso: string) => new Date(iso);

describe('periods and windows', () => {
  it('names months and quarters in UTC', () => {
    expect(parsePeriod('monthly', '2026-12')).toMatchObject({ start: at('2026-12-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') });
    expect(parsePeriod('quarterly', '2026-Q4')).toMatchObject({ start: at('2026-10-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') });
    expect(parsePeriod('monthly', '2026-Q4')).toBeUndefined();
    expect(periodOf('quarterly', at('2026-05-31T23:59:59Z')).key).toBe('2026-Q2');
  });

  it('a 30-day window after 2026-12 is open from 2027-01-01 until 2027-01-31 (exclusive); one day later is refused', () => {
    const december = parsePeriod('monthly', '2026-12')!;
    expect(judgeFiling(december, 30, at('2026-12-31T23:00:00Z'))).toMatchObject({ ok: false, code: 'period-not-ended' });
    expect(judgeFiling(december, 30, at('2027-01-30T23:59:59Z'))).toMatchObject({ ok: true });
    expect(judgeFiling(december, 30, at('2027-01-31T00:00:00Z'))).toMatchObject({ ok: false, code: 'claim-window-closed' });
  });

  it('a reversal counts within the clawback window of its qualifying event: 90 days', () => {
    expect(withinClawbackWindow(at('2026-12-02T00:00:00Z'), at('2027-03-01T23:59:59Z'), 90)).toBe(true);
    expect(withinClawbackWindow(at('2026-12-02T00:00:00Z'), at('2027-03-02T00:00:00Z'), 90)).toBe(false);
  });
});
