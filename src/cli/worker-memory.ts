/**
 * How much memory a render takes inside workerd, the Workers runtime: the bundle runs locally
 * (miniflare 3, local R2 seeded from a built version) and the workerd process's resident memory is
 * read from /proc before and after each request, on a fresh process per case. A Worker has 128 MB;
 * the figures bound `?w=` (PNG_WIDTH) and show what a whole factsheet PDF needs.
 *
 *   npm run worker:memory
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Miniflare } from 'miniflare';
import { CurrentPointer, Manifest } from '../core/schema.js';
import { CHART_SLUGS } from '../core/render.js';
import { bundleWorker, type WorkerBundle } from './worker-bundle.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LOCAL_PREFIX = 'indicateurs';

/** The bundle in workerd with its R2 bucket seeded as data:publish lays it out. `cf: false`: no internet here. */
export async function startLocalWorker(options: { versionDir: string; bundle: WorkerBundle; ttlSeconds?: number; bindings?: Record<string, string> }) {
  const { bundle } = options;
  const logs: string[] = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle.script,
    modulesRoot: bundle.dir,
    modulesRules: [
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
      { type: 'Data', include: ['**/*.ttf', '**/*.bin'] },
      { type: 'Text', include: ['**/*.css', '**/*.svg'] },
    ],
    compatibilityDate: '2025-07-01',
    compatibilityFlags: ['nodejs_compat'],
    r2Buckets: ['FICHES'],
    bindings: { S3_PREFIX: LOCAL_PREFIX, MANIFEST_TTL_SECONDS: String(options.ttlSeconds ?? 60), ...options.bindings },
    cf: false,
    handleRuntimeStdio(stdout, stderr) {
      for (const stream of [stdout, stderr]) stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
    },
  });
  await mf.ready;
  // miniflare types the bucket with its own Request typings; only put is used, with strings.
  const bucket = (await mf.getR2Bucket('FICHES')) as unknown as { put(key: string, value: string): Promise<unknown> };
  /** Uploads a built version, then moves the pointer to it: what data:publish does on R2. */
  const publish = async (versionDir: string) => {
    const manifest = Manifest.parse(JSON.parse(await readFile(join(versionDir, 'manifest.json'), 'utf8')));
    const versionPath = `${manifest.year}/${manifest.dataVersion}`;
    const files = (await readdir(versionDir, { recursive: true })).filter((file) => file.endsWith('.json'));
    for (const file of files) {
      await bucket.put(`${LOCAL_PREFIX}/${versionPath}/${file.split('\\').join('/')}`, await readFile(join(versionDir, file), 'utf8'));
    }
    const pointer = CurrentPointer.parse({ schemaVersion: 1, year: manifest.year, dataVersion: manifest.dataVersion, versionPath, publishedAt: manifest.generatedAt });
    await bucket.put(`${LOCAL_PREFIX}/current.json`, JSON.stringify(pointer));
    return manifest;
  };
  const manifest = await publish(options.versionDir);
  return {
    mf,
    logs,
    manifest,
    publish,
    // One connection per request: miniflare 3 keeps connections to workerd alive and sends the next
    // request on one that workerd may be closing, which fails as « other side closed » before the
    // Worker sees it (seen on a loaded machine; later miniflare releases close them for this reason).
    fetch: (path: string, init?: { headers?: Record<string, string> }) =>
      mf.dispatchFetch(`http://fiches.test${path}`, { ...init, headers: { connection: 'close', ...init?.headers } }),
    dispose: () => mf.dispose(),
  };
}

/** The workerd processes this process started (miniflare spawns one per instance). */
export async function workerdPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match && match[1].startsWith('workerd') && Number(match[2]) === process.pid) pids.push(Number(entry));
  }
  return pids;
}

async function memoryMiB(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const versionDir = join(ROOT, 'data/indicators/2024');
  const bundle = await bundleWorker(join(ROOT, '.tmp/worker-memory'));
  const cases: { name: string; paths: string[] }[] = [
    { name: 'whole factsheet PDF (Meuse)', paths: ['/fiche/55.pdf'] },
    { name: 'page 1 PNG at w=1200 (default)', paths: ['/fiche/55/page-1.png?w=1200'] },
    { name: 'page 1 PNG at w=1600', paths: ['/fiche/55/page-1.png?w=1600'] },
    { name: 'page 1 PNG at 2x (w=2400)', paths: ['/fiche/55/page-1.png?w=2400'] },
    { name: 'chart PNG at 2x (pays, w=2400)', paths: ['/fiche/55/pays.png?w=2400'] },
    { name: 'the eight charts as PNG at w=1200', paths: CHART_SLUGS.map((slug) => `/fiche/55/${slug}.png?w=1200`) },
    { name: 'PDF, then pages 1-4 as PNG at w=1600', paths: ['/fiche/55.pdf', '/fiche/55/page-1.png?w=1600', '/fiche/55/page-2.png?w=1600', '/fiche/55/page-3.png?w=1600', '/fiche/55/page-4.png?w=1600'] },
  ];
  console.log(`worker:memory — workerd resident memory (MiB), fresh process per case; baseline after /healthz (R2 read, no render)`);
  for (const { name, paths } of cases) {
    const before = new Set(await workerdPids());
    // The page cap is lifted here: these figures are what it was chosen from.
    const worker = await startLocalWorker({ versionDir, bundle, bindings: { PAGE_PNG_MAX_WIDTH: '2400' } });
    const [pid] = (await workerdPids()).filter((candidate) => !before.has(candidate));
    await (await worker.fetch('/healthz')).arrayBuffer();
    const baseline = await memoryMiB(pid);
    let bytes = 0;
    for (const path of paths) {
      const response = await worker.fetch(path);
      if (response.status !== 200) throw new Error(`${path}: ${response.status}\n${worker.logs.join('\n')}`);
      bytes += (await response.arrayBuffer()).byteLength;
    }
    const after = await memoryMiB(pid);
    console.log(
      `${name.padEnd(40)} baseline ${baseline.rss.toFixed(0).padStart(4)}  after ${after.rss.toFixed(0).padStart(4)}  peak ${after.peak.toFixed(0).padStart(4)}  peak − baseline ${(after.peak - baseline.rss).toFixed(0).padStart(4)}  (${(bytes / 1024).toFixed(0)} KiB out)`,
    );
    await worker.dispose();
  }
  console.log('Figures are the whole workerd process (runtime, miniflare services and the isolate); a deployed Worker counts only its isolate against 128 MB.');
}
