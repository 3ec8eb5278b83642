/**
 * The Cloudflare Workers entry: R2 storage, the resvg-wasm rasterizer, the runtime's native zlib
 * (node:zlib, with the nodejs_compat flag: pdf-lib's JavaScript deflate took a large share of a
 * cold isolate's first PDF), the Cache API. Bindings exist
 * per request, so the app is built on the first request of an isolate and reused while the binding
 * object stays the same.
 */
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import yogaWasm from 'satori/yoga.wasm';
import { createApp } from './app.js';
import { createWorkerAssets } from './adapters/assets-worker.js';
import { createWorkersCache, type WorkersCacheLike } from './adapters/cache-workers.js';
import { workerFonts } from './adapters/fonts-worker.js';
import { workerPdfFontSubsets } from './adapters/pdf-fonts-worker.js';
import { PDF_DEFLATE_LEVEL, nodeDeflate } from './adapters/deflate-node.js';
import { lazyWasmRasterizer } from './adapters/raster-wasm.js';
import { createR2Storage, type R2BucketLike } from './adapters/storage-r2.js';
import { readConfig } from './app/config.js';
import { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH, RENDERER_VERSION, createRenderer, initLayoutEngine } from './core/render.js';

export interface WorkerEnv {
  /** The R2 bucket `data:publish` writes to (through R2's S3 API). */
  FICHES: R2BucketLike;
  S3_PREFIX?: string;
  MANIFEST_TTL_SECONDS?: string;
  PAGE_PNG_MAX_WIDTH?: string;
}

/**
 * Measured in workerd (npm run worker:memory): rendering takes ~60 MiB above an idle isolate for a
 * whole PDF or a 2400 px chart, ~68 MiB for a 1600 px page, ~100 MiB for a 2400 px page — too close
 * to the 128 MB a Worker has. Pages are therefore capped at 1600 px here; charts keep the full range.
 */
const PAGE_PNG_MAX_WIDTH = 1600;

let built: { env: WorkerEnv; app: ReturnType<typeof createApp> } | null = null;

function appFor(env: WorkerEnv) {
  if (built?.env === env) return built.app;
  const config = readConfig(env as unknown as Record<string, unknown>);
  const cache = (globalThis as unknown as { caches: { default: WorkersCacheLike } }).caches.default;
  const app = createApp({
    storage: createR2Storage(env.FICHES, config.S3_PREFIX),
    renderer: async () => {
      await initLayoutEngine(yogaWasm);
      return createRenderer({
        fonts: workerFonts(),
        rasterizer: lazyWasmRasterizer(resvgWasm),
        deflate: nodeDeflate(PDF_DEFLATE_LEVEL),
        pdfFontSubsets: workerPdfFontSubsets(),
        onStalePdfFontSubsets: (reason) => console.warn(JSON.stringify({ level: 'warn', message: `${reason}; computing them` })),
      });
    },
    rendererInfo: { version: `${RENDERER_VERSION}-workers`, chartSlugs: CHART_SLUGS, pageCount: PAGE_COUNT, pngWidth: PNG_WIDTH, pagePngMaxWidth: config.PAGE_PNG_MAX_WIDTH ?? PAGE_PNG_MAX_WIDTH },
    cache: createWorkersCache(cache),
    assets: createWorkerAssets(),
    manifestTtlSeconds: config.MANIFEST_TTL_SECONDS,
    publicOrigin: config.PUBLIC_ORIGIN,
    // Workers have no render queue to bound: each request has its own 128 MB isolate budget.
    logger: { log: (record) => console.log(JSON.stringify(record)) },
  });
  built = { env, app };
  return app;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: unknown): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx as never);
  },
};
