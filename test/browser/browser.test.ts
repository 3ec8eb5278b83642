/**
 * What a new user does after `npm start`: open the home page in a real browser, see the thumbnails,
 * click Meuse, read its factsheet and get its PDF.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeService, type NodeService } from '../../src/entry-node.js';
import { launchChromium } from '../helpers/chromium.js';

let service: NodeService;
let browser: Browser;

beforeAll(async () => {
  service = await startNodeService({ PORT: '0' }, { logger: { log: () => undefined } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

describe('the home page in Chromium', () => {
  it('shows loaded thumbnails, and its Meuse link opens the factsheet, which links to the PDF', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const response = await page.goto(`${service.url}/`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toContain('commerce extérieur');

    // The thumbnails in view load (lazy loading leaves the rest for later); each decodes to pixels.
    // (Page scripts as strings: the project compiles without the DOM library.)
    await page.waitForFunction(
      `(() => {
        const inView = [...document.images].filter((image) => image.getBoundingClientRect().top < window.innerHeight);
        return inView.length > 0 && inView.every((image) => image.complete && image.naturalWidth > 0);
      })()`,
      undefined,
      { timeout: 120_000 },
    );
    const loaded = await page.evaluate<number>('[...document.images].filter((image) => image.complete && image.naturalWidth > 0).length');
    expect(loaded).toBeGreaterThan(0);

    await page.getByRole('link', { name: /55 · Meuse/ }).click();
    await page.waitForURL(/\/fiche\/55$/);
    expect(await page.title()).toContain('Meuse');
    const link = page.getByRole('link', { name: 'Fiche complète en PDF' });
    const [pdf] = await Promise.all([page.waitForResponse((candidate) => candidate.url().endsWith('/fiche/55.pdf')), link.click()]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toContain('commerce-exterieur-2024-55-meuse.pdf');
    await page.close();
  });
});
