import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appFixture } from '../helpers/app-fixture.js';
import { until } from '../helpers/until.js';
import { pointTo, writeVersion } from '../helpers/version-copy.js';

const scratch = await mkdtemp(join(tmpdir(), 'app-caching-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('caching', () => {
  it('answers If-None-Match with 304 without rendering, and serves repeats from the cache', async () => {
    const { get, counting } = appFixture();
    const first = await get('/fiche/55/pays.png?w=400');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9A-Za-z._-]+"$/);
    expect(counting.calls).toHaveLength(1);

    const revalidated = await get('/fiche/55/pays.png?w=400', { 'If-None-Match': `"other", ${etag}` });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(await revalidated.text()).toBe('');
    const again = await get('/fiche/55/pays.png?w=400');
    expect(again.status).toBe(200);
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(new Uint8Array(await first.arrayBuffer()));
    expect(counting.calls).toHaveLength(1);

    // Another width is another object, with its own validator.
    const wider = await get('/fiche/55/pays.png?w=500', { 'If-None-Match': etag });
    expect(wider.status).toBe(200);
    expect(wider.headers.get('etag')).not.toBe(etag);
    expect(counting.calls).toHaveLength(2);
  });

  it('renders once for concurrent requests of the same uncached object', async () => {
    const { get, counting, logger } = appFixture();
    const open = counting.hold();
    const pending = Array.from({ length: 6 }, () => get('/fiche/13.pdf'));
    const other = get('/fiche/13/page-2.pdf');
    // Both renders have started: the other requests joined them on microtasks, long before the
    // first one finished reading its documents from disk.
    await until(() => counting.calls.length === 2, 'both renders started');
    open();
    const responses = await Promise.all([...pending, other]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(counting.calls.map((call) => call.method).sort()).toEqual(['factsheetPdf', 'pagePdf']);
    const bodies = await Promise.all(responses.slice(0, 6).map(async (response) => Buffer.from(await response.arrayBuffer()).toString('base64')));
    expect(new Set(bodies).size).toBe(1);
    // None of them was a cache hit: they all waited on the one render.
    expect(logger.records.filter((record) => record.path === '/fiche/13.pdf').map((record) => record.cache)).toEqual(Array(6).fill('miss'));
  });

  it('renders from a new data version after the manifest TTL, with no purge, and keeps the old one until then', async () => {
    const root = join(scratch, 'bucket');
    await pointTo(root, await writeVersion(root, 'aaaa1111', 1000));
    const { get, clock } = appFixture({ root, ttlSeconds: 120 });
    const before = await get('/donnees/55.json');
    expect(((await before.json()) as { totals: { exports: number } }).totals.exports).toBe(1000);
    const oldTag = before.headers.get('etag')!;
    expect(oldTag).toContain('aaaa1111');

    await pointTo(root, await writeVersion(root, 'bbbb2222', 2000));
    clock.advanceSeconds(119);
    expect(((await (await get('/donnees/55.json')).json()) as { totals: { exports: number } }).totals.exports).toBe(1000);
    expect((await get('/donnees/55.json', { 'If-None-Match': oldTag })).status).toBe(304);

    clock.advanceSeconds(2);
    const after = await get('/donnees/55.json', { 'If-None-Match': oldTag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toContain('bbbb2222');
    expect(((await after.json()) as { totals: { exports: number } }).totals.exports).toBe(2000);
  });
});
