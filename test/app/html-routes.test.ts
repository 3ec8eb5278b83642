/**
 * The HTML factsheet's routes in-process: headers, caching (ETag, 304, cache hits), the same 404 as
 * the PDF for unknown codes, Corse's codes, the home page's filter, and the DSFR and font files.
 */
import { describe, expect, it } from 'vitest';
import { createNodeAssets } from '../../src/adapters/assets-node.js';
import { createMemoryCache } from '../../src/adapters/cache-memory.js';
import { createFsStorage } from '../../src/adapters/storage-fs.js';
import { createApp } from '../../src/app.js';
import { DSFR_FILES, FONT_FILES, dsfrUrl, fontUrl } from '../../src/app/html-assets.js';
import { SAMPLE_DIR, appFixture } from '../helpers/app-fixture.js';
import { manualClock } from '../helpers/manual-clock.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { startNodeService } from '../../src/entry-node.js';
import { PLAIN_INFO, plainRenderer } from '../helpers/plain-renderer.js';

const withAssets = () =>
  createApp({
    storage: createFsStorage(SAMPLE_DIR),
    renderer: plainRenderer(),
    rendererInfo: PLAIN_INFO,
    cache: createMemoryCache(1024 * 1024),
    clock: manualClock(),
    logger: { log: () => undefined },
    manifestTtlSeconds: 60,
    assets: createNodeAssets(),
  });

describe('GET /fiche/{code}', () => {
  it('answers an HTML page with cache headers, renders it once, and answers 304 to its ETag', async () => {
    const { get, counting } = appFixture();
    const first = await get('/fiche/55');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('cache-control')).toContain('max-age=300');
    expect(first.headers.get('content-disposition')).toBeNull();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+-plain1-55-html-h\d+-http___localhost"$/);
    const html = await first.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('<h1>Fiche Meuse</h1>');
    expect(html).toContain('href="/fiche/55.pdf"');

    const second = await get('/fiche/55');
    expect(second.headers.get('x-render-cache')).toBe('hit');
    expect(await second.text()).toBe(html);
    const revalidated = await get('/fiche/55', { 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect(counting.calls.filter((call) => call.method === 'factsheetContent')).toHaveLength(1);
  });

  it('keeps the code asked for in its links (2A, 2B)', async () => {
    const { get } = appFixture();
    const corse = await (await get('/fiche/2B')).text();
    expect(corse).toContain('href="/fiche/2B.pdf"');
    expect(corse).toContain('/fiche/2B/pays.png?w=600');
  });

  it('reads lower-case Corse codes as the PDF does: the same page, validator and links as 2A and 2B', async () => {
    const { get } = appFixture();
    for (const [lower, upper] of [['2a', '2A'], ['2b', '2B']] as const) {
      const pdf = await get(`/fiche/${lower}.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('etag')).toBe((await get(`/fiche/${upper}.pdf`)).headers.get('etag'));
      const page = await get(`/fiche/${lower}`);
      expect(page.status, lower).toBe(200);
      const canonical = await get(`/fiche/${upper}`);
      expect(page.headers.get('etag')).toBe(canonical.headers.get('etag'));
      const html = await page.text();
      expect(html).toBe(await canonical.text());
      expect(html).toContain(`href="/fiche/${upper}.pdf"`);
    }
  });

  it('gives unknown codes the same French 404 as the PDF', async () => {
    const { get } = appFixture();
    expect((await get('/fiche/2c.pdf')).status).toBe(404);
    const pdfMissing = await get('/fiche/99.pdf');
    const pdfBody = await pdfMissing.text();
    expect(pdfMissing.status).toBe(404);
    // Codes are exactly the PDF's: what /fiche/<code>.pdf does not know, /fiche/<code> does not either.
    for (const path of ['/fiche/99', '/fiche/2c', '/fiche/2ab', '/fiche/975', '/fiche/2C', '/fiche/abc', '/fiche/55.html', `/fiche/${'5'.repeat(50)}`, '/fiche/55%2F1']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toBe(pdfBody);
    }
    expect(pdfBody).toContain('Page introuvable');
  });

  it('carries absolute image addresses of the host asked, each host with its own ETag', async () => {
    const { app } = appFixture();
    const one = await app.request('https://fiches.example.fr/fiche/55');
    const other = await app.request('http://127.0.0.1:8787/fiche/55');
    expect(await one.text()).toContain('https://fiches.example.fr/fiche/55/pays.png?w=600');
    expect(one.headers.get('etag')).not.toBe(other.headers.get('etag'));
  });

  it('behind a proxy, carries the addresses readers reach (PUBLIC_ORIGIN), not the one the proxy asked (real HTTP)', async () => {
    const service = await startNodeService({ PORT: '0', PUBLIC_ORIGIN: 'https://fiches.example.fr' }, { renderer: plainRenderer(), rendererInfo: PLAIN_INFO, logger: memoryLogger() });
    try {
      const page = await (await fetch(`${service.url}/fiche/55`)).text();
      expect(page).toContain('https://fiches.example.fr/fiche/55/pays.png?w=600');
      expect(page).not.toContain(service.url);
    } finally {
      await service.close();
    }
  });
});

describe('the home page', () => {
  it('links each département to its web page and its PDF, with a thumbnail of its own chart', async () => {
    const { get } = appFixture();
    const html = await (await get('/')).text();
    for (const code of ['55', '2A', '2B', '976']) {
      expect(html).toContain(`href="/fiche/${code}"`);
      expect(html).toContain(`href="/fiche/${code}.pdf"`);
      expect(html).toContain(`src="/fiche/${code}/pays.png?w=100"`);
    }
  });

  it('filters by name without accents or by number through /?q=, with its own ETag', async () => {
    const { get } = appFixture();
    const all = await get('/');
    const lozere = await get('/?q=lozere');
    const lozereHtml = await lozere.text();
    expect(lozereHtml).toContain('href="/fiche/48"');
    expect(lozereHtml).not.toContain('href="/fiche/55"');
    expect(lozereHtml).toContain('1 département pour « lozere »');
    expect(lozere.headers.get('etag')).not.toBe(all.headers.get('etag'));
    const byNumber = await (await get('/?q=2A')).text();
    expect(byNumber).toContain('href="/fiche/2A"');
    expect(byNumber).not.toContain('href="/fiche/2B"');
    const none = await (await get('/?q=atlantide')).text();
    expect(none).toContain('Aucun département ne correspond');
  });
});

describe('DSFR and font files', () => {
  it('serves every listed file with its type and a long-lived validator, and nothing else', async () => {
    const app = withAssets();
    for (const path of DSFR_FILES) {
      const response = await app.request(dsfrUrl(path));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(path.endsWith('.css') ? /^text\/css/ : /^image\/svg\+xml/);
      expect((await response.arrayBuffer()).byteLength, path).toBeGreaterThan(100);
    }
    const font = await app.request(fontUrl(FONT_FILES[0]));
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/ttf');
    const etag = font.headers.get('etag')!;
    expect((await app.request(fontUrl(FONT_FILES[0]), { headers: { 'If-None-Match': etag } })).status).toBe(304);
    for (const path of ['/dsfr/1.14.3/dsfr.min.css', '/dsfr/1.14.3/fonts/Marianne-Regular.woff2', '/dsfr/1.0.0/core/core.min.css', '/dsfr/1.14.3/../package.json', '/polices/OFL.txt']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('names the DSFR release installed', async () => {
    const { version } = (await import('@gouvfr/dsfr/package.json', { with: { type: 'json' } })).default as { version: string };
    expect(dsfrUrl('x')).toBe(`/dsfr/${version}/x`);
  });
});
