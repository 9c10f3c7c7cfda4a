import { initialContext } from '@recert/lifecycle';
import type { ListEvent } from '@recert/lifecycle';
import { judgeListing } from './listing';
import { lenovoProgramme } from '../test/fixtures';

const programme = lenovoProgramme({
  markets: [
    { market: 'DE', warrantyMonths: 12, extendableToMonths: 36, doaDays: 14 },
    { market: 'FR', warrantyMonths: 12, extendableToMonths: 24, doaDays: 30 },
  ],
});
const list = (market: string): ListEvent => ({ type: 'LIST', channel: 'web', market, price: 399, currency: 'EUR' });
const certified = { ...initialContext({ mediaSerials: [] }), certified: true, programme: 'lenovo-cr@3' };

describe('LIST', () => {
  it('a certified unit is listed only in a market of its programme (market-not-in-programme, with the allowed markets)', () => {
    // the programme sells in DE and FR: US has no warranty terms, so the unit cannot be offered there
    expect(judgeListing({ context: certified, pinned: programme }, list('US'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'The listing is outside the programme.',
      reasons: [{ code: 'market-not-in-programme', message: 'lenovo-cr@3 sells only in DE, FR, not US' }],
      extra: { field: 'market', allowed: ['DE', 'FR'] },
    });
    expect(judgeListing({ context: certified, pinned: programme }, list('FR'))).toEqual({ ok: true, event: list('FR') });
  });

  it('an uncertified unit is sold outside any programme: any market', () => {
    expect(judgeListing({ context: initialContext({ mediaSerials: [] }), pinned: programme }, list('US'))).toMatchObject({ ok: true });
  });
});
