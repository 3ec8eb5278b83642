import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndicatorDocument, Manifest } from '../../src/core/schema.js';
import { SAMPLE_DIR, appFixture } from '../helpers/app-fixture.js';
import { PLAIN_INFO } from '../helpers/plain-renderer.js';

const manifest = Manifest.parse(JSON.parse(await readFile(join(SAMPLE_DIR, 'manifest.json'), 'utf8')));
const meuse = IndicatorDocument.parse(JSON.parse(await readFile(join(SAMPLE_DIR, 'departement/55.json'), 'utf8')));

describe('routes', () => {
  const { get, counting, logger } = appFixture();

  it('serves the whole factsheet inline with a readable file name', async () => {
    const response = await get('/fiche/55.pdf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="commerce-exterieur-2024-55-meuse.pdf"');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+/);
    expect(response.headers.get('etag')).toContain(manifest.dataVersion);
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('serves Corse for 2A and 2B from the one Corse document, each under its own name', async () => {
    const south = await get('/fiche/2A.pdf');
    const north = await get('/fiche/2B.pdf');
    expect(south.status).toBe(200);
    expect(north.status).toBe(200);
    expect(south.headers.get('content-disposition')).toContain('commerce-exterieur-2024-2a-corse-du-sud.pdf');
    expect(north.headers.get('content-disposition')).toContain('commerce-exterieur-2024-2b-haute-corse.pdf');
    expect(counting.calls.filter((call) => call.code === '20')).toHaveLength(2);
  });

  it('serves charts and pages as SVG, PNG and PDF', async () => {
    const svg = await get('/fiche/55/pays.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await svg.text()).toContain('<svg');
    expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
    const png = await get('/fiche/971/page-1.png?w=300');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // PNG width is the big-endian integer at offset 16 of the IHDR chunk.
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(16)).toBe(300);
    const pdf = await get('/fiche/55/export-region.pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('commerce-exterieur-2024-55-meuse-export-region.pdf');
  });

  it('rejects ?w= outside the bounds, malformed, or on a format that has no width, with 400', async () => {
    for (const path of ['/fiche/55/pays.png?w=99', '/fiche/55/pays.png?w=2401', '/fiche/55/pays.png?w=abc', '/fiche/55/pays.png?w=0800', '/fiche/55/pays.png?w=1e3', '/fiche/55/pays.svg?w=300']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toMatch(/Requête invalide.*\//);
    }
  });

  it('caps whole-page PNGs at a lower width where the entry says so, and leaves charts their range', async () => {
    const capped = appFixture({ info: { ...PLAIN_INFO, pagePngMaxWidth: 1600 } });
    const refused = await capped.get('/fiche/55/page-1.png?w=2000');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('entre 100 et 1600');
    expect((await capped.get('/fiche/55/page-1.png?w=1600')).status).toBe(200);
    expect((await capped.get('/fiche/55/pays.png?w=2000')).status).toBe(200);
  });

  it('answers 404 in French pointing to / for unknown codes, slugs, pages and extensions', async () => {
    const paths = [
      '/fiche/00.pdf', '/fiche/96.pdf', '/fiche/20.pdf', '/fiche/975.pdf', '/fiche/2c.pdf', '/fiche/55.png', '/fiche/55.docx',
      '/fiche/55/inconnu.png', '/fiche/55/page-0.png', '/fiche/55/page-01.png', '/fiche/55/page-99.svg', '/fiche/55/pays.gif',
      '/fiche/99/pays.svg', '/donnees/55.xml', '/donnees/FR.json', '/autre', '/fiche', '/fiche/55/pays.svg/extra',
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toMatch(/introuvable.*sur \//);
    }
  });

  it('never reads outside the data: traversal, encoded slashes and overlong input end in 4xx', async () => {
    const paths = [
      '/fiche/..%2F..%2F..%2Fetc%2Fpasswd.pdf', '/fiche/%2e%2e/pays.svg', '/donnees/..%2Fmanifest.json', '/donnees/%2E%2E%2Fregion%2F44.json',
      '/fiche/55/..%2F..%2Fmanifest.svg', '/fiche/55%00.pdf', `/fiche/${'5'.repeat(5000)}.pdf`, `/fiche/55/${'a'.repeat(5000)}.svg`,
      '/donnees/../../package.json', '/fiche/55/pays.png?w=' + '9'.repeat(400),
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(await response.text()).not.toContain('"schemaVersion"');
    }
  });

  it('serves the indicator document as JSON and CSV', async () => {
    const json = await get('/donnees/55.json');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(IndicatorDocument.parse(await json.json())).toEqual(meuse);
    const csv = await get('/donnees/55.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('rubrique;flux;code;libelle;code_contrepartie;libelle_contrepartie;valeur_euros;part');
    expect(lines).toContain(`total;exportations;55;Meuse;;;${meuse.totals.exports};`);
    const exportLinks = lines.filter((line) => line.startsWith('flux;exportations;'));
    expect(exportLinks).toHaveLength(meuse.flows.exports.links.length);
    const summed = exportLinks.reduce((sum, line) => sum + Number(line.split(';').at(-2)), 0);
    expect(summed).toBe(meuse.flows.exports.links.reduce((sum, link) => sum + link.value, 0));
  });

  it('lists départements by région on /, with thumbnails, the data version, its source and the sample note', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<a href="/fiche/55.pdf">');
    expect(html).toContain('src="/fiche/55/pays.png?w=100"');
    expect(html).toContain(manifest.dataVersion);
    expect(html).toContain('Statistiques régionales et départementales du commerce extérieur');
    expect(html).toContain('Données fictives de démonstration');
    expect(html.indexOf('<h2>Grand Est</h2>')).toBeLessThan(html.indexOf('/fiche/55.pdf'));
    expect(html).toContain("Départements d&#39;outre-mer");
    const departements = manifest.geographies.filter((geo) => geo.level === 'departement');
    expect(html.match(/<li><a href="\/fiche\//g)).toHaveLength(departements.length);
    const revalidated = await get('/', { 'If-None-Match': response.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
  });

  it('answers HEAD like GET without a body, and refuses writes with 405', async () => {
    const { app } = appFixture();
    const head = await app.request('/donnees/55.json', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toContain(manifest.dataVersion);
    expect(await head.text()).toBe('');
    const post = await app.request('/fiche/55.pdf', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers /healthz with the data version', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', storage: 'ok', dataVersion: manifest.dataVersion });
  });

  it('writes one log record per request with method, path, status, duration and cache status', async () => {
    const before = logger.records.length;
    await get('/donnees/01.json');
    await get('/donnees/01.json');
    await get('/fiche/00.pdf');
    const records = logger.records.slice(before);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ method: 'GET', path: '/donnees/01.json', status: 200, cache: 'miss' });
    expect(records[1]).toMatchObject({ status: 200, cache: 'hit' });
    expect(records[2]).toMatchObject({ path: '/fiche/00.pdf', status: 404 });
    for (const record of records) expect(typeof record.durationMs).toBe('number');
  });
});
