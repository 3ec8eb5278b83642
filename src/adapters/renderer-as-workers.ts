/**
 * On Node, a renderer that writes the very bytes the Workers entry writes: the same fonts, resvg as
 * wasm, and zlib at the level the Worker asks of its node:zlib. `render:all --runtime workers` uses it to
 * prerender for a Worker, whose ETags and keys name the `-workers` renderer version.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { RendererInfo } from '../app/renderer-types.js';
import { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH, RENDERER_VERSION, createRenderer, initLayoutEngine, type Renderer } from '../core/render.js';
import { loadNodeFonts } from './fonts-node.js';
import { loadYogaWasm } from './layout-node.js';
import { PDF_DEFLATE_LEVEL, nodeDeflate } from './deflate-node.js';
import { createWasmRasterizer } from './raster-wasm.js';

/** As src/entry-worker.ts names it; the page width cap there does not change any object's bytes. */
export const WORKERS_RENDERER_INFO: RendererInfo = { version: `${RENDERER_VERSION}-workers`, chartSlugs: CHART_SLUGS, pageCount: PAGE_COUNT, pngWidth: PNG_WIDTH };

export async function createRendererAsWorkers(): Promise<Renderer> {
  await initLayoutEngine(await loadYogaWasm());
  const resvg = await readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
  return createRenderer({ fonts: await loadNodeFonts(), rasterizer: await createWasmRasterizer(new Uint8Array(resvg)), deflate: nodeDeflate(PDF_DEFLATE_LEVEL) });
}
