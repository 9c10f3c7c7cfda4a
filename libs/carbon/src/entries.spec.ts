import { addBands } from './band';
import { avoidedFigure, avoidedReversalFigure, embodiedFigure, logisticsFigure, refurbishmentFigure, useFigure } from './entries';

const claimant = { organisationId: '00000000-0000-4000-8000-000000000001', role: 'oem' as const };

describe('embodied: the new-device footprint a refurbished unit displaces', () => {
  it('takes a known model from its PCF row: total × (manufacturing + transport + end-of-life shares), band from the error %', () => {
    // Dell Latitude 7420: 341 kg × (0.859 + 0 + 0) = 292.919 kg; ± 23.75 % → 223.351 … 362.487
    const figure = embodiedFigure({ brand: 'dell', model: 'Latitude 7420', deviceClass: 'notebook' });
    expect(figure.amount).toEqual({ kg: 292.919, low: 223.351, high: 362.487 });
    expect(figure.source).toMatchObject({ row: 'boavizta-data-us.csv: Dell/Latitude 7420 (January 2021)' });
    expect(figure.factorSet).toBe('recert-carbon@2026.1');
  });

  it('adds the transport share where the row gives one', () => {
    // Dell OptiPlex 3070 Tower: 579 kg × (0.53 + 0.026) = 321.924 kg; ± 16.41 % → 269.096 … 374.752
    expect(embodiedFigure({ brand: 'Dell', model: 'OptiPlex 3070 Tower', deviceClass: 'desktop' }).amount).toEqual({
      kg: 321.924,
      low: 269.096,
      high: 374.752,
    });
  });

  it('uses the non-use share for a row without a manufacturing share', () => {
    // Lenovo IdeaPad 5-15: 232 kg × (1 − 0.15) = 197.2 kg; ± 24.57 % → 148.748 … 245.652
    const figure = embodiedFigure({ brand: 'lenovo', model: 'ideapad 5-15', deviceClass: 'notebook' });
    expect(figure.amount).toEqual({ kg: 197.2, low: 148.748, high: 245.652 });
    expect(figure.inputs).toMatchObject({ shareBasis: 'non-use', embodiedShare: 0.85 });
  });

  it('gives an unknown model its class default and says so', () => {
    // notebook default: median of the 26 notebook rows = 199.775 kg; ± 40 % → 119.865 … 279.685
    const figure = embodiedFigure({ brand: 'acme', model: 'Book 9000', deviceClass: 'notebook' });
    expect(figure.amount).toEqual({ kg: 199.775, low: 119.865, high: 279.685 });
    expect(figure.source.classDefault).toBe('notebook');
    expect(figure.source.note).toContain('no PCF for acme Book 9000');
  });
});

describe('refurbishment: station energy × the site grid + replaced parts', () => {
  it('differs between France and Germany by the grid factors', () => {
    // 2 kWh × 56 g = 0.112 kg (FR) vs 2 kWh × 381 g = 0.762 kg (DE), ± 20 %
    const fr = refurbishmentFigure({ deviceClass: 'notebook', stationKwh: 2, country: 'FR', at: '2026-03-01T00:00:00Z' });
    const de = refurbishmentFigure({ deviceClass: 'notebook', stationKwh: 2, country: 'DE', at: '2026-03-01T00:00:00Z' });
    expect(fr.amount).toEqual({ kg: 0.112, low: 0.09, high: 0.134 });
    expect(de.amount).toEqual({ kg: 0.762, low: 0.61, high: 0.914 });
  });

  it('takes the class default energy when none is stated, and adds each replaced part', () => {
    // notebook default 1.5 kWh × 381 g = 0.5715 kg (± 20 %: 0.4572 … 0.6858) + battery 8 kg (± 50 %: 4 … 12)
    // = 8.572 (8.5715 rounded) kg, 4.457 … 12.686
    const figure = refurbishmentFigure({ deviceClass: 'notebook', country: 'DE', at: '2026-03-01T00:00:00Z', replacedParts: ['battery'] });
    expect(figure.amount).toEqual({ kg: 8.572, low: 4.457, high: 12.686 });
    expect(figure.inputs).toMatchObject({ stationKwh: 1.5, stationKwhStated: false });
  });

  it('falls back to the world average for a country without figures', () => {
    // 1 kWh × 481 g = 0.481 kg
    expect(refurbishmentFigure({ deviceClass: 'notebook', stationKwh: 1, country: 'ZZ', at: '2026-03-01T00:00:00Z' }).amount.kg).toBe(
      0.481,
    );
  });
});

