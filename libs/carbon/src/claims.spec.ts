import { avoidedClaimBlocker, neutralityLabel } from './claims';

describe('avoided emissions are claimed once per unit lifecycle', () => {
  it('claims the first sale of a lifecycle', () => {
    expect(avoidedClaimBlocker({ lifecycleKinds: ['embodied', 'refurbishment'], rmaReplacement: false })).toBeNull();
  });
  it('claims nothing for a second sale in the same lifecycle', () => {
    expect(avoidedClaimBlocker({ lifecycleKinds: ['embodied', 'avoided'], rmaReplacement: false })).toBe('already-claimed-in-lifecycle');
  });
  it('claims nothing for an RMA replacement', () => {
    expect(avoidedClaimBlocker({ lifecycleKinds: ['embodied'], rmaReplacement: true })).toBe('rma-replacement');
  });
  it('claims again after a refund reversed the claim (1 claim − 1 reversal = none standing)', () => {
    expect(avoidedClaimBlocker({ lifecycleKinds: ['avoided', 'avoided_reversal'], rmaReplacement: false })).toBeNull();
  });
});

describe('no carbon-neutral label on the strength of offsets', () => {
  it('cites Directive (EU) 2024/825 for an EU market from 27 September 2026', () => {
    const label = neutralityLabel({ markets: ['FR'], at: '2026-09-27T00:00:00Z' });
    expect(label.carbonNeutralClaimAllowed).toBe(false);
    expect(label.reason).toContain('2024/825');
  });
  it('keeps the same rule as policy before that date and outside the EU', () => {
    for (const label of [
      neutralityLabel({ markets: ['FR'], at: '2026-09-26T00:00:00Z' }),
      neutralityLabel({ markets: ['US'], at: '2027-01-01' }),
    ]) {
      expect(label.carbonNeutralClaimAllowed).toBe(false);
      expect(label.reason).not.toContain('2024/825');
    }
  });
});
