import { usageWindows } from './usage-window';

const at = (iso: string) => new Date(iso);

describe('usageWindows: hourly counters for whole hours, the trail for the partial hours at either end', () => {
  it('a month up to 14:25 is whole hours from the 1st 00:00 to 14:00, and the trail for 14:00–14:25', () => {
    expect(usageWindows(at('2026-12-01T00:00:00Z'), at('2026-12-02T14:25:00Z'))).toEqual({
      wholeHours: { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-02T14:00:00Z') },
      edges: [{ from: at('2026-12-02T14:00:00Z'), to: at('2026-12-02T14:25:00Z') }],
    });
  });

  it('ragged at both ends: 09:40–12:10 is 10:00–12:00 from counters, 09:40–10:00 and 12:00–12:10 from the trail', () => {
    expect(usageWindows(at('2026-12-02T09:40:00Z'), at('2026-12-02T12:10:00Z'))).toEqual({
      wholeHours: { from: at('2026-12-02T10:00:00Z'), to: at('2026-12-02T12:00:00Z') },
      edges: [
        { from: at('2026-12-02T09:40:00Z'), to: at('2026-12-02T10:00:00Z') },
        { from: at('2026-12-02T12:00:00Z'), to: at('2026-12-02T12:10:00Z') },
      ],
    });
  });

  it('aligned at both ends: counters only', () => {
    expect(usageWindows(at('2026-12-02T10:00:00Z'), at('2026-12-02T12:00:00Z'))).toEqual({
      wholeHours: { from: at('2026-12-02T10:00:00Z'), to: at('2026-12-02T12:00:00Z') },
      edges: [],
    });
  });

  it('inside one hour, or across one boundary without a whole hour (09:40–10:30): the trail alone, as one range', () => {
    expect(usageWindows(at('2026-12-02T09:10:00Z'), at('2026-12-02T09:50:00Z'))).toEqual({
      wholeHours: null,
      edges: [{ from: at('2026-12-02T09:10:00Z'), to: at('2026-12-02T09:50:00Z') }],
    });
    expect(usageWindows(at('2026-12-02T09:40:00Z'), at('2026-12-02T10:30:00Z'))).toEqual({
      wholeHours: null,
      edges: [{ from: at('2026-12-02T09:40:00Z'), to: at('2026-12-02T10:30:00Z') }],
    });
  });

  it('an empty period reads nothing', () => {
    expect(usageWindows(at('2026-12-02T09:00:00Z'), at('2026-12-02T09:00:00Z'))).toEqual({ wholeHours: null, edges: [] });
  });
});
