import { parse } from 'csv-parse/sync';
import { certify, newProgramme, senderKey, sendSteps, TO_CERTIFIABLE } from './support/evidence';
import { TestApp } from './support/test-app';
import { manifestUnit, newWorkshop, Workshop } from './support/units';

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('exports: units, certificates and sales as CSV or JSON Lines', () => {
  let t: TestApp;
  let workshop: Workshop;
  let other: Workshop;
  let sold: string;
  let hostile: { serial: string; model: string; assetTag: string };

  beforeAll(async () => {
    t = await TestApp.start();
    workshop = await newWorkshop(t);
    other = await newWorkshop(t);
    const { programmeId } = await newProgramme(t);
    hostile = manifestUnit({ model: '=HYPERLINK("http://evil.example","open")', assetTag: '@SUM(A1:A9)' }) as unknown as typeof hostile;
    const plain = manifestUnit();
    await t
      .as(workshop.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', devices: [plain, hostile] })
      .expect(201);
    await t
      .as(other.admin.key)
      .post('/takebacks')
      .send({ customerOrganisationId: other.customerId, site: 'Dock 9', devices: [manifestUnit()] })
      .expect(201);
    sold = (await t.as(workshop.admin.key).get(`/devices?serial=${plain.serial}`).expect(200)).body.items[0].id;
    const steps = [
      ...TO_CERTIFIABLE,
      certify(programmeId),
      { type: 'LIST', channel: 'web', market: 'DE', price: 199, currency: 'EUR' },
      { type: 'SELL', orderReference: 'SO-42', buyer: '-Buyer GmbH', market: 'DE' },
    ];
    for (const event of steps) {
      const key = event.type === 'VALIDATE_SANITIZATION' ? workshop.admin.key : senderKey(workshop, event);
      await sendSteps(t, sold, [event], { operator: key, validator: key });
    }
  });
  afterAll(() => t.close());

  it('exports the caller’s units as CSV with state, grade, certification, sale and warranty, formula cells neutralised', async () => {
    const response = await t.as(workshop.admin.key).get('/exports/devices?format=csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="devices.csv"');
    const rows: Array<Record<string, string>> = parse(response.text, { columns: true });
    expect(rows).toHaveLength(2);
    const sale = rows.find((r) => r.deviceId === sold)!;
    expect(sale).toEqual(
      expect.objectContaining({ state: 'sold.warrantyActive', grade: 'A', certified: 'true', orderReference: 'SO-42', saleMarket: 'DE' }),
    );
    expect(sale.buyer).toBe("'-Buyer GmbH");
    expect(Date.parse(sale.warrantyEndsAt)).toBeGreaterThan(Date.now());
    const bad = rows.find((r) => r.serial === hostile.serial)!;
    expect(bad.model).toBe(`'${hostile.model}`);
    expect(bad.assetTag).toBe(`'${hostile.assetTag}`);
  });

  it('exports JSON Lines by format or by Accept, with the list filters and the caller’s scope', async () => {
    const byFormat = await t.as(workshop.admin.key).get('/exports/devices?format=jsonl&state=sold').expect(200);
    expect(byFormat.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(jsonLines(byFormat.text).map((r) => r.deviceId)).toEqual([sold]);
    const byAccept = await t
      .as(workshop.admin.key)
      .get('/exports/devices?state=expected')
      .set('accept', 'application/x-ndjson')
      .expect(200);
    const records = jsonLines(byAccept.text);
    expect(records.map((r) => r.serial)).toEqual([hostile.serial]);
    // JSON is not a spreadsheet: values are exported as they are.
    expect(records[0].model).toBe(hostile.model);
    expect(
      jsonLines((await t.as(other.admin.key).get('/exports/devices?format=jsonl').expect(200)).text).map((r) => r.deviceId),
    ).not.toContain(sold);
  });

  it('exports certificates and sales of the selected units', async () => {
    const certificates = jsonLines((await t.as(workshop.admin.key).get('/exports/certificates?format=jsonl').expect(200)).text);
    expect(certificates).toEqual([
      expect.objectContaining({
        deviceId: sold,
        mediumSerial: 'M1',
        event: 'VALIDATE_SANITIZATION',
        auditHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    const sales: Array<Record<string, string>> = parse((await t.as(workshop.admin.key).get('/exports/sales').expect(200)).text, {
      columns: true,
    });
    expect(sales).toEqual([expect.objectContaining({ deviceId: sold, orderReference: 'SO-42', market: 'DE', warrantyMonths: '12' })]);
    expect((await t.as(other.admin.key).get('/exports/sales?format=jsonl').expect(200)).text).toBe('');
  });

  it('answers 422 for an unknown format or filter value before sending anything', async () => {
    const response = await t.as(workshop.admin.key).get('/exports/devices?format=xlsx&grade=Q').expect(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.reasons.map((r: { field: string }) => r.field)).toEqual(['format']);
    const grade = await t.as(workshop.admin.key).get('/exports/sales?grade=Q').expect(422);
    expect(grade.body.reasons.map((r: { field: string }) => r.field)).toEqual(['grade']);
  });
});
