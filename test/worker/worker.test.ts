/** The real Worker bundle in workerd, reading a local R2 bucket seeded from the sample data. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFactsheetFromDisk } from '../../src/adapters/factsheet-fs.js';
import { createNodeRenderer } from '../../src/adapters/renderer-node.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';
import { pdfPagesText } from '../helpers/pdf-text.js';
import { startWorker } from '../helpers/workerd.js';

let worker: Awaited<ReturnType<typeof startWorker>>;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'worker-'));
  worker = await startWorker({ versionDir: SAMPLE_DIR, outDir: join(scratch, 'bundle') });
});

afterAll(async () => {
  await worker?.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe('the Worker in workerd', () => {
  it('reports the data version read from R2', async () => {
    const response = await worker.fetch('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ storage: 'ok', dataVersion: worker.manifest.dataVersion });
  });

  it('renders the whole factsheet as a PDF with real text, then serves it from the Cache API', async () => {
    const response = await worker.fetch('/fiche/55.pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.status, worker.logs.join('\n')).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="commerce-exterieur-2024-55-meuse.pdf"');
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(bytes.byteLength, worker.logs.join('\n')).toBeGreaterThan(20_000);
    // Real, extractable text, laid out inside workerd.
    const pages = await pdfPagesText(bytes);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.join(' ')).toContain('Meuse');
    // A heading Satori drew, and a sentence of running text drawn as a text block.
    expect(pages[2]).toContain('Balance commerciale territoriale');
    expect(pages[2]).toContain('Cette première infographie identifie les principaux pays');
    // The fonts' subsets made by the bundle step fit the fonts and workerd's zlib: copied, not computed again.
    expect(worker.bundle.files.map((file) => file.name)).toContain('pdf-font-subsets.bin');
    expect(worker.logs.filter((line) => line.includes('prebuilt font subsets'))).toEqual([]);

    const again = await worker.fetch('/fiche/55.pdf');
    expect(again.headers.get('x-render-cache'), worker.logs.join('\n')).toBe('hit');
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
    const revalidated = await worker.fetch('/fiche/55.pdf', { headers: { 'If-None-Match': response.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
  });

  it('renders a chart as a 2x PNG with resvg-wasm', async () => {
    const response = await worker.fetch('/fiche/55/pays.png?w=1600');
    expect(response.status, worker.logs.join('\n')).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(16)).toBe(1600);
    expect(view.getUint32(20)).toBeGreaterThan(400);
    expect(bytes.byteLength).toBeGreaterThan(10_000);
  });

  it('draws a chart with the same pixels as the Node renderer', async () => {
    // Below a megapixel Node draws a chart whole, as the Worker always does (larger ones in two bands).
    const response = await worker.fetch('/fiche/55/export.png?w=800');
    expect(response.status, worker.logs.join('\n')).toBe(200);
    const fromWorker = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    const renderer = await createNodeRenderer();
    const fromNode = PNG.sync.read(Buffer.from(await renderer.chartPng(await loadFactsheetFromDisk(SAMPLE_DIR, '55'), 'export', 800)));
    expect([fromWorker.width, fromWorker.height]).toEqual([fromNode.width, fromNode.height]);
    expect(Buffer.compare(fromWorker.data, fromNode.data)).toBe(0);
  });

  it('caps whole-page PNGs at the width measured to fit a Worker', async () => {
    expect((await worker.fetch('/fiche/55/page-1.png?w=2400')).status).toBe(400);
  });

  it('answers unknown codes with the French 404 and logs one JSON line per request', async () => {
    const response = await worker.fetch('/fiche/96.pdf');
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/introuvable/);
    const lines = worker.logs.filter((line) => line.startsWith('{'));
    expect(lines.map((line) => JSON.parse(line) as { path: string }).some((record) => record.path === '/fiche/96.pdf')).toBe(true);
  });
});
