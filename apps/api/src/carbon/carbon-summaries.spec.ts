import { ALL_YEARS, summaryRows, SummarisedEntry } from './carbon-summaries';

const entry = (over: Partial<SummarisedEntry> & { kg?: number; kind?: SummarisedEntry['figure']['kind'] } = {}): SummarisedEntry => ({
  deviceId: 'd1',
  deviceClass: 'notebook',
  customerOrganisationId: 'cust',
  custodianOrganisationId: 'centre',
  takebackId: 'tb',
  programmeId: null,
  recordedAt: '2026-03-05T10:00:00.000Z',
  figure: {
    kind: over.kind ?? 'refurbishment',
    factorSet: 'recert-carbon@2026.1',
    amount: { kg: over.kg ?? 2, low: (over.kg ?? 2) - 1, high: (over.kg ?? 2) + 1 },
    inputs: {},
  },
  ...over,
});

describe('summaryRows', () => {
  it('adds a month’s entries of one subject, class and kind into one total', () => {
    // 2 + 3 = 5 kg, low 1 + 2 = 3, high 3 + 4 = 7, 2 entries; once per subject that is set (customer, takeback, partner)
    const { totals } = summaryRows([entry({ kg: 2 }), entry({ kg: 3, deviceId: 'd2' })]);
    expect(totals.map((t) => t.key[0])).toEqual(['customer', 'partner', 'takeback']);
    for (const t of totals) expect(t).toMatchObject({ kg: 5, low: 3, high: 7, entries: 2 });
  });

  it('keeps months, kinds and the avoided claim’s market apart', () => {
    const { totals } = summaryRows([
      entry({ takebackId: null, custodianOrganisationId: 'centre', customerOrganisationId: null }),
      entry({ takebackId: null, customerOrganisationId: null, recordedAt: '2026-04-01T00:00:00.000Z' }),
      {
        ...entry({ takebackId: null, customerOrganisationId: null, kind: 'avoided' }),
        figure: { ...entry().figure, kind: 'avoided', inputs: { market: 'DE' } },
      },
    ]);
    expect(totals.map((t) => t.key.slice(2).join(' '))).toEqual([
      '2026-03-01 notebook avoided recert-carbon@2026.1 DE',
      '2026-03-01 notebook refurbishment recert-carbon@2026.1 ',
      '2026-04-01 notebook refurbishment recert-carbon@2026.1 ',
    ]);
  });

  it('records each unit once per subject and year, and once for all years', () => {
    const { units } = summaryRows([
      entry({ takebackId: null, customerOrganisationId: null }),
      entry({ takebackId: null, customerOrganisationId: null, kind: 'logistics' }),
      entry({ takebackId: null, customerOrganisationId: null, recordedAt: '2027-01-02T00:00:00.000Z' }),
    ]);
    expect(units).toEqual([
      ['partner', 'centre', 2026, 'notebook', 'd1'],
      ['partner', 'centre', ALL_YEARS, 'notebook', 'd1'],
      ['partner', 'centre', 2027, 'notebook', 'd1'],
    ]);
  });

  it('sorts totals by key whatever the order of the entries (one lock order for concurrent commands)', () => {
    const a = summaryRows([entry({ customerOrganisationId: 'b' }), entry({ customerOrganisationId: 'a', deviceId: 'd2' })]);
    const b = summaryRows([entry({ customerOrganisationId: 'a', deviceId: 'd2' }), entry({ customerOrganisationId: 'b' })]);
    expect(a.totals.map((t) => t.key.join('|'))).toEqual(b.totals.map((t) => t.key.join('|')));
    const keys = a.totals.map((t) => t.key.join('|'));
    expect(keys).toEqual([...keys].sort());
  });
});
