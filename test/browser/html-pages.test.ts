/**
 * The web pages in a real browser: axe-core finds no WCAG 2.1 A/AA violation, the keyboard reaches
 * every link, nothing scrolls sideways at 360 px, every file a page loads comes from the app, each
 * chart is a figure whose alternative text is the chart's own description, and a newsletter editor
 * gets an opaque PNG of the announced size and a snippet that the copy button puts on the clipboard.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeService, type NodeService } from '../../src/entry-node.js';
import { launchChromium } from '../helpers/chromium.js';

let service: NodeService;
let browser: Browser;
let axeSource: string;

const PAGES = ['/', '/fiche/55', '/fiche/2A', '/fiche/976'];

beforeAll(async () => {
  service = await startNodeService({ PORT: '0' }, { logger: { log: () => undefined } });
  browser = await launchChromium();
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

/** Opens a page and records every response it loads, so that a missing stylesheet or icon shows. */
async function open(path: string, width = 1280, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...options });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failures.push(`failed ${request.url()}`));
  const response = await page.goto(`${service.url}${path}`, { waitUntil: 'networkidle', timeout: 120_000 });
  expect(response?.status(), path).toBe(200);
  return { page, failures, close: () => context.close() };
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>("typeof axe !== 'undefined'"))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
  );
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')})`);
}

describe.each(PAGES)('%s in Chromium', (path) => {
  it('has no WCAG 2.1 A/AA violation that axe-core finds, and loads every file it asks for', async () => {
    const { page, failures, close } = await open(path);
    expect(await axeViolations(page)).toEqual([]);
    // Again with the data tables and newsletter fields open, which axe skips while they are hidden.
    await page.evaluate(`document.querySelectorAll('details').forEach((details) => { details.open = true; })`);
    expect(await axeViolations(page)).toEqual([]);
    expect(failures).toEqual([]);
    await close();
  }, 180_000);

  it('does not scroll sideways at 360 px, and no image is wider than the screen', async () => {
    const { page, close } = await open(path, 360);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    const wide = await page.evaluate<number>('[...document.images].filter((image) => image.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).length');
    expect(wide).toBe(0);
    // Opened, the data tables scroll inside their own box and the snippets wrap.
    await page.evaluate(`document.querySelectorAll('details').forEach((details) => { details.open = true; })`);
    const opened = await page.evaluate<string[]>(
      `[...document.querySelectorAll('main *')].filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && !element.closest('.fr-table__content')).map((element) => element.tagName + '.' + element.className).slice(0, 5)`,
    );
    expect(opened).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    // Tables that scroll sideways on a phone must be reachable by keyboard too.
    expect(await axeViolations(page)).toEqual([]);
    await close();
  }, 180_000);

  it('lets Tab reach every visible link, in order', async () => {
    const { page, close } = await open(path);
    const links = await page.evaluate<string[]>(
      `(() => { let n = 0; return [...document.querySelectorAll('a[href]')].filter((a) => a.getClientRects().length > 0 && !a.closest('details:not([open])')).map((a) => { a.dataset.tabProbe = String(n++); return a.dataset.tabProbe; }); })()`,
    );
    expect(links.length).toBeGreaterThan(5);
    const reached: string[] = [];
    // Every focusable element once, plus the skip link's target; stops when focus wraps around.
    for (let press = 0; press < links.length * 3 + 50; press += 1) {
      await page.keyboard.press('Tab');
      const probe = await page.evaluate<string | null>('document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.tabProbe ?? null : null');
      if (probe !== null) {
        if (reached.includes(probe)) break;
        reached.push(probe);
      }
      if (reached.length === links.length) break;
    }
    expect(reached).toEqual(links);
    await close();
  }, 300_000);
});

