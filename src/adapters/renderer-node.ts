/** The real renderer on Node (yoga from node_modules, fonts from templates/fonts, resvg-js, native zlib), in this thread. */
import type { Renderer, TextPageSource } from '../core/render.js';
import type { RendererInfo } from '../app/renderer-types.js';
import { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH, RENDERER_VERSION, createRenderer, initLayoutEngine } from '../core/render.js';
import { loadNodeFonts } from './fonts-node.js';
import { loadYogaWasm } from './layout-node.js';
import { createNodeRasterizer } from './raster-node.js';
import { nodeDeflate } from './deflate-node.js';

export const NODE_RENDERER_INFO: RendererInfo = { version: `${RENDERER_VERSION}-node`, chartSlugs: CHART_SLUGS, pageCount: PAGE_COUNT, pngWidth: PNG_WIDTH };

export async function createNodeRenderer(): Promise<Renderer & TextPageSource> {
  await initLayoutEngine(await loadYogaWasm());
  return createRenderer({ fonts: await loadNodeFonts(), rasterizer: createNodeRasterizer(), deflate: nodeDeflate(6) });
}
