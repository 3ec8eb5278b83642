/**
 * Load benchmark of the Node server on loopback: the server runs in its own process (so its peak
 * RSS is its own), then two autocannon loads run side by side for the same duration — cached
 * objects (warmed first) and objects never asked before (each request a new chart, page or
 * factsheet) — 32 connections in all. Prints throughput, p50/p99 latency, errors and peak RSS.
 * The server is the compiled bundle `npm start` runs (built first); the start-up is measured on the
 * way: spawn → listening → ready (threads warm) → first byte of a PDF, then the first uncached PDFs
 * after ready against the steady ones.
 *
 * `--case pages-2400` is the memory case instead: every connection asks whole pages as PNG at
 * 2400 px, each one never asked before, with a client timeout so that clients give up as real ones
 * do; it prints peak RSS, the statuses, and how many renders ran for how many answers.
 *
 *   npm run bench:http [-- --duration 30 --connections 32]
 *   npm run bench:http -- --case pages-2400 [--connections 64 --duration 30]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH } from '../core/render.js';
import { Manifest } from '../core/schema.js';

interface Histogram { p50: number; p90: number; p99: number; average: number; max: number }
interface CannonResult {
  requests: { average: number; total: number };
  latency: Histogram;
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
}
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_ENTRY = 'dist/server/entry-node.js';
const Args = z.object({
  duration: z.coerce.number().int().min(1).max(600).default(30),
  connections: z.coerce.number().int().min(2).max(512).default(32),
  /** Renders take seconds each on two cores: a quarter of the connections keep the render queue full. */
  'cached-share': z.coerce.number().min(0).max(1).default(0.75),
  case: z.enum(['mixed', 'pages-2400']).default('mixed'),
  /** pages-2400: seconds a client waits before giving up on its answer. */
  'client-timeout': z.coerce.number().int().min(1).max(600).default(10),
});

const { values } = parseArgs({
  options: { duration: { type: 'string' }, connections: { type: 'string' }, 'cached-share': { type: 'string' }, case: { type: 'string' }, 'client-timeout': { type: 'string' } },
});
const args = Args.parse(values);

const manifest = Manifest.parse(JSON.parse(await readFile(`${ROOT}data/indicators/2024/manifest.json`, 'utf8')));
const codes = manifest.geographies.filter((geo) => geo.level === 'departement').map((geo) => geo.code);

/** Objects kept hot: a whole factsheet, a page PNG, chart PNGs and SVGs, the data. */
const cachedPaths = ['/fiche/55.pdf', '/fiche/55/page-1.png?w=800', '/fiche/55/pays.png', '/fiche/51/export.png?w=1600', '/fiche/23/activites.svg', '/donnees/55.json', '/fiche/13/page-2.pdf'];

/** Each call a URL never asked before: PDFs and PNGs in turn, cycling codes, slugs and widths. */
function* uncachedPaths(): Generator<string> {
  for (let round = 0; ; round += 1) {
    for (const [index, code] of codes.entries()) {
      const slug = CHART_SLUGS[(index + round) % CHART_SLUGS.length];
      const width = PNG_WIDTH.min + ((index * 37 + round * 101) % (PNG_WIDTH.max - PNG_WIDTH.min));
      yield `/fiche/${code}/${slug}.png?w=${width}`;
      yield round % 2 === 0 ? `/fiche/${code}.pdf` : `/fiche/${code}/page-${1 + (index % PAGE_COUNT)}.pdf`;
      yield `/fiche/${code}/page-${1 + ((index + round) % PAGE_COUNT)}.png?w=${width}`;
      yield `/fiche/${code}/${slug}.pdf`;
    }
  }
}

// The server logs to a file: parsing its JSON lines here would take CPU from the load generator.
const logPath = join(await mkdtemp(join(tmpdir(), 'bench-http-')), 'server.log');
const logFile = await open(logPath, 'w');
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;

/**
 * What one more user sees for cached objects while the load runs: one keep-alive connection on
 * Node's own HTTP client (llhttp, in C), on a thread of its own, so that neither autocannon's
 * JavaScript parser nor its event loop adds to the figure.
 */
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, get } = require('node:http');
(async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  const deadline = performance.now() + workerData.durationMs;
  for (let index = 0; performance.now() < deadline; index += 1) {
    const started = performance.now();
    await new Promise((resolve, reject) => {
      get(workerData.base + workerData.paths[index % workerData.paths.length], { agent }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error('probe: ' + response.statusCode))));
      }).on('error', reject);
    });
    latencies.push(performance.now() - started);
  }
  agent.destroy();
  parentPort.postMessage(latencies);
})();
`;

/**
 * This process's first fetch loads Node's HTTP client (≈ 30 ms here): done before the spawn, so that
 * the first PDF after ready measures the server, as a reader's browser or a proxy would see it.
 */
async function warmHttpClient(): Promise<void> {
  const local = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
  await (await fetch(`http://127.0.0.1:${(local.address() as AddressInfo).port}/`)).text();
  await new Promise((resolve) => local.close(resolve));
}

