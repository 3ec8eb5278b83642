/** The PDF and PNG routes with the real renderer (Satori, resvg-js, pdf-lib), in-process. */
import { describe, expect, it } from 'vitest';
import { NODE_RENDERER_INFO, createNodeRenderer } from '../../src/adapters/renderer-node.js';
import { appFixture } from '../helpers/app-fixture.js';
import { pdfPagesText } from '../helpers/pdf-text.js';

const { get } = appFixture({ renderer: await createNodeRenderer(), info: NODE_RENDERER_INFO });

describe('with the real renderer', () => {
  it('serves the whole factsheet as a PDF of every page, with the département in its text', async () => {
    const response = await get('/fiche/55.pdf');
    expect(response.status).toBe(200);
    const pages = await pdfPagesText(new Uint8Array(await response.arrayBuffer()));
    expect(pages).toHaveLength(NODE_RENDERER_INFO.pageCount);
    expect(pages[0]).toContain('Meuse');
  });

  it('serves a page as PNG at the requested width, and a chart as SVG and PDF', async () => {
    const png = new Uint8Array(await (await get('/fiche/2B/page-1.png?w=400')).arrayBuffer());
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(400);
    const svg = await (await get('/fiche/55/import-france.svg')).text();
    expect(svg.startsWith('<svg')).toBe(true);
    const chart = await get('/fiche/55/activites.pdf');
    expect(chart.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfPagesText(new Uint8Array(await chart.arrayBuffer()))).toHaveLength(1);
  });

  it('rejects widths beyond what a Worker can rasterise', async () => {
    expect((await get(`/fiche/55/page-1.png?w=${NODE_RENDERER_INFO.pngWidth.max + 1}`)).status).toBe(400);
    expect((await get(`/fiche/55/page-1.png?w=${NODE_RENDERER_INFO.pngWidth.min - 1}`)).status).toBe(400);
  });
});
