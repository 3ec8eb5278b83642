import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH, type FactsheetInput, type Renderer } from '../../src/core/render';
import { loadInput, nodeRenderer } from '../helpers-render/inputs';
import { LAYOUT_SCALE } from '../../src/core/render-svg';

let renderer: Renderer;
let meuse: FactsheetInput;

beforeAll(async () => {
  ({ renderer } = await nodeRenderer());
  meuse = await loadInput('55');
});

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('standalone SVG charts', () => {
  it.each(CHART_SLUGS)('%s: glyphs as paths, with a title and a description for screen readers', async (slug) => {
    const svg = await renderer.chartSvg(meuse, slug);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('<text');
    expect(svg).not.toContain('<image');
    expect(svg).toMatch(/role="img" aria-labelledby="title desc"><title id="title">[^<]+<\/title><desc id="desc">[^<]+<\/desc>/);
    expect(svg).toContain('Données fictives de démonstration');
  });

  it('describe the main figures of the chart', async () => {
    const svg = await renderer.chartSvg(meuse, 'pays');
    expect(svg).toContain("<title id=\"title\">Principaux pays à l'import et à l'export, Meuse (2024)</title>");
    expect(svg).toContain('Allemagne : importations 206,8\u202fM€, exportations 265,2\u202fM€, balance +58,4\u202fM€');
    const sankey = await renderer.chartSvg(meuse, 'export');
    expect(sankey).toMatch(/<desc id="desc">Total 1\u202f340,7\u202fM€\. Principaux flux : [^<]+→/);
  });

  it('render every page as SVG', async () => {
    for (let page = 1; page <= PAGE_COUNT; page++) {
      const svg = await renderer.pageSvg(meuse, page);
      expect(svg).toMatch(/^<svg width="595" height="842" viewBox="0 0 2380 3368"/);
    }
    await expect(renderer.pageSvg(meuse, PAGE_COUNT + 1)).rejects.toThrow(RangeError);
  });
});

describe('nested drawings', () => {
  it('are drawn at their own size, never shrunk into the whole layout units Satori snaps their boxes to', async () => {
    const nestedSvg = /<svg x="[-\d.]+" y="[-\d.]+" width="([\d.]+)" height="([\d.]+)" viewBox="0 0 ([\d.]+) ([\d.]+)"/g;
    let checked = 0;
    for (let page = 1; page <= PAGE_COUNT; page++) {
      const svg = await renderer.pageSvg(meuse, page);
      for (const [, width, height, drawnWidth, drawnHeight] of svg.matchAll(nestedSvg)) {
        // A box shorter than its drawing shrank the drawing and centred it: lines of text moved right.
        expect(Number(width) / Number(drawnWidth), `page ${page}: ${width}×${height} for ${drawnWidth}×${drawnHeight}`).toBeCloseTo(LAYOUT_SCALE, 3);
        expect(Number(height) / Number(drawnHeight), `page ${page}: ${width}×${height} for ${drawnWidth}×${drawnHeight}`).toBeCloseTo(LAYOUT_SCALE, 3);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('PNG', () => {
  it('is as wide as asked, within bounds, and sharp at 2x', async () => {
    expect(pngSize(await renderer.chartPng(meuse, 'pays', 1200)).width).toBe(1200);
    expect(pngSize(await renderer.chartPng(meuse, 'activites', PNG_WIDTH.max)).width).toBe(PNG_WIDTH.max);
    const page = pngSize(await renderer.pagePng(meuse, 1, 600));
    expect(page.width).toBe(600);
    expect(page.height).toBe(Math.round((600 * 842) / 595));
  });

  it('refuses widths out of bounds', async () => {
    await expect(renderer.chartPng(meuse, 'pays', PNG_WIDTH.max + 1)).rejects.toThrow(RangeError);
    await expect(renderer.chartPng(meuse, 'pays', PNG_WIDTH.min - 1)).rejects.toThrow(RangeError);
    await expect(renderer.chartPng(meuse, 'pays', 800.5)).rejects.toThrow(RangeError);
  });
});

describe('single chart and single page PDFs', () => {
  it('are one page each', async () => {
    for (const bytes of [await renderer.chartPdf(meuse, 'export'), await renderer.pagePdf(meuse, 3)]) {
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
      expect(Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });
});

describe('a département without trade', () => {
  it('gets its whole factsheet, charts empty', async () => {
    const input = structuredClone(meuse);
    const empty = { ...input.departement.flows.exports, total: 0, sources: [], targets: [], links: [] };
    input.departement = {
      ...input.departement,
      totals: { exports: 0, imports: 0, balance: 0 },
      shares: { exports: { region: 0, france: 0 }, imports: { region: 0, france: 0 } },
      partners: [],
      activities: { exports: [], imports: [] },
      flows: { exports: empty, imports: { ...empty, sourceKind: 'country', targetKind: 'product' } },
    };
    const bytes = await renderer.factsheetPdf(input);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  });
});
