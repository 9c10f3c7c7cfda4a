import { initialContext, PART_KINDS } from '@recert/lifecycle';
import type { HarvestEvent } from '@recert/lifecycle';
import { judgeHarvest, judgeRepair } from './harvest';

const donor = { serial: 'PF2XYZ', model: 'ThinkPad T14', brand: 'lenovo' };
const harvest = (parts: HarvestEvent['parts']): HarvestEvent => ({ type: 'HARVEST', parts });
/** The donor's two media, as its storage_media rows say and as its lifecycle has them (S2 failed one wipe). */
const media = [
  { serial: 'S6P1NX0T', mediaType: 'nvme', interface: 'nvme', capacityGb: 512 },
  { serial: 'WD-HDD-9', mediaType: 'hdd', interface: 'sas', capacityGb: 2000 },
];
const context = initialContext({ mediaSerials: ['S6P1NX0T', 'WD-HDD-9'] });
const facts = (takenSerials: string[] = [], ctx = context) => ({ donor, takenSerials, media, context: ctx });

describe('HARVEST', () => {
  it('names each part: its own serial in capitals, else the donor’s serial + kind + position; a drive takes over the donor’s medium record', () => {
    const failedOnce = { ...context, media: [context.media[0], { ...context.media[1], status: 'failed' as const, attempts: 1 }] };
    const event = harvest([
      { kind: 'ssd', serial: 's6p1nx0t' },
      { kind: ' RAM ', serial: ' ab12 ', model: '16GB DDR4' },
      { kind: 'hdd', serial: 'WD-HDD-9', mediaType: 'hdd' },
    ]);
    expect(judgeHarvest(facts([], failedOnce), event)).toEqual({
      ok: true,
      event: {
        type: 'HARVEST',
        parts: [
          // part 1: named by the donor's medium serial; type and interface are the medium's, its progress comes along
          {
            kind: 'ssd',
            serial: 'S6P1NX0T',
            model: 'ssd from ThinkPad T14',
            mediaType: 'nvme',
            interface: 'nvme',
            medium: { serial: 'S6P1NX0T', status: 'pending', level: null, attempts: 0 },
          },
          // part 2: its own serial, trimmed and in capitals; no medium
          { kind: 'ram', serial: 'AB12', model: '16GB DDR4' },
          // part 3: the drive whose wipe failed once keeps that failure (status, attempts)
          {
            kind: 'hdd',
            serial: 'WD-HDD-9',
            model: 'hdd from ThinkPad T14',
            mediaType: 'hdd',
            interface: 'sas',
            medium: { serial: 'WD-HDD-9', status: 'failed', level: null, attempts: 1 },
          },
        ],
      },
    });
  });

  it('refuses a storage part that names none of the donor’s media, by its kind, its media type or nothing at all (storage-part-medium-unknown)', () => {
    const refused = judgeHarvest(facts(), harvest([{ kind: 'ssd' }, { kind: 'board', serial: 'X1', mediaType: 'ssd' }]));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reasons.map((r) => r.code)).toEqual(['storage-part-medium-unknown', 'storage-part-medium-unknown']);
    expect(!refused.ok && refused.reasons[0].message).toMatch(/S6P1NX0T, WD-HDD-9/);
  });

  it('a part named by a medium serial is a storage part whatever its kind; a medium already taken is no longer the donor’s', () => {
    const taken = { ...context, media: [context.media[1]] };
    const refused = judgeHarvest(facts([], taken), harvest([{ kind: 'board', serial: 'S6P1NX0T' }]));
    expect(!refused.ok && refused.reasons.map((r) => r.code)).toEqual(['storage-part-medium-unknown']);
  });

  it('refuses a medium awaiting validation, and a media type that is not the medium’s', () => {
    const awaiting = {
      ...context,
      media: [{ ...context.media[0], status: 'sanitized' as const, level: 'purge' as const, attempts: 1 }, context.media[1]],
    };
    const refused = judgeHarvest(
      facts([], awaiting),
      harvest([
        { kind: 'ssd', serial: 'S6P1NX0T' },
        { kind: 'hdd', serial: 'WD-HDD-9', mediaType: 'ssd' },
      ]),
    );
    expect(!refused.ok && refused.reasons.map((r) => r.code)).toEqual(['medium-awaiting-validation', 'medium-type-mismatch']);
  });

  it('refuses a serial listed twice, once however often it repeats (part-serial-repeated)', () => {
    const event = harvest([
      { kind: 'ram', serial: 'AB12' },
      { kind: 'ram', serial: 'ab12 ' },
      { kind: 'ram', serial: ' AB12' },
    ]);
    expect(judgeHarvest(facts(), event)).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'The harvested parts cannot become units.',
      reasons: [{ code: 'part-serial-repeated', message: 'AB12 is listed twice' }],
    });
  });

  it('refuses a serial a unit of the brand already has (part-serial-exists)', () => {
    expect(judgeHarvest(facts(['PF2XYZ-BATTERY-1']), harvest([{ kind: 'battery' }]))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'The harvested parts cannot become units.',
      reasons: [{ code: 'part-serial-exists', message: 'a lenovo unit PF2XYZ-BATTERY-1 already exists' }],
    });
  });

  it('refuses a part kind outside the vocabulary, with its path and the kinds allowed (part-kind-unknown)', () => {
    // "memroy" is a typo: parts are looked up by kind later (a drive carries a medium), so no free text
    expect(judgeHarvest(facts(), harvest([{ kind: 'ram' }, { kind: 'Memroy' }]))).toMatchObject({
      ok: false,
      reasons: [
        {
          code: 'part-kind-unknown',
          field: 'parts[1].kind',
          allowed: PART_KINDS,
          message: expect.stringContaining('"memroy" is not in the part kinds'),
        },
      ],
    });
    const repair = {
      type: 'COMPLETE_REPAIR' as const,
      parts: [
        { kind: 'keyboard', condition: 'genuine' as const },
        { kind: 'keybaord', condition: 'used' as const },
      ],
    };
    expect(judgeRepair(repair)).toMatchObject({ ok: false, reasons: [{ code: 'part-kind-unknown', field: 'parts[1].kind' }] });
    expect(judgeRepair({ ...repair, parts: [repair.parts[0]] })).toMatchObject({ ok: true });
  });
});
