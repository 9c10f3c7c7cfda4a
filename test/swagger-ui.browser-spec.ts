import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { TestApp } from './support/test-app';

/**
 * Swagger UI in a real browser, reached by a host name that is not localhost over plain HTTP (as on a LAN server):
 * Debian's chromium maps recert.test to 127.0.0.1, so the page's own CSP and asset URLs are what is tested.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOST = 'recert.test';

describe('Swagger UI in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let port: number;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it(`renders the operations at http://${HOST}:PORT/docs, with no request upgraded to https`, async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const response = await page.goto(`http://${HOST}:${port}/docs`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // An operation, as Swagger UI renders it once its scripts have loaded and read the document.
    const operation = page.locator('.opblock-summary-path', { hasText: '/devices/{id}/events' });
    await operation.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('.opblock-summary-path').count()).toBeGreaterThan(30);
    expect(failed.filter((url) => url.startsWith('https:'))).toEqual([]);
    await page.close();
  });
});
