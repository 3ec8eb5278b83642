/**
 * PNG rasterisation on Node: resvg's native binding draws, native zlib compresses.
 *
 * A chart of a megapixel or more comes with its SVG cut into two bands, each drawing only its own
 * shapes (core/svg-bands.ts): the first is drawn on libuv's thread pool while this thread draws the
 * second, then each band's rows are compressed as one part of the zlib stream. Any other picture of
 * a megapixel or more (a page at 1200 px) is drawn whole and compressed in two parts at the same time,
 * the first on the pool and the last on this thread: the same CPU as one part, in about half the time
 * where a core is free. Earlier, bands that each parsed the whole SVG cost a third more CPU; bands
 * drawn one after the other from one parsed picture cost more than they overlapped.
 */
import './resvg-allocator-options';
import { crc32 } from 'node:zlib';
import { Resvg, renderAsync } from '@resvg/resvg-js';
import type { Rasterizer } from '../ports';
import { pngFile, unfilteredRows } from '../core/png-encode';
import { joinZlibStream } from '../core/zlib-join';
import { deflateLastPartHere, deflatePart } from './deflate-parts-node';
import { collectYoungSoon } from './collect-young-soon';
import { createSpareBuffer, type SpareBuffer } from './spare-buffer';

/** zlib level 1: a quarter of the time of resvg's own encoder, and still smaller files than it writes. */
const DEFLATE_LEVEL = 1;
/** Below this many pixels a picture's rows are compressed in one part. */
export const PARTS_FROM_PIXELS = 1_000_000;

/** Room for the rows of a chart, or of a page, up to 1600 px wide. */
const SPARE_ROWS_MAX_BYTES = 16 << 20;

export function createNodeRasterizer(): Rasterizer {
  const spareRows = createSpareBuffer(SPARE_ROWS_MAX_BYTES);
  const compressed = async (rowsOfParts: Uint8Array[], width: number, height: number) => {
    const pooled = Promise.all(rowsOfParts.slice(0, -1).map((part) => deflatePart(part, DEFLATE_LEVEL, false)));
    collectYoungSoon();
    const last = deflateLastPartHere(rowsOfParts.at(-1)!, DEFLATE_LEVEL);
    return pngFile(width, height, joinZlibStream([...(await pooled), last]), crc32);
  };
  const whole = async (svg: string, widthPx: number) => {
    const { rows, buffer, width, height } = drawnRows(svg, widthPx, spareRows);
    // Parts end on a row, at a place fixed by the size alone: the same picture keeps the same bytes.
    const cut = width * height >= PARTS_FROM_PIXELS ? Math.floor(height / 2) * (width * 4 + 1) : rows.length;
    const png = await compressed(cut < rows.length ? [rows.subarray(0, cut), rows.subarray(cut)] : [rows], width, height);
    spareRows.give(buffer);
    return png;
  };
  return {
    async toPng(svg, widthPx, bands) {
      if (!bands) return whole(svg, widthPx);
      // The first band on libuv's pool while this thread draws the second: one core each.
      const first = drawnPixelsElsewhere(bands[0].svg, widthPx);
      // Should this thread's band fail first, the pool's failure would otherwise go unheard.
      first.catch(() => undefined);
      const second = drawnPixels(bands[1].svg, widthPx);
      const top = await first;
      // A band that is not the width asked, or a first band that does not end on the cut, would
      // leave a seam: the picture is drawn whole instead, the same way every time for this SVG.
      if (top.width !== widthPx || second.width !== widthPx || top.height !== bands[0].rows) return whole(svg, widthPx);
      const height = top.height + second.height;
      const rowBytes = widthPx * 4 + 1;
      const buffer = spareRows.take(rowBytes * height);
      const topRows = unfilteredRows(top.pixels, widthPx, top.height, buffer.subarray(0, rowBytes * top.height));
      const bottomRows = unfilteredRows(second.pixels, widthPx, second.height, buffer.subarray(rowBytes * top.height, rowBytes * height));
      const png = await compressed([topRows, bottomRows], widthPx, height);
      spareRows.give(buffer);
      return png;
    },
  };
}

const resvgOptions = (widthPx: number) => ({ fitTo: { mode: 'width' as const, value: widthPx }, font: { loadSystemFonts: false }, background: '#ffffff' });

/**
 * resvg's objects and the pixels it hands over live in these frames alone, so that a collection
 * during the compression frees them.
 */
function drawnRows(svg: string, widthPx: number, spareRows: SpareBuffer) {
  const { pixels, width, height } = drawnPixels(svg, widthPx);
  const buffer = spareRows.take((width * 4 + 1) * height);
  return { rows: unfilteredRows(pixels, width, height, buffer), buffer, width, height };
}

function drawnPixels(svg: string, widthPx: number) {
  const image = new Resvg(svg, resvgOptions(widthPx)).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

async function drawnPixelsElsewhere(svg: string, widthPx: number) {
  const image = await renderAsync(svg, resvgOptions(widthPx));
  return { pixels: image.pixels, width: image.width, height: image.height };
}
