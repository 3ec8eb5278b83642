/**
 * The HTML factsheet and its DSFR files from the real Worker bundle in workerd: what the page
 * loads must be inside the bundle, since a Worker has no file system and no third-party host.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DSFR_FILES, FONT_FILES, dsfrUrl, fontUrl } from '../../src/app/html-assets.js';
import { createNodeAssets } from '../../src/adapters/assets-node.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';
import { startWorker } from '../helpers/workerd.js';

let worker: Awaited<ReturnType<typeof startWorker>>;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'worker-html-'));
  worker = await startWorker({ versionDir: SAMPLE_DIR, outDir: join(scratch, 'bundle') });
}, 180_000);

afterAll(async () => {
  await worker?.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe('the web pages on Workers', () => {
  it('serves the factsheet page, then from the Cache API, and 304 to its ETag', async () => {
    const response = await worker.fetch('/fiche/2A');
    const html = await response.text();
    expect(response.status, worker.logs.join('\n')).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<h2>Territoires d&#39;industrie - Corse-du-Sud</h2>');
    expect(html).toContain('href="/fiche/2A.pdf"');
    // Corse's région is the territory itself: its two région charts are one sentence each, as in the PDF.
    expect((html.match(/<figure /g) ?? []).length).toBe(6);
    const again = await worker.fetch('/fiche/2A');
    expect(again.headers.get('x-render-cache')).toBe('hit');
    expect(await again.text()).toBe(html);
    expect((await worker.fetch('/fiche/2A', { headers: { 'If-None-Match': response.headers.get('etag')! } })).status).toBe(304);
  }, 120_000);

  it('serves every DSFR file and font the pages load, with the same bytes as on Node', async () => {
    const node = createNodeAssets();
    for (const path of DSFR_FILES) {
      const response = await worker.fetch(dsfrUrl(path));
      expect(response.status, path).toBe(200);
      expect(sameBytes(await response.arrayBuffer(), await node.get('dsfr', path)), path).toBe(true);
    }
    for (const file of FONT_FILES) {
      const response = await worker.fetch(fontUrl(file));
      expect(response.status, file).toBe(200);
      expect(sameBytes(await response.arrayBuffer(), await node.get('font', file)), file).toBe(true);
    }
    expect((await worker.fetch('/dsfr/1.14.3/dsfr.min.css')).status).toBe(404);
  }, 120_000);
});

/** Byte comparison without a deep-equality walk over hundreds of thousands of elements. */
function sameBytes(served: ArrayBuffer, expected: Uint8Array | null): boolean {
  return expected !== null && Buffer.from(served).equals(expected);
}
