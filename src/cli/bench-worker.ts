/**
 * Time and CPU of requests in workerd, the Workers runtime (miniflare, local R2 seeded from a built
 * version): a cold isolate's first whole PDF and first chart PNG, each in a fresh workerd process,
 * then warm uncached PDFs and chart PNGs rotating over the départements in one isolate.
 *
 * Workers bill CPU time, not wall time. workerd gives a script no clock that advances while it
 * computes, so CPU is read from outside: the nanoseconds the workerd process's threads spent on a
 * CPU (/proc/<pid>/task/<tid>/schedstat) across each request. That includes workerd's own share of
 * the request (HTTP, R2 and cache plumbing) and V8's helper threads (compiling code in the background,
 * collecting garbage), so it overstates what a deployed Worker is billed; the busiest thread's share
 * (the thread that ran the isolate) is printed beside it, closer to the billed figure.
 *   npm run bench:worker -- [--cold 3] [--warm 20] [--against <checkout>]
 *
 * `--against` bundles another checkout of the project (e.g. `git worktree add /tmp/main main`) too
 * and alternates the cold isolates between both bundles, one fresh process each in turn (on a shared
 * machine only such paired figures compare), then runs the warm cases on each bundle in turn.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Manifest } from '../core/schema.js';
import { bundleWorker } from './worker-bundle.js';
import { startLocalWorker, workerdPids } from './worker-memory.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { cold: { type: 'string', default: '3' }, warm: { type: 'string', default: '20' }, data: { type: 'string', default: join(ROOT, 'data/indicators/2024') }, against: { type: 'string' } } });

/** CPU nanoseconds consumed so far by each thread of a process. */
async function cpuNs(pid: number): Promise<Map<string, number>> {
  const threads = new Map<string, number>();
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    const schedstat = await readFile(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').catch(() => '0');
    threads.set(tid, Number(schedstat.split(' ')[0]));
  }
  return threads;
}

/** Milliseconds of CPU between two readings: all threads together, and the busiest thread alone. */
function cpuBetween(before: Map<string, number>, after: Map<string, number>): { cpuMs: number; threadMs: number } {
  let total = 0;
  let busiest = 0;
  for (const [tid, ns] of after) {
    const spent = ns - (before.get(tid) ?? 0);
    total += spent;
    busiest = Math.max(busiest, spent);
  }
  return { cpuMs: total / 1e6, threadMs: busiest / 1e6 };
}

type Worker = Awaited<ReturnType<typeof startLocalWorker>>;

async function measure(worker: Worker, pid: number, path: string) {
  const cpuBefore = await cpuNs(pid);
  const started = performance.now();
  const response = await worker.fetch(path);
  const bytes = (await response.arrayBuffer()).byteLength;
  const wallMs = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path}: ${response.status}\n${worker.logs.join('\n')}`);
  return { wallMs, ...cpuBetween(cpuBefore, await cpuNs(pid)), bytes, cache: response.headers.get('x-render-cache') };
}

async function fresh(bundle: Awaited<ReturnType<typeof bundleWorker>>) {
  const before = new Set(await workerdPids());
  const worker = await startLocalWorker({ versionDir: values.data!, bundle });
  const [pid] = (await workerdPids()).filter((candidate) => !before.has(candidate));
  if (pid === undefined) throw new Error('workerd process not found');
  // Reads R2 once, as any first request would, so that the figures below are the render's.
  await (await worker.fetch('/healthz')).arrayBuffer();
  return { worker, pid };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;

const manifest = Manifest.parse(JSON.parse(await readFile(join(values.data!, 'manifest.json'), 'utf8')));
const codes = manifest.geographies.filter((geo) => geo.level === 'departement').map((geo) => geo.code);
const bundle = await bundleWorker(join(ROOT, '.tmp/bench-worker'));
console.log(`bench:worker — workerd via miniflare, bundle ${(bundle.rawBytes / 1024 / 1024).toFixed(1)} MiB; CPU = workerd threads' time on a CPU during the request. The machine may be shared: compare figures from the same run only.`);
/** That checkout's own bundle step, so that its entry, fonts and build-time data are its own. */
async function bundleOf(checkout: string) {
  const other = (await import(pathToFileURL(join(checkout, 'src/cli/worker-bundle.ts')).href)) as { bundleWorker: typeof bundleWorker };
  return other.bundleWorker(join(ROOT, '.tmp/bench-worker-against'));
}
const bundles: [string, typeof bundle][] = values.against ? [[`${values.against}: `, await bundleOf(values.against)], ['this checkout: ', bundle]] : [['', bundle]];