describe('logistics: weight × distance × the mode factor', () => {
  it('sums each leg, with the class weight when a leg states none', () => {
    // pickup: 2.5 kg (notebook) → 0.0025 t × 300 km × 0.107 = 0.080 kg (0.08025 rounded)
    // shipment: 3 kg → 0.003 t × 1000 km × 0.602 (air) = 1.806 kg; total 1.886 kg ± 30 % → 1.320 … 2.452
    const figure = logisticsFigure({
      deviceClass: 'notebook',
      legs: [
        { leg: 'pickup', mode: 'road_truck', distanceKm: 300 },
        { leg: 'shipment', mode: 'air', distanceKm: 1000, weightKg: 3 },
      ],
    });
    expect(figure.amount).toEqual({ kg: 1.886, low: 1.32, high: 2.452 });
  });
});

describe('use: readings × the grid of the device’s country and year', () => {
  it('converts metered kWh', () => {
    // 10 kWh × 238 g (GB) = 2.38 kg ± 15 % → 2.023 … 2.737
    const figure = useFigure({
      deviceClass: 'notebook',
      kwh: 10,
      country: 'GB',
      periodStart: '2026-01-01T00:00:00Z',
      periodEnd: '2026-02-01T00:00:00Z',
    });
    expect(figure.amount).toEqual({ kg: 2.38, low: 2.023, high: 2.737 });
  });

  it('converts power-on hours with the class’s average power', () => {
    // 200 h × 15 W = 3 kWh × 56 g (FR) = 0.168 kg
    const figure = useFigure({
      deviceClass: 'notebook',
      powerOnHours: 200,
      country: 'FR',
      periodStart: '2026-01-01T00:00:00Z',
      periodEnd: '2026-02-01T00:00:00Z',
    });
    expect(figure.amount.kg).toBe(0.168);
    expect(figure.inputs).toMatchObject({ kwh: 3, averagePowerW: 15 });
  });
});

describe('avoided: displacement rate × embodied − refurbishment − logistics', () => {
  it('subtracts the refurbished unit’s own emissions, widening the band', () => {
    // 0.8 × 292.919 = 234.335 (low 0.8 × 223.351 = 178.681, high 0.8 × 362.487 = 289.99)
    // − 0.762 (0.61 … 0.914) − 1.886 (1.32 … 2.452) = 231.687; low 178.681 − 0.914 − 2.452 = 175.315; high 289.99 − 0.61 − 1.32 = 288.06
    const figure = avoidedFigure({
      embodied: { kg: 292.919, low: 223.351, high: 362.487 },
      refurbishment: { kg: 0.762, low: 0.61, high: 0.914 },
      logistics: { kg: 1.886, low: 1.32, high: 2.452 },
      displacementRate: 0.8,
      market: 'DE',
      claimant,
    });
    expect(figure.amount).toEqual({ kg: 231.687, low: 175.315, high: 288.06 });
    expect(figure.claimant).toEqual(claimant);
    expect(figure.inputs).toMatchObject({ displacementRate: 0.8, market: 'DE' });
  });

  it('is reversed by an entry that cancels it at both ends of the band', () => {
    // the claim 231.687 (175.315 … 288.06) → −231.687, −175.315 off the low end, −288.06 off the high end: the sum is 0 (0 … 0)
    const claim = {
      kind: 'avoided' as const,
      amount: { kg: 231.687, low: 175.315, high: 288.06 },
      factorSet: 'recert-carbon@2026.1',
      source: {},
      inputs: {},
      claimant,
    };
    const reversal = avoidedReversalFigure({ ...claim, id: 'c1' }, 'refund');
    expect(reversal.amount).toEqual({ kg: -231.687, low: -175.315, high: -288.06 });
    expect(addBands(claim.amount, reversal.amount)).toEqual({ kg: 0, low: 0, high: 0 });
  });
});
