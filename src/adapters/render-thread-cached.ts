/**
 * A render thread's first module in the compiled server (dist/server/): runs the render thread's
 * CommonJS bundle with its V8 code cache (code-cache.ts), which `npm run build:server` makes after
 * warm-up renders. A fresh thread's first factsheets are then not slowed by compiling the renderer's
 * functions one by one. It tells the pool what became of the cache before the thread's own messages.
 */
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { WRITE_CODE_CACHE, runCachedBundle, type CodeCacheReport } from './code-cache.js';

// V8 rejects a cache made under other flags: the thread sets this one itself (garbage-collector.ts), so it
// is set before compiling, the same way in the build that makes the cache and in every thread.
setFlagsFromString('--expose-gc');

const bundle = runCachedBundle(fileURLToPath(new URL('./render-thread.cjs', import.meta.url)));
parentPort!.postMessage({ codeCache: bundle.status } satisfies CodeCacheReport);

const buildPort = (workerData as { codeCachePort?: MessagePort } | null)?.codeCachePort;
buildPort?.on('message', (message) => {
  if (message !== WRITE_CODE_CACHE) return;
  bundle.writeCache();
  buildPort.postMessage('written');
});
