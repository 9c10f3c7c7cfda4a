import type { CarbonKind } from './entries';

/** Why a sale or return creates no avoided claim, or null when it claims. */
export type NoClaimReason = 'already-claimed-in-lifecycle' | 'rma-replacement' | null;

/**
 * Avoided emissions are claimed once per unit lifecycle: a second sale in the same lifecycle, or the sale of an
 * RMA replacement (the customer's original unit already carries the claim), claims nothing. A claim that a refund
 * reversed no longer counts, so a later sale may claim again.
 */
export function avoidedClaimBlocker(input: { lifecycleKinds: CarbonKind[]; rmaReplacement: boolean }): NoClaimReason {
  if (input.rmaReplacement) return 'rma-replacement';
  const claims = input.lifecycleKinds.filter((k) => k === 'avoided').length;
  const reversals = input.lifecycleKinds.filter((k) => k === 'avoided_reversal').length;
  return claims > reversals ? 'already-claimed-in-lifecycle' : null;
}

/** The EU consumer-market rule (Directive (EU) 2024/825, from 27 September 2026): no "carbon neutral" claim on offsets. */
export const EU_MARKETS = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'EU',
] as const;
export const EU_GREEN_CLAIMS_FROM = '2026-09-27';

export interface NeutralityLabel {
  carbonNeutralClaimAllowed: boolean;
  reason: string;
}

/**
 * Recert never labels a product "carbon neutral" on the strength of offsets: offsets are reported beside the
 * inventory, never subtracted. In EU markets from 27 September 2026 the directive forbids it outright; elsewhere
 * the same rule holds as Recert's policy, and the reason says which applies.
 */
export function neutralityLabel(input: { markets: string[]; at: string }): NeutralityLabel {
  const eu = input.markets.some((m) => (EU_MARKETS as readonly string[]).includes(m.toUpperCase()));
  if (eu && input.at.slice(0, 10) >= EU_GREEN_CLAIMS_FROM) {
    return {
      carbonNeutralClaimAllowed: false,
      reason:
        'Directive (EU) 2024/825 (from 27 September 2026): a product sold to consumers in the EU may not be called carbon neutral on the strength of offsets; offsets are reported beside the figures, never subtracted.',
    };
  }
  return {
    carbonNeutralClaimAllowed: false,
    reason: 'Offsets are reported beside the inventory and avoided figures, never subtracted: no carbon-neutral claim rests on them.',
  };
}