for (const [name, path] of [
  ['cold isolate, first whole PDF', (index: number) => `/fiche/${codes[index % codes.length]}.pdf`],
  ['cold isolate, first chart PNG 1200 px', (index: number) => `/fiche/${codes[index % codes.length]}/pays.png`],
] as const) {
  const runs = bundles.map(() => ({ wall: [] as number[], cpu: [] as number[], thread: [] as number[] }));
  for (let run = 0; run < Number(values.cold); run++) {
    for (const [index, [, candidate]] of bundles.entries()) {
      const { worker, pid } = await fresh(candidate);
      const result = await measure(worker, pid, path(run * 17));
      runs[index]!.wall.push(result.wallMs);
      runs[index]!.cpu.push(result.cpuMs);
      runs[index]!.thread.push(result.threadMs);
      await worker.dispose();
    }
  }
  for (const [index, [label]] of bundles.entries()) {
    const { wall, cpu, thread } = runs[index]!;
    console.log(
      `${label}${name.padEnd(40)} wall p50 ${ms(percentile(wall, 50))}  CPU p50 ${ms(percentile(cpu, 50))}, busiest thread ${ms(percentile(thread, 50))}  (${wall.length} fresh processes, CPU: ${cpu.map((value) => value.toFixed(0)).join(', ')} ms)`,
    );
  }
}

/** Uncached renders rotating over the départements in one warm isolate, after one to warm it. */
async function warmRuns(worker: Worker, pid: number, path: (code: string) => string) {
  await measure(worker, pid, path(codes[0]!));
  const wall: number[] = [];
  const cpu: number[] = [];
  const thread: number[] = [];
  for (let run = 1; run <= Number(values.warm); run++) {
    const result = await measure(worker, pid, path(codes[run % codes.length]!));
    if (result.cache !== 'miss') throw new Error(`expected an uncached render, got ${result.cache}`);
    wall.push(result.wallMs);
    cpu.push(result.cpuMs);
    thread.push(result.threadMs);
  }
  return `wall p50 ${ms(percentile(wall, 50))} p95 ${ms(percentile(wall, 95))}  CPU p50 ${ms(percentile(cpu, 50))} p95 ${ms(percentile(cpu, 95))}, busiest thread p50 ${ms(percentile(thread, 50))}  (${wall.length} départements)`;
}

for (const [label, candidate] of bundles) {
  const { worker, pid } = await fresh(candidate);
  console.log(`${label}${'warm isolate, uncached whole PDF'.padEnd(40)} ${await warmRuns(worker, pid, (code) => `/fiche/${code}.pdf`)}`);
  // The heaviest chart, as bench:render draws it on Node.
  console.log(`${label}${'warm isolate, uncached chart PNG 1200 px'.padEnd(40)} ${await warmRuns(worker, pid, (code) => `/fiche/${code}/export.png`)}`);
  const cached = await measure(worker, pid, `/fiche/${codes[1]}.pdf`);
  console.log(`${label}${'warm isolate, cached whole PDF'.padEnd(40)} wall ${ms(cached.wallMs)}  CPU ${ms(cached.cpuMs)}  (${cached.cache})`);
  await worker.dispose();
}
