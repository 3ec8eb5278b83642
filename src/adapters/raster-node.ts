/** PNG rasterisation on Node with resvg's native binding. */
import { Resvg } from '@resvg/resvg-js';
import type { Rasterizer } from '../ports';

export function createNodeRasterizer(): Rasterizer {
  return {
    async toPng(svg, widthPx) {
      const image = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, font: { loadSystemFonts: false }, background: '#ffffff' }).render();
      return image.asPng();
    },
  };
}
