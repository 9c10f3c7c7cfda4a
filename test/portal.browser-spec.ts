import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { destroy, sanitize, validate } from './support/evidence';
import { TestApp, TestUser } from './support/test-app';
import { manifestUnit, newWorkshop, Workshop } from './support/units';

/** Debian's chromium (CI installs it: .ci/run, step "browser (chromium)"). */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};
/** `npm run portal:screenshots` sets this to docs/ to keep pictures of the main pages. */
const SCREENSHOTS = process.env.PORTAL_SCREENSHOTS;

/** The customer portal in a real browser: sign in, open a takeback, check the figures against the API, download the certificate. */
describe('the customer impact portal in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let workshop: Workshop;
  let customer: TestUser;
  let takebackId: string;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    workshop = await newWorkshop(t);
    customer = await t.newUser('auditor', workshop.customerId);
    const units = [manifestUnit(), manifestUnit({ model: 'ThinkPad X1 Carbon' }), manifestUnit({ model: 'ThinkPad L14' })];
    takebackId = (
      await t
        .as(workshop.admin.key)
        .post('/takebacks')
        .send({ customerOrganisationId: workshop.customerId, site: 'Dock 1', devices: units })
        .expect(201)
    ).body.id;
    const ids: string[] = [];
    for (const unit of units) {
      const id = (await t.as(workshop.admin.key).get(`/devices?serial=${unit.serial}`).expect(200)).body.items[0].id as string;
      ids.push(id);
      // RECEIVE records the unit's embodied figure and its pickup leg in its carbon ledger.
      const pickup = { legs: [{ leg: 'pickup', mode: 'road_truck', distanceKm: 300 }] };
      await t
        .as(workshop.technician.key)
        .post(`/devices/${id}/events`)
        .send({ type: 'RECEIVE', site: 'Dock 1', sealIntact: true, carbon: pickup })
        .expect(200);
    }
    await t.as(workshop.technician.key).post(`/devices/${ids[0]}/events`).send(sanitize('M1')).expect(200);
    await t.as(workshop.admin.key).post(`/devices/${ids[0]}/events`).send(validate('M1')).expect(200);
    await t.as(workshop.technician.key).post(`/devices/${ids[1]}/events`).send(destroy('M1')).expect(200);
    browser = await chromium.launch({ ...CHROMIUM, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const shot = async (page: Page, name: string) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `portal-${name}.png`), fullPage: true });
  };

  const signIn = async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/portal/`);
    await page.getByLabel('API key').fill(customer.key);
    await shot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your impact' }).waitFor();
    return { context, page };
  };

  it('signs in with the key once: the session cookie is HttpOnly and SameSite=Strict, the key is not in any URL', async () => {
    const { context, page } = await signIn();
    const cookies = await context.cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'recert_session', httpOnly: true, sameSite: 'Strict' })]);
    expect(page.url()).not.toContain(customer.key);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await context.close();
  });

  it("shows the year's carbon figures as the API reports them: the chart's data table equals byMonth", async () => {
    const { context, page } = await signIn();
    const api = await t.as(customer.key).get(`/carbon/reports/customers/${workshop.customerId}?year=${year}`);
    expect(api.status).toBe(200);
    await page.getByTestId('carbon-totals').waitFor();
    const rows = await page
      .getByTestId('monthly-table')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-month'),
          Number(tr.getAttribute('data-inventory')),
          Number(tr.getAttribute('data-avoided')),
        ]),
      );
    expect(rows).toEqual(
      api.body.byMonth.map((m: { month: string; inventory: { kg: number }; avoided: { kg: number } }) => [
        m.month,
        m.inventory.kg,
        m.avoided.kg,
      ]),
    );
    const points = JSON.parse((await page.getByTestId('monthly-chart').getAttribute('data-points')) ?? '[]');
    expect(points).toEqual(rows);
    const inventory = await page.getByTestId('carbon-totals').locator('dd').first().getAttribute('data-kg');
    expect(Number(inventory)).toBe(api.body.totals.inventory.kg);
    expect(rows.length).toBeGreaterThan(0);
    const classes = await page.getByTestId('by-class').locator('tbody th').allTextContents();
    expect(classes).toEqual(api.body.byClass.map((c: { deviceClass: string }) => c.deviceClass));
    await page
      .getByTestId('takebacks')
      .getByRole('link', { name: takebackId.slice(0, 8) })
      .waitFor();
    await shot(page, 'overview');
    await context.close();
  });

  it('opens a takeback: units with their state, the destruction summary, and the certificate downloads as a PDF', async () => {
    const { context, page } = await signIn();
    await page.getByRole('link', { name: takebackId.slice(0, 8) }).click();
    await page.getByRole('heading', { name: `Takeback ${takebackId.slice(0, 8)}` }).waitFor();
    await page.getByTestId('units').waitFor();
    const states = await page.getByTestId('units').locator('tbody tr td:last-child').allTextContents();
    expect(states).toHaveLength(3);
    expect(states.every((s) => s.length > 0)).toBe(true);
    // 3 media: one wiped, one destroyed, one pending — as GET …/certificate-of-destruction says.
    await page.getByTestId('destruction-summary').getByText('3 media: 1 wiped, 1 destroyed, 1 pending.').waitFor();
    await shot(page, 'takeback');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('certificate-link').click()]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe(`data-destruction-${takebackId}.pdf`);

    await page.getByTestId('units').getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Carbon ledger' }).waitFor();
    await page.getByTestId('ledger').waitFor();
    const deviceId = /#\/devices\/([0-9a-f-]{36})$/.exec(page.url())![1];
    const ledger = (await t.as(customer.key).get(`/carbon/devices/${deviceId}/ledger`).expect(200)).body;
    const kinds = await page.getByTestId('ledger').locator('tbody th').allTextContents();
    expect(kinds).toEqual(ledger.entries.map((e: { kind: string }) => e.kind));
    expect(kinds).toContain('embodied');
    await shot(page, 'device');
    await context.close();
  });

  // A measurement, not a test (`npm run bench:portal`): bytes transferred and load time of the first, uncached visit.
  (process.env.PORTAL_BENCH ? it : it.skip)('prints the page weight and load time of the sign-in page and the overview', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const figures = () =>
      page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const bytes = nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
        return {
          requests: 1 + resources.length,
          bytes,
          domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
          loadMs: Math.round(nav.loadEventEnd),
        };
      });
    await page.goto(`${base}/portal/`, { waitUntil: 'load' });
    await page.getByLabel('API key').waitFor();
    const signInPage = await figures();
    await page.getByLabel('API key').fill(customer.key);
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('takebacks').waitFor();
    const overviewMs = Date.now() - started;
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('takebacks').waitFor();
    const cached = await figures();
    console.log(JSON.stringify({ signInPage, signInToOverviewMs: overviewMs, overviewReloaded: cached }, null, 2));
    await context.close();
  });

  it('signs out: the session ends and the page asks for the key again', async () => {
    const { context, page } = await signIn();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect((await page.request.get(`${base}/me`)).status()).toBe(401);
    await context.close();
  });
});
