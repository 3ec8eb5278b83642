/**
 * The exact headers caches and clients rely on, written out by hand: a looser check (« contains the
 * data version », « starts with public ») let plausible regressions through.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_RENDERER_INFO } from '../../src/adapters/renderer-node.js';
import { HTML_VERSION } from '../../src/app/html-factsheet.js';
import { createRenderLimiter } from '../../src/app/render-limiter.js';
import { RENDERER_VERSION } from '../../src/core/render.js';
import { SAMPLE_DIR, appFixture } from '../helpers/app-fixture.js';
import { PLAIN_INFO } from '../helpers/plain-renderer.js';
import { until } from '../helpers/until.js';
import { eventually } from './eventually.js';

const scratch = await mkdtemp(join(tmpdir(), 'app-contract-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const { dataVersion } = JSON.parse(await readFile(join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as { dataVersion: string };

const CACHEABLE = 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400, stale-if-error=604800';
const STALE = 'public, max-age=0, s-maxage=30';

/** Every header of a response but the request id, which is random. */
function headersOf(response: Response): Record<string, string> {
  const headers = Object.fromEntries(response.headers);
  expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  delete headers['x-request-id'];
  return headers;
}

function errorHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'cache-control': 'no-store', 'content-type': 'text/plain; charset=UTF-8', 'x-content-type-options': 'nosniff', ...extra };
}

describe('ETags', () => {
  it('are the data version, the renderer version and the request, in that order', async () => {
    const { get } = appFixture();
    expect((await get('/fiche/55/pays.png?w=400')).headers.get('etag')).toBe(`"${dataVersion}-plain1-55-pays-png-w400"`);
    expect((await get('/fiche/55/page-2.svg')).headers.get('etag')).toBe(`"${dataVersion}-plain1-55-page-2-svg"`);
    expect((await get('/fiche/2A.pdf')).headers.get('etag')).toBe(`"${dataVersion}-plain1-2A-pdf"`);
    expect((await get('/donnees/55.csv')).headers.get('etag')).toBe(`"${dataVersion}-plain1-55-donnees-csv"`);
    // The home page is markup too: its version is part of the request, as for the web factsheet.
    expect((await get('/')).headers.get('etag')).toBe(`"${dataVersion}-plain1-index-${HTML_VERSION}"`);
    expect((await get('/?q=lozere')).headers.get('etag')).toBe(`"${dataVersion}-plain1-index-${HTML_VERSION}-q-lozere"`);
  });

  it('differ for every filter of the home page whose bytes differ, since the page repeats the filter as typed', async () => {
    const { get } = appFixture();
    const queries = ['lozere', 'Lozère', 'LOZERE', 'loz_re', 'loz.re', 'loz re', 'loz.C3.A8re', 'loz-re'];
    const answers = await Promise.all(queries.map((q) => get(`/?q=${encodeURIComponent(q)}`)));
    const bodies = await Promise.all(answers.map((response) => response.text()));
    expect(new Set(bodies).size).toBe(queries.length);
    expect(new Set(answers.map((response) => response.headers.get('etag'))).size).toBe(queries.length);
    for (const etag of answers.map((response) => response.headers.get('etag')!)) expect(etag).toMatch(/^"[0-9A-Za-z._-]+"$/);
  });

  it('name the runtime with the renderer version, since Node and Workers compress the same drawing to other bytes', async () => {
    expect(NODE_RENDERER_INFO.version).toBe(`${RENDERER_VERSION}-node`);
    const { get } = appFixture({ info: NODE_RENDERER_INFO });
    const response = await get('/fiche/55/pays.svg');
    expect(response.headers.get('etag')).toBe(`"${dataVersion}-${RENDERER_VERSION}-node-55-pays-svg"`);
  });

  it('differ between renderers for the same data, so that one renderer\'s validator never revalidates the other\'s bytes', async () => {
    const node = appFixture({ info: { ...PLAIN_INFO, version: 'r9-node' } });
    const workers = appFixture({ info: { ...PLAIN_INFO, version: 'r9-workers' } });
    const fromNode = (await node.get('/fiche/55/pays.png?w=400')).headers.get('etag')!;
    const fromWorkers = await workers.get('/fiche/55/pays.png?w=400', { 'If-None-Match': fromNode });
    expect(fromWorkers.status).toBe(200);
    expect(fromWorkers.headers.get('etag')).not.toBe(fromNode);
  });
});

describe('If-None-Match (RFC 9110: weak comparison)', () => {
  const { get, counting } = appFixture();
  const path = '/fiche/55/export.svg';
  const etag = `"${dataVersion}-plain1-55-export-svg"`;

  it('answers 304 to the strong tag, to the same tag marked weak, in a list, and to *, with the validator and the cache policy', async () => {
    for (const header of [etag, `W/${etag}`, `"x", W/"y",${etag}`, `W/"x" , W/${etag}`, '*']) {
      const response = await get(path, { 'If-None-Match': header });
      expect(response.status, header).toBe(304);
      expect(headersOf(response), header).toEqual({ etag, 'cache-control': CACHEABLE, 'x-content-type-options': 'nosniff' });
      expect(await response.text()).toBe('');
    }
    expect(counting.calls).toHaveLength(0);
  });

  it('renders for other tags, a tag without its quotes, and a weak tag of another object', async () => {
    for (const header of ['"other"', `W/"${dataVersion}-plain1-55-import-svg"`, etag.slice(1, -1), `W/${etag.slice(0, -2)}"`]) {
      const response = await get(path, { 'If-None-Match': header });
      expect(response.status, header).toBe(200);
    }
  });

  it('also revalidates the home page with a weak tag', async () => {
    const response = await get('/', { 'If-None-Match': `W/"${dataVersion}-plain1-index-${HTML_VERSION}"` });
    expect(response.status).toBe(304);
  });
});

