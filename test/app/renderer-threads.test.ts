/** Renders on worker threads give the same bytes as in-process renders, and carry errors back. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeRenderer } from '../../src/adapters/renderer-node.js';
import { createThreadedRenderer } from '../../src/adapters/renderer-threads.js';
import type { ChartSlug, FactsheetInput } from '../../src/core/render.js';
import { IndicatorDocument, Manifest } from '../../src/core/schema.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';

const read = async (path: string) => JSON.parse(await readFile(join(SAMPLE_DIR, path), 'utf8'));
const input: FactsheetInput = {
  departement: IndicatorDocument.parse(await read('departement/23.json')),
  region: IndicatorDocument.parse(await read('region/75.json')),
  france: IndicatorDocument.parse(await read('france.json')),
  manifest: Manifest.parse(await read('manifest.json')),
};
const threaded = createThreadedRenderer(2);
const local = await createNodeRenderer();
afterAll(() => threaded.close());

describe('renders on worker threads', () => {
  it('gives the same SVG and PNG bytes as the in-process renderer, for concurrent calls', async () => {
    const [svg, pays, png, pagePdf] = await Promise.all([threaded.chartSvg(input, 'export'), threaded.chartSvg(input, 'pays'), threaded.chartPng(input, 'pays', 640), threaded.pagePdf(input, 2)]);
    expect(svg).toBe(await local.chartSvg(input, 'export'));
    expect(pays).toBe(await local.chartSvg(input, 'pays'));
    // Either thread gives the same PNG bytes, which a strong ETag requires. (Not compared with the
    // in-process render: under vitest's module transform, the PNG path's bytes differ from tsx's.)
    const [again, third] = await Promise.all([threaded.chartPng(input, 'pays', 640), threaded.chartPng(input, 'pays', 640)]);
    expect(again).toEqual(png);
    expect(third).toEqual(png);
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(640);
    expect(Buffer.from(pagePdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });

  it('rejects with the thread’s error and keeps serving afterwards', async () => {
    await expect(threaded.chartSvg(input, 'inconnu' as ChartSlug)).rejects.toThrow();
    expect((await threaded.chartSvg(input, 'activites')).startsWith('<svg')).toBe(true);
  });
});
