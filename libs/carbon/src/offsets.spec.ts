import fc from 'fast-check';
import { allocationFits, blocksOverlap, tonnesOfBlock } from './offsets';

const block = (serialStart: number, serialEnd: number, projectId = 'VCS-981') => ({
  registry: 'verra_vcs',
  projectId,
  serialStart,
  serialEnd,
});

describe('offset serial blocks', () => {
  it('a block n..m holds m − n + 1 tonnes', () => {
    // 1001..1100 → 100 t
    expect(tonnesOfBlock(block(1001, 1100))).toBe(100);
  });
  it('overlap within a project, not across projects', () => {
    expect(blocksOverlap(block(1, 100), block(100, 200))).toBe(true);
    expect(blocksOverlap(block(1, 100), block(101, 200))).toBe(false);
    expect(blocksOverlap(block(1, 100), block(50, 60, 'GS-1'))).toBe(false);
  });
  it('overlap is symmetric and matches a shared serial', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(50), fc.nat(1000), fc.nat(50), (a, la, b, lb) => {
        const x = block(a, a + la);
        const y = block(b, b + lb);
        const shared = Array.from({ length: la + 1 }, (_, i) => a + i).some((s) => s >= b && s <= b + lb);
        return blocksOverlap(x, y) === blocksOverlap(y, x) && blocksOverlap(x, y) === shared;
      }),
    );
  });
  it('refuses an allocation beyond what is left (100 t retired, 80 t allocated: 20 t left)', () => {
    expect(allocationFits({ retiredT: 100, allocatedT: 80, requestedT: 20 })).toEqual({ ok: true, remainingT: 20 });
    expect(allocationFits({ retiredT: 100, allocatedT: 80, requestedT: 20.5 })).toEqual({ ok: false, remainingT: 20 });
  });
});
