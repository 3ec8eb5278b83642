/**
 * PNG rasterisation on Node: resvg's native binding draws, native zlib compresses.
 *
 * A picture of a megapixel or more (a chart or a page at 1200 px) is cut into two bands of rows,
 * drawn at the same time on libuv's thread pool and compressed there as soon as each is drawn, so
 * that one reader's PNG uses two cores where a core is free: a chart at 1200 px then takes about
 * two thirds of the time. Each band parses the whole SVG, about 5 ms more CPU per picture, which a
 * fully loaded machine pays without the gain. The number of bands is fixed rather than chosen by
 * the load: bands clip the shapes that cross their edges, which moves anti-aliased pixels by a few
 * levels, and the same picture must always have the same bytes.
 */
import { Resvg, renderAsync } from '@resvg/resvg-js';
import type { Rasterizer } from '../ports';
import { pngFile, unfilteredRows } from '../core/png-encode';
import { pixelSizeAtWidth, rowBands, type RowBand } from '../core/svg-row-bands';
import { joinZlibStream, type DeflatedPart } from '../core/zlib-join';
import { deflatePart } from './deflate-parts-node';

/** zlib level 1: a quarter of the time of resvg's own encoder, and still smaller files than it writes. */
const DEFLATE_LEVEL = 1;
export const BANDED_FROM_PIXELS = 1_000_000;
export const BANDS = 2;

const RESVG_OPTIONS = { font: { loadSystemFonts: false }, background: '#ffffff' } as const;

export function createNodeRasterizer(): Rasterizer {
  return {
    async toPng(svg, widthPx) {
      const size = pixelSizeAtWidth(svg, widthPx);
      const bands = size && size.width * size.height >= BANDED_FROM_PIXELS ? rowBands(svg, widthPx, BANDS) : undefined;
      if (!bands) {
        const image = new Resvg(svg, { ...RESVG_OPTIONS, fitTo: { mode: 'width', value: widthPx } }).render();
        const whole = await deflatePart(unfilteredRows(image.pixels, image.width, image.height), DEFLATE_LEVEL, true);
        return pngFile(image.width, image.height, joinZlibStream([whole]));
      }
      const parts = await Promise.all(bands.map((band, index) => drawAndDeflate(band, widthPx, index === bands.length - 1)));
      return pngFile(widthPx, size!.height, joinZlibStream(parts));
    },
  };
}

async function drawAndDeflate(band: RowBand, widthPx: number, last: boolean): Promise<DeflatedPart> {
  const image = await renderAsync(band.svg, RESVG_OPTIONS);
  if (image.width !== widthPx || image.height !== band.rows) {
    throw new Error(`resvg drew a band of ${image.width}×${image.height} px where ${widthPx}×${band.rows} were expected`);
  }
  return deflatePart(unfilteredRows(image.pixels, image.width, image.height), DEFLATE_LEVEL, last);
}