function probeCached(base: string, durationMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PROBE, { eval: true, workerData: { base, paths: cachedPaths, durationMs } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

// What npm start runs: the compiled bundle, built beforehand as its prestart does.
execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
await warmHttpClient();
const spawnedAt = performance.now();
const server = spawn(process.execPath, [SERVER_ENTRY], {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
  stdio: ['ignore', logFile.fd, 'inherit'],
});
let exited = false;
server.once('exit', () => (exited = true));
type LogRecord = { event?: string; url?: string; status?: number; cache?: string | null; durationMs?: number; path?: string; error?: string; codeCache?: string };
const readLog = async () => (await readFile(logPath, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogRecord);
/** Polls the server's log every few ms for an event, and returns when this process saw it. */
async function sawEvent(event: string): Promise<{ at: number; record: LogRecord }> {
  for (;;) {
    if (exited) throw new Error(`the server exited before ${event}`);
    const record = (await readLog()).find((entry) => entry.event === event);
    if (record) return { at: performance.now(), record };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const listening = await sawEvent('listening');
const url = listening.record.url!.replace(/\/$/, '');
const ready = await sawEvent('ready');

/** Time to the first byte of the body, and to its end. */
async function timedGet(path: string): Promise<{ firstByte: number; total: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url + path);
  const reader = response.body!.getReader();
  let firstByte = NaN;
  for (;;) {
    const { done } = await reader.read();
    if (Number.isNaN(firstByte)) firstByte = performance.now() - started;
    if (done) break;
  }
  return { firstByte, total: performance.now() - started, status: response.status };
}

const peakRssMiB = async () => {
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
};

async function startUp() {
  // Départements the warm-up did not render (it takes the first ones of the manifest).
  const first = await timedGet('/fiche/55.pdf');
  const firstByteSinceSpawn = ready.at - spawnedAt + first.firstByte;
  const afterReady = [];
  for (const code of ['75', '59', '48', '2A', '976']) afterReady.push((await timedGet(`/fiche/${code}.pdf`)).total);
  const steady = [];
  for (const code of codes.slice(20, 40)) steady.push((await timedGet(`/fiche/${code}.pdf`)).total);
  const log = await readLog();
  // A start without the render thread's code cache is slower: the figures say which one this was.
  const codeCache = log.find((record) => record.event === 'render-thread-code-cache')?.codeCache ?? 'not reported';
  // The same requests as the server timed them, without this client's share.
  const afterReadyLog = log.slice(log.findIndex((record) => record.event === 'ready'));
  const served = (path: string) => afterReadyLog.find((record) => record.path === path)?.durationMs ?? NaN;
  const steadyServed = codes.slice(20, 40).map((code) => served(`/fiche/${code}.pdf`));
  console.log(
    `start-up (node ${SERVER_ENTRY}, code cache ${codeCache}): listening ${(listening.at - spawnedAt).toFixed(0)} ms, ready (threads warm) ${(ready.at - spawnedAt).toFixed(0)} ms, ` +
      `first PDF byte ${firstByteSinceSpawn.toFixed(0)} ms after spawn (its request: ${first.firstByte.toFixed(0)} ms to first byte, ${first.total.toFixed(0)} ms in all)`,
  );
  console.log(
    `uncached whole PDFs: first after ready ${first.total.toFixed(0)} ms, next five ${afterReady.map((ms) => ms.toFixed(0)).join(' / ')} ms; ` +
      `steady (20 more, one at a time) p50 ${percentile(steady, 0.5).toFixed(0)} ms p95 ${percentile(steady, 0.95).toFixed(0)} ms; ratio first / steady ${(first.total / percentile(steady, 0.5)).toFixed(2)}`,
  );
  console.log(
    `the same, server-side (its log): first after ready ${served('/fiche/55.pdf').toFixed(0)} ms, steady p50 ${percentile(steadyServed, 0.5).toFixed(0)} ms; ratio ${(served('/fiche/55.pdf') / percentile(steadyServed, 0.5)).toFixed(2)}`,
  );
}

/** Whole pages at 2400 px, each URL new: the worst case for resvg's pixel buffers. */
function* pagePngs(): Generator<string> {
  for (let width = PNG_WIDTH.max; ; width -= 1) {
    for (let page = 1; page <= PAGE_COUNT; page += 1) for (const code of codes) yield `/fiche/${code}/page-${page}.png?w=${width}`;
  }
}

async function pages2400() {
  const rssBefore = await peakRssMiB();
  const next = pagePngs();
  const result = await autocannon({
    url,
    connections: args.connections,
    duration: args.duration,
    timeout: args['client-timeout'],
    requests: [{ method: 'GET', setupRequest: (request: { path: string }) => ({ ...request, path: next.next().value as string }) }],
  });
  // Clients that timed out have closed their connections; give the server a moment to log them.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const records = (await readLog()).filter((record) => record.path?.includes('/page-'));
  const statuses = new Map<number, number>();
  for (const record of records) statuses.set(record.status!, (statuses.get(record.status!) ?? 0) + 1);
  const rendered = records.filter((record) => record.status === 200 && record.cache === 'miss').length;
  console.log(
    `bench:http pages-2400 — ${args.connections} connections, ${args.duration} s, client timeout ${args['client-timeout']} s, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`,
  );
  console.log(
    `client: ${result['2xx']} answers 200, ${result.non2xx} other statuses, ${result.timeouts} timeouts, ${result.errors} errors; p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms`,
  );
  console.log(`server: statuses ${JSON.stringify(Object.fromEntries(statuses))} (499: client gone before its render started, so never rendered); ${rendered} renders answered`);
  console.log(`server peak RSS ${(await peakRssMiB()).toFixed(0)} MiB (after start-up ${rssBefore.toFixed(0)} MiB); now ${(await currentRssMiB()).toFixed(0)} MiB`);
}

const currentRssMiB = async () => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;

try {
  await startUp();
  if (args.case === 'pages-2400') {
    await pages2400();
  } else {
    await mixed();
  }
} finally {
  server.kill('SIGTERM');
  await logFile.close();
  await rm(dirname(logPath), { recursive: true, force: true });
}

async function mixed() {
  for (const path of cachedPaths) {
    const response = await fetch(url + path);
    if (response.status !== 200) throw new Error(`warm-up ${path}: ${response.status}`);
    await response.arrayBuffer();
  }
  const rssAfterWarmUp = await peakRssMiB();
  const cachedConnections = Math.round(args.connections * args['cached-share']);
  const fresh = uncachedPaths();
  let cachedIndex = 0;
  const run = async (connections: number, next: () => string): Promise<CannonResult | null> =>
    connections === 0
      ? null
      : autocannon({ url, connections, duration: args.duration, timeout: 300, requests: [{ method: 'GET', setupRequest: (request: { path: string }) => ({ ...request, path: next() }) }] });
  const [cached, uncached, probe] = await Promise.all([
    run(cachedConnections, () => cachedPaths[cachedIndex++ % cachedPaths.length]),
    run(args.connections - cachedConnections, () => fresh.next().value as string),
    probeCached(url, args.duration * 1000),
  ]);

  const row = (name: string, result: CannonResult | null) =>
    result === null
      ? `${name.padEnd(9)} (no connections)`
      : `${name.padEnd(9)} ${result.requests.total.toString().padStart(8)} req ${result.requests.average.toFixed(1).padStart(9)} req/s ${(result.throughput.average / 1024 / 1024).toFixed(2).padStart(7)} MiB/s  p50 ${String(result.latency.p50).padStart(5)} ms  p99 ${String(result.latency.p99).padStart(6)} ms  max ${String(result.latency.max).padStart(6)} ms  errors ${result.errors + result.timeouts}  non-2xx ${result.non2xx}`;
  console.log(`bench:http — ${args.connections} connections (${cachedConnections} cached, ${args.connections - cachedConnections} uncached), ${args.duration} s, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(row('cached', cached));
  console.log(row('uncached', uncached));
  console.log(`cached, one more client on node:http (C parser) during the load: ${probe.length} requests  p50 ${percentile(probe, 0.5).toFixed(1)} ms  p99 ${percentile(probe, 0.99).toFixed(1)} ms`);
  const statuses = new Map<number, number>();
  const records = (await readLog()).filter((record) => record.status !== undefined);
  for (const record of records) statuses.set(record.status!, (statuses.get(record.status!) ?? 0) + 1);
  // The server's own time per request, from its log: autocannon's JS parser is slow on large
  // binary bodies, so on one machine the client-side figures include the load generator's queue.
  for (const status of ['hit', 'miss']) {
    const durations = records.filter((record) => record.cache === status).map((record) => record.durationMs!);
    console.log(`server-side ${status.padEnd(5)} ${String(durations.length).padStart(7)} responses  p50 ${percentile(durations, 0.5).toFixed(1)} ms  p99 ${percentile(durations, 0.99).toFixed(1)} ms`);
  }
  console.log(`server: ${records.length} requests logged, statuses ${JSON.stringify(Object.fromEntries(statuses))}; peak RSS ${rssAfterWarmUp.toFixed(0)} MiB after warm-up, ${(await peakRssMiB()).toFixed(0)} MiB at the end`);
}
