/**
 * The real Worker bundle in workerd (miniflare 3), with a local R2 bucket seeded from a built
 * version in the layout data:publish writes. `cf: false`: miniflare would otherwise download
 * Cloudflare's request metadata, and there is no internet here.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { bundleWorker, type WorkerBundle } from '../../src/cli/worker-bundle.js';
import { CurrentPointer, Manifest } from '../../src/core/schema.js';

export const WORKER_PREFIX = 'indicateurs';

export async function startWorker(options: { versionDir: string; outDir: string; bundle?: WorkerBundle }) {
  const bundle = options.bundle ?? (await bundleWorker(options.outDir));
  const logs: string[] = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle.script,
    modulesRoot: bundle.dir,
    modulesRules: [
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
      { type: 'Data', include: ['**/*.ttf'] },
    ],
    compatibilityDate: '2025-07-01',
    r2Buckets: ['FICHES'],
    bindings: { S3_PREFIX: WORKER_PREFIX, MANIFEST_TTL_SECONDS: '60' },
    cf: false,
    handleRuntimeStdio(stdout, stderr) {
      stdout.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
      stderr.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
    },
  });
  await mf.ready;
  // miniflare types the bucket with its own Request-based typings; only put is used here.
  const bucket = (await mf.getR2Bucket('FICHES')) as unknown as { put(key: string, value: string | Uint8Array): Promise<unknown> };
  const manifest = Manifest.parse(JSON.parse(await readFile(join(options.versionDir, 'manifest.json'), 'utf8')));
  const versionPath = `${manifest.year}/${manifest.dataVersion}`;
  const files = (await readdir(options.versionDir, { recursive: true })).filter((file) => file.endsWith('.json'));
  for (const file of files) {
    await bucket.put(`${WORKER_PREFIX}/${versionPath}/${file.split('\\').join('/')}`, await readFile(join(options.versionDir, file), 'utf8'));
  }
  const pointer = CurrentPointer.parse({ schemaVersion: 1, year: manifest.year, dataVersion: manifest.dataVersion, versionPath, publishedAt: manifest.generatedAt });
  await bucket.put(`${WORKER_PREFIX}/current.json`, JSON.stringify(pointer));
  return {
    mf,
    bundle,
    logs,
    manifest,
    fetch: (path: string, init?: { headers?: Record<string, string> }) => mf.dispatchFetch(`http://fiches.test${path}`, init),
    dispose: () => mf.dispose(),
  };
}
