import { deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BANDED_FROM_PIXELS, createNodeRasterizer } from '../../src/adapters/raster-node';
import { encodePng } from '../../src/core/png-encode';
import { rowBands } from '../../src/core/svg-row-bands';
import type { Renderer } from '../../src/core/render';
import { loadInput, nodeRenderer } from '../helpers-render/inputs';

/** The picture drawn whole by resvg, as the rasteriser did before it drew in bands. */
function drawnWhole(svg: string, widthPx: number) {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, font: { loadSystemFonts: false }, background: '#ffffff' }).render();
  return { width: image.width, height: image.height, pixels: image.pixels, png: encodePng(image.pixels, image.width, image.height, (raw) => deflateSync(raw, { level: 1 })) };
}

describe('PNG on Node', () => {
  let renderer: Renderer;
  const svgs: Record<string, string> = {};
  beforeAll(async () => {
    ({ renderer } = await nodeRenderer());
    for (const code of ['55', '75', '976']) svgs[code] = await renderer.chartSvg(await loadInput(code), 'export');
  });
  const rasterizer = createNodeRasterizer();

  it('draws a large picture in bands that join into the whole picture, without a seam', async () => {
    for (const code of ['55', '75', '976']) {
      // The whole picture at the bands' scale: resvg's own fitting centres the drawing in whole
      // pixels, a tenth of a pixel lower.
      const whole = drawnWhole(rowBands(svgs[code]!, 1200, 1)![0]!.svg, 1200);
      expect(whole.width * whole.height).toBeGreaterThanOrEqual(BANDED_FROM_PIXELS);
      const banded = PNG.sync.read(Buffer.from(await rasterizer.toPng(svgs[code]!, 1200)));
      expect([banded.width, banded.height]).toEqual([whole.width, whole.height]);
      // Bands clip the shapes crossing their edges, which moves anti-aliased edges by a few levels:
      // the pictures agree on average to a fraction of a level, row by row, seam rows included.
      const rowBytes = whole.width * 4;
      let worstRowMean = 0;
      for (let row = 0; row < whole.height; row += 1) {
        let sum = 0;
        for (let index = row * rowBytes; index < (row + 1) * rowBytes; index += 1) sum += Math.abs(banded.data[index]! - whole.pixels[index]!);
        worstRowMean = Math.max(worstRowMean, sum / rowBytes);
      }
      expect(worstRowMean).toBeLessThan(1);
    }
  });

  it('gives the same bytes for the same picture', async () => {
    const [first, second] = await Promise.all([rasterizer.toPng(svgs['75']!, 1200), rasterizer.toPng(svgs['75']!, 1200)]);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('draws a small picture whole, byte for byte as before', async () => {
    const png = await rasterizer.toPng(svgs['55']!, 600);
    expect(Buffer.from(png).equals(Buffer.from(drawnWhole(svgs['55']!, 600).png))).toBe(true);
  });
});
