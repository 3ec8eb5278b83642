/** The app in-process over the committed sample data (or another folder), with handles for the tests. */
import { fileURLToPath } from 'node:url';
import { createApp } from '../../src/app.js';
import { createMemoryCache } from '../../src/adapters/cache-memory.js';
import { createFsStorage } from '../../src/adapters/storage-fs.js';
import type { RenderLimiter, Storage } from '../../src/app/ports-app.js';
import type { Renderer } from '../../src/core/render.js';
import type { RendererInfo } from '../../src/app/renderer-types.js';
import { countingRenderer } from './counting-renderer.js';
import { manualClock } from './manual-clock.js';
import { memoryLogger } from './memory-logger.js';
import { PLAIN_INFO, plainRenderer } from './plain-renderer.js';

export const SAMPLE_DIR = fileURLToPath(new URL('../../data/indicators/2024/', import.meta.url));

export function appFixture(options: { root?: string; storage?: Storage; renderer?: Renderer; info?: RendererInfo; limiter?: RenderLimiter; ttlSeconds?: number } = {}) {
  const clock = manualClock();
  const logger = memoryLogger();
  const counting = countingRenderer(options.renderer ?? plainRenderer());
  const cache = createMemoryCache(64 * 1024 * 1024);
  const app = createApp({
    storage: options.storage ?? createFsStorage(options.root ?? SAMPLE_DIR),
    renderer: counting.renderer,
    rendererInfo: options.info ?? PLAIN_INFO,
    cache,
    clock,
    logger,
    manifestTtlSeconds: options.ttlSeconds ?? 60,
    renderLimiter: options.limiter,
  });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  return { app, get, clock, logger, counting, cache };
}
