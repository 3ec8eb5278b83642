/** The real renderer on Node (yoga from node_modules, fonts from templates/fonts, resvg-js, native zlib), in this thread. */
import type { Renderer, TextPageSource } from '../core/render.js';
import { createRenderer, initLayoutEngine } from '../core/render.js';
import { loadNodeFonts } from './fonts-node.js';
import { loadYogaWasm } from './layout-node.js';
import { createNodeRasterizer } from './raster-node.js';
import { PDF_DEFLATE_LEVEL, nodeDeflate } from './deflate-node.js';

export { NODE_RENDERER_INFO } from './renderer-info-node.js';

export async function createNodeRenderer(): Promise<Renderer & TextPageSource> {
  await initLayoutEngine(await loadYogaWasm());
  return createRenderer({ fonts: await loadNodeFonts(), rasterizer: createNodeRasterizer(), deflate: nodeDeflate(PDF_DEFLATE_LEVEL) });
}
