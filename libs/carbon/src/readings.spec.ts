import { judgeReadings } from './readings';

const march = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z', kwh: 4 };
const april = { periodStart: '2026-04-01T00:00:00.000Z', periodEnd: '2026-05-01T00:00:00.000Z', kwh: 5 };

describe('usage readings of one device', () => {
  it('records periods in order, in whatever order the request lists them', () => {
    expect(judgeReadings([], [april, march])).toEqual([{ status: 'recorded' }, { status: 'recorded' }]);
  });
  it('treats the same period with the same values as a duplicate (idempotent)', () => {
    expect(judgeReadings([march], [march])).toEqual([{ status: 'duplicate' }]);
  });
  it('refuses the same period with other values', () => {
    expect(judgeReadings([march], [{ ...march, kwh: 9 }])[0]).toMatchObject({ status: 'conflict', reason: 'different-values' });
  });
  it('refuses a period overlapping a recorded one, naming it', () => {
    const overlapping = { periodStart: '2026-03-15T00:00:00.000Z', periodEnd: '2026-04-15T00:00:00.000Z', kwh: 3 };
    expect(judgeReadings([march], [overlapping])).toEqual([
      { status: 'conflict', reason: 'overlap', recorded: { periodStart: march.periodStart, periodEnd: march.periodEnd } },
    ]);
  });
  it('refuses a period before the latest recorded one (out of order)', () => {
    const february = { periodStart: '2026-02-01T00:00:00.000Z', periodEnd: '2026-03-01T00:00:00.000Z', kwh: 2 };
    expect(judgeReadings([march, april], [february])[0]).toMatchObject({ status: 'conflict', reason: 'out-of-order' });
  });
});
