import { PART_KINDS } from '@recert/lifecycle';
import type { HarvestEvent } from '@recert/lifecycle';
import { judgeHarvest, judgeRepair } from './harvest';

const donor = { serial: 'PF2XYZ', model: 'ThinkPad T14', brand: 'lenovo' };
const harvest = (parts: HarvestEvent['parts']): HarvestEvent => ({ type: 'HARVEST', parts });

describe('HARVEST', () => {
  it('names each part: its own serial in capitals, else the donor’s serial + kind + position; a drive keeps its medium', () => {
    const event = harvest([{ kind: 'ssd', mediaType: 'nvme' }, { kind: ' RAM ', serial: ' ab12 ', model: '16GB DDR4' }, { kind: 'hdd', mediaType: 'hdd', interface: 'SAS' }]);
    expect(judgeHarvest({ donor, takenSerials: [] }, event)).toEqual({
      ok: true,
      event: {
        type: 'HARVEST',
        parts: [
          // part 1: PF2XYZ-ssd-1 in capitals; an NVMe drive's interface defaults to nvme
          { kind: 'ssd', serial: 'PF2XYZ-SSD-1', model: 'ssd from ThinkPad T14', mediaType: 'nvme', interface: 'nvme' },
          // part 2: its own serial, trimmed and in capitals; no medium
          { kind: 'ram', serial: 'AB12', model: '16GB DDR4' },
          // part 3: the interface given, in lower case
          { kind: 'hdd', serial: 'PF2XYZ-HDD-3', model: 'hdd from ThinkPad T14', mediaType: 'hdd', interface: 'sas' },
        ],
      },
    });
  });

  it('refuses a serial listed twice, once however often it repeats (part-serial-repeated)', () => {
    const event = harvest([{ kind: 'ram', serial: 'AB12' }, { kind: 'ram', serial: 'ab12 ' }, { kind: 'ram', serial: ' AB12' }]);
    expect(judgeHarvest({ donor, takenSerials: [] }, event)).toEqual({
      ok: false, refusal: 'evidence-rejected', detail: 'The harvested parts cannot become units.', reasons: [{ code: 'part-serial-repeated', message: 'AB12 is listed twice' }],
    });
  });

  it('refuses a part kind outside the vocabulary, with its path and the kinds allowed (part-kind-unknown)', () => {
    // "memroy" is a typo: parts are looked up by kind later (a drive carries a medium), so no free text
    expect(judgeHarvest({ donor, takenSerials: [] }, harvest([{ kind: 'ram' }, { kind: 'Memroy' }]))).toMatchObject({
      ok: false, reasons: [{ code: 'part-kind-unknown', field: 'parts[1].kind', allowed: PART_KINDS, message: expect.stringContaining('"memroy" is not in the part kinds') }],
    });
    const repair = { type: 'COMPLETE_REPAIR' as const, parts: [{ kind: 'keyboard', condition: 'genuine' as const }, { kind: 'keybaord', condition: 'used' as const }] };
    expect(judgeRepair(repair)).toMatchObject({ ok: false, reasons: [{ code: 'part-kind-unknown', field: 'parts[1].kind' }] });
    expect(judgeRepair({ ...repair, parts: [repair.parts[0]] })).toMatchObject({ ok: true });
  });

  it('refuses a serial a unit of the brand already has (part-serial-exists)', () => {
    expect(judgeHarvest({ donor, takenSerials: ['PF2XYZ-SSD-1'] }, harvest([{ kind: 'ssd', mediaType: 'ssd' }]))).toEqual({
      ok: false, refusal: 'evidence-rejected', detail: 'The harvested parts cannot become units.', reasons: [{ code: 'part-serial-exists', message: 'a lenovo unit PF2XYZ-SSD-1 already exists' }],
    });
  });
});
