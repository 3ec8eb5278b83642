/**
 * `npm run build:server` (and so `npm start`): bundles the Node server into dist/server/, cleared
 * first so that no chunk of an earlier build lingers, then makes the render thread's V8 code cache.
 * The main thread's bundle is ESM with chunks loaded on demand; the render thread's is one CommonJS
 * file that render-thread-cached.ts runs with the cache. The cache is made here, once per build, by
 * a thread of the built server rendering a few factsheets from the committed data: it holds the
 * bytecode of every function those renders compiled, keyed by the bundle's hash (code-cache.ts).
 */
import { build, type BuildOptions } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { createFsStorage, latestVersionDir } from '../adapters/storage-fs.js';
import type { RenderReply } from '../adapters/render-thread.js';
import { WRITE_CODE_CACHE, codeCachePath, type CodeCacheReport } from '../adapters/code-cache.js';
import { DataSource } from '../app/data-source.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_DIR = join(ROOT, 'dist/server');

/** Loaded from node_modules at run time: a native binding, and the SDK only an S3 set-up loads. */
const external = ['@resvg/resvg-js', '@aws-sdk/client-s3'];

/**
 * The départements the cache is made from: a common case, Paris, and Corse-du-Sud with its own
 * comparison pages, so that the code their layouts run is in the cache.
 */
const CACHE_FACTSHEETS = ['55', '75', '2A'];

async function bundle(): Promise<void> {
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', external, sourcemap: true, logLevel: 'warning', absWorkingDir: ROOT };
  const mainThread = build({
    ...common,
    entryPoints: { 'entry-node': 'src/entry-node.ts', 'render-thread-cached': 'src/adapters/render-thread-cached.ts' },
    format: 'esm',
    splitting: true,
    outdir: SERVER_DIR,
    chunkNames: '[name]-[hash]',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const renderThread = build({
    ...common,
    entryPoints: ['src/adapters/render-thread.ts'],
    format: 'cjs',
    outfile: join(SERVER_DIR, 'render-thread.cjs'),
    // CommonJS has no import.meta: the modules that find files beside them get the bundle's own URL.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await Promise.all([mainThread, renderThread]);
}

/** Runs the built render thread on a few factsheets, then has it save its code cache. */
async function makeCodeCache(dataDir: string): Promise<void> {
  const data = new DataSource(createFsStorage(dataDir), { now: () => performance.now() }, Number.MAX_SAFE_INTEGER);
  const snapshot = await data.current();
  const geographies = snapshot.manifest.geographies.filter((geo) => geo.level === 'departement' && CACHE_FACTSHEETS.includes(geo.code));
  const inputs = await Promise.all(geographies.map((geo) => data.factsheetInput(snapshot, geo)));

  const { port1: buildPort, port2: threadPort } = new MessageChannel();
  // No inherited loader flags: the thread must start as the server's threads do.
  const worker = new Worker(join(SERVER_DIR, 'render-thread-cached.js'), { workerData: { codeCachePort: threadPort }, transferList: [threadPort], execArgv: [] });
  try {
    const replies: ((reply: RenderReply) => void)[] = [];
    const threadReady = new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the render thread exited with code ${code} while making the code cache`)));
      worker.on('message', (message: RenderReply | CodeCacheReport | { ready: true }) => {
        if ('ready' in message) resolve();
        else if ('id' in message) replies.shift()?.(message);
      });
    });
    await threadReady;
    for (const [id, input] of inputs.entries()) {
      const reply = await new Promise<RenderReply>((resolve) => {
        replies.push(resolve);
        worker.postMessage({ id, method: 'factsheetPdf', args: [input] });
      });
      if ('error' in reply) throw new Error(`rendering ${geographies[id]!.code} to make the code cache failed: ${reply.error.name}: ${reply.error.message}`);
    }
    await new Promise<void>((resolve) => {
      buildPort.once('message', () => resolve());
      buildPort.postMessage(WRITE_CODE_CACHE);
    });
  } finally {
    buildPort.close();
    await worker.terminate();
  }
}

/** Earlier builds wrote the server's files straight into dist/, beside dist/worker/ which stays. */
async function removeEarlierLayout(): Promise<void> {
  const entries = await readdir(join(ROOT, 'dist'), { withFileTypes: true }).catch(() => []);
  await Promise.all(entries.filter((entry) => entry.isFile() && /\.js(\.map)?$/.test(entry.name)).map((entry) => rm(join(ROOT, 'dist', entry.name))));
}

export async function buildServer(): Promise<{ codeCache: string | null }> {
  await Promise.all([rm(SERVER_DIR, { recursive: true, force: true }), removeEarlierLayout()]);
  await bundle();
  let dataDir: string;
  try {
    dataDir = await latestVersionDir(join(ROOT, 'data/indicators'));
  } catch (error) {
    process.stderr.write(`build:server: no local data version (${(error as Error).message}): the render threads will start without a code cache\n`);
    return { codeCache: null };
  }
  await makeCodeCache(dataDir);
  return { codeCache: codeCachePath(join(SERVER_DIR, 'render-thread.cjs')) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const { codeCache } = await buildServer();
  const made = codeCache ? `, code cache ${relative(ROOT, codeCache)}` : '';
  process.stdout.write(`build:server: ${relative(ROOT, SERVER_DIR)}/${made} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