describe('the factsheet page', () => {
  it('shows each chart as a figure with a caption heading, an image described by the chart SVG\'s own <desc>, and a data table', async () => {
    const { page, close } = await open('/fiche/55');
    const figures = await page.evaluate<{ caption: string; src: string; alt: string; loaded: boolean; table: { caption: string; scopes: string[]; rows: number } }[]>(
      `[...document.querySelectorAll('main figure')].map((figure) => {
        const image = figure.querySelector('img');
        const table = figure.querySelector('details table');
        return {
          caption: figure.querySelector('figcaption h3').textContent,
          src: image.getAttribute('src'),
          alt: image.getAttribute('alt'),
          loaded: image.complete && image.naturalWidth > 0,
          table: { caption: table.caption.textContent, scopes: [...table.querySelectorAll('th')].map((th) => th.getAttribute('scope')), rows: table.tBodies[0].rows.length },
        };
      })`,
    );
    expect(figures.map((figure) => figure.src)).toEqual(['pays', 'activites', 'export', 'export-region', 'export-france', 'import', 'import-region', 'import-france'].map((slug) => `/fiche/55/${slug}.svg`));
    for (const figure of figures) {
      const svg = await (await fetch(`${service.url}${figure.src}`)).text();
      const [, title] = /<title[^>]*>([^<]*)<\/title>/.exec(svg)!;
      const [, desc] = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)!;
      expect(figure.caption).toBe(unescapeXml(title!));
      expect(figure.alt).toBe(unescapeXml(desc!));
      expect(figure.alt.length).toBeGreaterThan(40);
      expect(figure.table.caption).toContain(figure.caption);
      expect(figure.table.rows).toBeGreaterThan(0);
      expect(figure.table.scopes.every((scope) => scope === 'col' || scope === 'row')).toBe(true);
    }
    // Lazy images load as they come into view.
    for (let index = 0; index < figures.length; index += 1) await page.locator('main figure img').nth(index).scrollIntoViewIfNeeded();
    await page.waitForFunction(`[...document.querySelectorAll('main figure img')].every((image) => image.complete && image.naturalWidth > 0)`, undefined, { timeout: 120_000 });

    // « Voir les données » opens the table; the headings run in the PDF's order.
    await page.getByText('Voir les données').first().click();
    expect(await page.locator('main figure table').first().isVisible()).toBe(true);
    const headings = await page.evaluate<string[]>(`[...document.querySelectorAll('main h1, main h2, main h3')].map((h) => h.tagName + ' ' + h.textContent)`);
    expect(headings.slice(0, 4)).toEqual(['H1 Les indicateurs clés : commerce extérieur', "H2 Territoires d'industrie - Meuse", 'H3 Introduction', "H3 Territoires d'Industrie du département"]);
    expect(headings.filter((h) => h.startsWith('H2'))).toEqual([
      "H2 Territoires d'industrie - Meuse",
      'H2 Contexte et méthodologie',
      'H2 Balance commerciale territoriale',
      'H2 Exportations',
      'H2 Importations',
      'H2 Informations pratiques',
      'H2 Pour aller plus loin :',
    ]);
    // Meuse's own territories from its published data, whichever Territoires d'industrie list it carries.
    const meuse = (await (await fetch(`${service.url}/donnees/55.json`)).json()) as { territoiresIndustrie: { items: { name: string; departements?: string[] }[] } };
    const territories = meuse.territoiresIndustrie.items.filter((item) => item.departements?.includes('55') ?? true);
    expect(territories.length).toBeGreaterThan(0);
    for (const territory of territories) expect(await page.locator('main ul li', { hasText: territory.name }).count()).toBe(1);
    expect(await page.getByText('Données fictives de démonstration').first().isVisible()).toBe(true);
    await close();
  }, 300_000);

  it('gives a newsletter editor an opaque PNG of the size the snippet says, and copies the snippet in two clicks', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(`${service.url}/fiche/55`, { waitUntil: 'networkidle' });
    const figure = page.locator('#graphique-export');
    await figure.getByText("Intégrer ce graphique dans une lettre d'information").click();
    await figure.getByRole('button', { name: 'Copier' }).nth(1).click();
    const snippet = await figure.locator('textarea').nth(1).inputValue();
    await expect.poll(() => page.evaluate<string>('navigator.clipboard.readText()')).toBe(snippet);
    expect(await figure.locator('textarea').first().inputValue()).toBe(await figure.locator('img').getAttribute('alt'));

    // The snippet as a newsletter would show it: its image decodes to the announced size, every pixel opaque.
    const [, src] = /src="([^"]+)"/.exec(snippet)!;
    const [, width] = /width="(\d+)"/.exec(snippet)!;
    const [, height] = /height="(\d+)"/.exec(snippet)!;
    expect(src).toBe(`${service.url}/fiche/55/export.png?w=600`);
    expect(snippet).toContain(`srcset="${service.url}/fiche/55/export.png?w=1200 2x"`);
    const decoded = await page.evaluate<{ width: number; height: number; transparent: number }>(`(async () => {
      const image = new Image();
      image.src = ${JSON.stringify(src)};
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let transparent = 0;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index] !== 255) transparent += 1;
      return { width: image.naturalWidth, height: image.naturalHeight, transparent };
    })()`);
    expect(decoded).toEqual({ width: Number(width), height: Number(height), transparent: 0 });

    // Every chart's snippet announces the height its PNG really has.
    const snippets = await page.evaluate<string[]>(`[...document.querySelectorAll('textarea[id$="-code"]')].map((field) => field.value)`);
    expect(snippets).toHaveLength(8);
    for (const each of snippets) {
      const [, address] = /src="([^"]+)"/.exec(each)!;
      const png = new Uint8Array(await (await fetch(address!)).arrayBuffer());
      const view = new DataView(png.buffer);
      expect([view.getUint32(16), view.getUint32(20)], address).toEqual([600, Number(/height="(\d+)"/.exec(each)![1])]);
    }
    await context.close();
  }, 180_000);

  it('works without JavaScript: the snippet is there to select, the copy buttons stay hidden', async () => {
    const { page, close } = await open('/fiche/55', 1280, { javaScriptEnabled: false });
    expect(await page.locator('#graphique-pays-code').inputValue()).toContain('<img src=');
    expect(await page.locator('button[data-copy]').first().isHidden()).toBe(true);
    await close();
  }, 120_000);
});

describe('the home page filter', () => {
  it('filters as one types with JavaScript', async () => {
    const { page, close } = await open('/');
    await page.getByLabel('Trouver un département par son nom ou son numéro').fill('lozère');
    const visible = await page.evaluate<string[]>(`[...document.querySelectorAll('a[data-search]')].filter((a) => a.getClientRects().length > 0).map((a) => a.textContent)`);
    expect(visible).toEqual(['48 · Lozère']);
    await close();
  }, 120_000);

  it('filters through the form without JavaScript, then leads to the factsheet', async () => {
    const { page, close } = await open('/', 1280, { javaScriptEnabled: false });
    await page.getByLabel('Trouver un département par son nom ou son numéro').fill('2a');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\?q=2a$/);
    const visible = await page.evaluate<string[]>(`[...document.querySelectorAll('a[data-search]')].map((a) => a.textContent)`);
    expect(visible).toEqual(['2A · Corse-du-Sud']);
    await page.getByRole('link', { name: '2A · Corse-du-Sud' }).click();
    await page.waitForURL(/\/fiche\/2A$/);
    expect(await page.locator('h2').first().textContent()).toContain('Corse');
    await close();
  }, 120_000);
});

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