describe('cacheable answers', () => {
  it('carry the whole cache policy and their type, name and validator', async () => {
    const { get } = appFixture();
    const svg = await get('/fiche/55/pays.svg');
    expect(headersOf(svg)).toEqual({
      'cache-control': CACHEABLE,
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-disposition': 'inline; filename="commerce-exterieur-2024-55-meuse-pays.svg"',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
      etag: `"${dataVersion}-plain1-55-pays-svg"`,
      'x-content-type-options': 'nosniff',
      'x-render-cache': 'miss',
    });
    const csv = await get('/donnees/55.csv');
    expect(headersOf(csv)).toEqual({
      'cache-control': CACHEABLE,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'inline; filename="commerce-exterieur-2024-55-meuse-donnees.csv"',
      etag: `"${dataVersion}-plain1-55-donnees-csv"`,
      'x-content-type-options': 'nosniff',
      'x-render-cache': 'miss',
    });
    expect((await get('/donnees/55.csv')).headers.get('x-render-cache')).toBe('hit');
  });
});

/** The answer to `path` before and after the storage folder disappears and the manifest is due again. */
async function beforeAndAfterStorageVanishes(name: string, path: string): Promise<{ fresh: Response; stale: Response }> {
  const root = join(scratch, name);
  await cp(SAMPLE_DIR, root, { recursive: true });
  const { get, clock } = appFixture({ root, ttlSeconds: 10 });
  const fresh = await get(path);
  expect(fresh.headers.get('cache-control')).toBe(CACHEABLE);
  await rm(root, { recursive: true });
  clock.advanceSeconds(11);
  // The first request after the TTL is answered from the version in hand while storage is read again; the fault shows once that read fails.
  await eventually(async () => (await get(path)).headers.has('warning'), 'the storage fault noticed');
  const stale = await get(path);
  expect(stale.status).toBe(200);
  return { fresh, stale };
}

describe('stale answers while storage is down', () => {
  it('keep their validator but tell caches to keep them 30 s only, with a Warning', async () => {
    const { fresh, stale } = await beforeAndAfterStorageVanishes('vanishing', '/fiche/55/pays.svg');
    expect(headersOf(stale)).toEqual({
      'cache-control': STALE,
      warning: '110 - "Response is Stale"',
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-disposition': 'inline; filename="commerce-exterieur-2024-55-meuse-pays.svg"',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
      etag: fresh.headers.get('etag')!,
      'x-content-type-options': 'nosniff',
      'x-render-cache': 'stale',
    });
  });

  it('include the home page, which a CDN must not keep an hour either', async () => {
    const { fresh, stale } = await beforeAndAfterStorageVanishes('vanishing-home', '/');
    expect(headersOf(stale)).toEqual({
      'cache-control': STALE,
      warning: '110 - "Response is Stale"',
      'content-type': 'text/html; charset=UTF-8',
      etag: fresh.headers.get('etag')!,
      'x-content-type-options': 'nosniff',
    });
  });
});

describe('errors', () => {
  it('are never stored by a cache and carry no validator: 400, 404, 405', async () => {
    const { app, get } = appFixture();
    expect(headersOf(await get('/fiche/55/pays.png?w=99'))).toEqual(errorHeaders());
    expect(headersOf(await get('/fiche/00.pdf'))).toEqual(errorHeaders());
    expect(headersOf(await get('/nulle-part'))).toEqual(errorHeaders());
    expect(headersOf(await app.request('/fiche/55.pdf', { method: 'DELETE' }))).toEqual(errorHeaders({ allow: 'GET, HEAD' }));
  });

  it('are never stored by a cache: 500 from a render, 503 from a full queue', async () => {
    const { get, counting } = appFixture();
    counting.failWith(new Error('boom'));
    expect(headersOf(await get('/fiche/55/export.svg'))).toEqual(errorHeaders());
    counting.failWith(null);

    const limiter = createRenderLimiter({ concurrency: 1, queue: 0 });
    const busy = appFixture({ limiter });
    const open = busy.counting.hold();
    const running = busy.get('/fiche/01.pdf');
    await until(() => limiter.running === 1, 'one render running');
    expect(headersOf(await busy.get('/fiche/02.pdf'))).toEqual(errorHeaders({ 'retry-after': '30' }));
    open();
    expect((await running).status).toBe(200);
  });

  it('are never stored by a cache: 503 from unreachable storage, 502 from an invalid document', async () => {
    const { get } = appFixture({ root: join(scratch, 'nothing-here') });
    expect(headersOf(await get('/fiche/55.pdf'))).toEqual(errorHeaders({ 'retry-after': '30' }));

    const root = join(scratch, 'invalid');
    await cp(SAMPLE_DIR, root, { recursive: true });
    await rm(join(root, 'departement/55.json'));
    const invalid = appFixture({ root });
    const response = await invalid.get('/donnees/55.json');
    expect(response.status).toBe(502);
    expect(headersOf(response)).toEqual(errorHeaders());
  });
});
