/** The real Worker bundle in workerd, as `npm run worker:memory` starts it (see src/cli/worker-memory.ts). */
import { bundleWorker, type WorkerBundle } from '../../src/cli/worker-bundle.js';
import { startLocalWorker } from '../../src/cli/worker-memory.js';

export async function startWorker(options: { versionDir: string; outDir: string; ttlSeconds?: number; bundle?: WorkerBundle }) {
  const bundle = options.bundle ?? (await bundleWorker(options.outDir));
  return { bundle, ...(await startLocalWorker({ versionDir: options.versionDir, bundle, ttlSeconds: options.ttlSeconds })) };
}
