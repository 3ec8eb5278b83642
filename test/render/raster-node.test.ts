import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTS_FROM_PIXELS, createNodeRasterizer } from '../../src/adapters/raster-node';
import { pngFile, unfilteredRows } from '../../src/core/png-encode';
import { svgBands } from '../../src/core/svg-bands';
import type { Renderer } from '../../src/core/render';
import { loadInput, nodeRenderer } from '../helpers-render/inputs';

const run = promisify(execFile);

/** The picture drawn by resvg and compressed in one part, as the rasteriser did before. */
function onePart(svg: string, widthPx: number) {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, font: { loadSystemFonts: false }, background: '#ffffff' }).render();
  return { width: image.width, height: image.height, pixels: image.pixels, png: pngFile(image.width, image.height, deflateSync(unfilteredRows(image.pixels, image.width, image.height), { level: 1 }), crc32) };
}

describe('PNG on Node', () => {
  let renderer: Renderer;
  const svgs: Record<string, string> = {};
  beforeAll(async () => {
    ({ renderer } = await nodeRenderer());
    for (const code of ['55', '75', '976']) svgs[code] = await renderer.chartSvg(await loadInput(code), 'export');
  });
  const rasterizer = createNodeRasterizer();

  it('compresses a large picture in parts that a PNG decoder reads back as the whole picture, pixel for pixel', async () => {
    for (const code of ['55', '75', '976']) {
      const whole = onePart(svgs[code]!, 1200);
      expect(whole.width * whole.height).toBeGreaterThanOrEqual(PARTS_FROM_PIXELS);
      const png = await rasterizer.toPng(svgs[code]!, 1200);
      expect(Buffer.from(png).equals(Buffer.from(whole.png))).toBe(false);
      const decoded = PNG.sync.read(Buffer.from(png));
      expect([decoded.width, decoded.height]).toEqual([whole.width, whole.height]);
      expect(Buffer.from(decoded.data).equals(Buffer.from(whole.pixels))).toBe(true);
    }
  });

  it('draws a large chart in two bands that leave out only what lies outside them, one PNG of both', async () => {
    const draw = (svg: string) => new Resvg(svg, { fitTo: { mode: 'width', value: 1200 }, font: { loadSystemFonts: false }, background: '#ffffff' }).render();
    for (const code of ['55', '75', '976']) {
      for (const slug of ['export', 'import-region'] as const) {
        const svg = slug === 'export' ? svgs[code]! : await renderer.chartSvg(await loadInput(code), slug);
        const bands = svgBands(svg, 1200)!;
        expect(bands, `${code} ${slug}`).not.toBeNull();
        const pixels = bands.map((band) => {
          // The same band drawn from every shape of the chart: culling must change no pixel.
          const fromWhole = band.svg.slice(0, band.svg.indexOf('>') + 1) + svg.slice(svg.indexOf('>') + 1);
          const culled = draw(band.svg);
          expect(Buffer.from(culled.pixels).equals(Buffer.from(draw(fromWhole).pixels)), `${code} ${slug}`).toBe(true);
          return culled.pixels;
        });
        const png = PNG.sync.read(Buffer.from(await rasterizer.toPng(svg, 1200, bands)));
        expect(png.height).toBe(draw(svg).height);
        expect(Buffer.from(png.data).equals(Buffer.concat(pixels))).toBe(true);
      }
    }
  });

  it('draws the chart whole when the first band does not end on the cut', async () => {
    const bands = svgBands(svgs['75']!, 1200)!;
    const misplaced = [{ ...bands[0], rows: bands[0].rows + 1 }, bands[1]] as const;
    const png = PNG.sync.read(Buffer.from(await rasterizer.toPng(svgs['75']!, 1200, misplaced)));
    expect(Buffer.from(png.data).equals(Buffer.from(onePart(svgs['75']!, 1200).pixels))).toBe(true);
  });

  it('gives the same bytes for the same picture', async () => {
    const [first, second] = await Promise.all([rasterizer.toPng(svgs['75']!, 1200), rasterizer.toPng(svgs['75']!, 1200)]);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('compresses a small picture in one part, byte for byte as before', async () => {
    const png = await rasterizer.toPng(svgs['55']!, 600);
    expect(Buffer.from(png).equals(Buffer.from(onePart(svgs['55']!, 600).png))).toBe(true);
  });

  it('draws each picture into memory the process already holds, not into fresh pages', async () => {
    // Before, resvg's buffers outlived their render until a collection V8 had no reason to run, and
    // the rows went to the C allocator anew: pictures faulted in 6.5 MB of new pages (1 600 faults)
    // time and again, 10 000 to 43 000 faults over these 15 pictures (6 900 and more without the
    // largest); now a few hundred.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/helpers-render/png-page-faults.ts']);
    const faults = JSON.parse(stdout) as number[];
    const pagesOfOnePicture = (1200 * 1350 * 4) / 4096;
    // One picture may still meet fresh pages on a loaded machine (a stall past the allocator's delay).
    const allButTheLargest = faults.reduce((sum, count) => sum + count, 0) - Math.max(...faults);
    expect(allButTheLargest, `page faults per picture: ${faults.join(' ')}`).toBeLessThan(2 * pagesOfOnePicture);
  });
});
