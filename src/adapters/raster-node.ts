/**
 * PNG rasterisation on Node: resvg's native binding draws, native zlib compresses.
 *
 * A picture of a megapixel or more (a chart or a page at 1200 px) is compressed in two parts at the
 * same time, the first on libuv's thread pool and the last on this thread, joined into one zlib
 * stream: the same CPU as one part, in about half the time where a core is free. Drawing in bands
 * was measured too: two bands drawn at once took a quarter off a chart's time on an idle machine
 * but cost a third more CPU (each band parses the whole SVG and clips the shapes crossing its edge),
 * so a loaded machine, or render:all, drew a quarter fewer PNGs; bands drawn one after the other
 * from one parsed picture, each compressed while the next is drawn, cost more than they overlapped.
 * resvg draws the picture whole.
 */
import './resvg-allocator-options';
import { crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import type { Rasterizer } from '../ports';
import { pngFile, unfilteredRows } from '../core/png-encode';
import { joinZlibStream } from '../core/zlib-join';
import { deflateLastPartHere, deflatePart } from './deflate-parts-node';
import { collectYoungSoon } from './collect-young-soon';
import { createSpareBuffer } from './spare-buffer';

/** zlib level 1: a quarter of the time of resvg's own encoder, and still smaller files than it writes. */
const DEFLATE_LEVEL = 1;
/** Below this many pixels a picture's rows are compressed in one part. */
export const PARTS_FROM_PIXELS = 1_000_000;

/** Room for the rows of a chart, or of a page, up to 1600 px wide. */
const SPARE_ROWS_MAX_BYTES = 16 << 20;

export function createNodeRasterizer(): Rasterizer {
  const spareRows = createSpareBuffer(SPARE_ROWS_MAX_BYTES);
  return {
    async toPng(svg, widthPx) {
      const spare = spareRows.take();
      const { rows, width, height } = drawnRows(svg, widthPx, spare);
      // Parts end on a row, at a place fixed by the size alone: the same picture keeps the same bytes.
      const cut = width * height >= PARTS_FROM_PIXELS ? Math.floor(height / 2) * (width * 4 + 1) : rows.length;
      const parts = cut < rows.length ? [rows.subarray(0, cut), rows.subarray(cut)] : [rows];
      const pooled = Promise.all(parts.slice(0, -1).map((part) => deflatePart(part, DEFLATE_LEVEL, false)));
      collectYoungSoon();
      const last = deflateLastPartHere(parts.at(-1)!, DEFLATE_LEVEL);
      const deflated = [...(await pooled), last];
      spareRows.give(rows.buffer === spare?.buffer ? spare : rows);
      return pngFile(width, height, joinZlibStream(deflated), crc32);
    },
  };
}

/** resvg's objects live in this frame alone, so that a collection during the compression frees them. */
function drawnRows(svg: string, widthPx: number, spare: Uint8Array | undefined) {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, font: { loadSystemFonts: false }, background: '#ffffff' }).render();
  const { width, height } = image;
  return { rows: unfilteredRows(image.pixels, width, height, spare), width, height };
}
