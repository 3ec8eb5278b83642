/** PNG rasterisation on Node: resvg's native binding draws, native zlib compresses. */
import { Resvg } from '@resvg/resvg-js';
import type { Rasterizer } from '../ports';
import { encodePng } from '../core/png-encode';
import { nodeDeflate } from './deflate-node';

/** zlib level 1: a quarter of the time of resvg's own encoder, and still smaller files than it writes. */
const DEFLATE_LEVEL = 1;

export function createNodeRasterizer(): Rasterizer {
  const deflate = nodeDeflate(DEFLATE_LEVEL);
  return {
    async toPng(svg, widthPx) {
      const image = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, font: { loadSystemFonts: false }, background: '#ffffff' }).render();
      return encodePng(image.pixels, image.width, image.height, deflate);
    },
  };
}
