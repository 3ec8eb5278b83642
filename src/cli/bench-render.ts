/**
 * Rendering benchmark: the whole PDF factsheet, charts as PNG at 1200 px (the heaviest, and the eight
 * in turn) and as SVG, a page as PNG, rotating over every département (a factsheet's work depends on
 * its data), on one thread; then headless Chromium printing the same factsheet to PDF (the peer, see
 * bench-peer.ts) in the same run.
 * Prints p50/p95 latency, the median output size, peak memory, the first render of a fresh process
 * apart, and how many times faster than the peer our PDF is.
 *
 * Each case runs in a process of its own, so that one case's garbage (a PNG case leaves tens of
 * megabytes of pixel buffers to the collector) does not slow the next one down, and so that each
 * case's first render is a fresh process's. The warm-up lets the JIT settle.
 *   npm run bench:render -- [--runs 101] [--warmup 20] [--peer-runs 20] [--peer-input html|svg] [--no-peer] [--codes 55,75]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createNodeRenderer } from '../adapters/renderer-node';
import { createFsStorage } from '../adapters/storage-fs';
import { DataSource } from '../app/data-source';
import { CHART_SLUGS, PAGE_COUNT, type Renderer } from '../core/render';
import type { FactsheetInput } from '../core/factsheet';
import { appSite, startChromiumPeer, textSvgSite } from './bench-peer';
import { loadNodeFonts } from '../adapters/fonts-node';
import { createApp } from '../app';
import { createMemoryCache } from '../adapters/cache-memory';
import { createNodeAssets } from '../adapters/assets-node';
import { NODE_RENDERER_INFO } from '../adapters/renderer-node';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '101' },
    warmup: { type: 'string', default: '20' },
    'peer-runs': { type: 'string', default: '20' },
    // html: our web factsheet, what a Chromium set-up would print; svg: our eight pages as SVG with real text.
    'peer-input': { type: 'string', default: 'html' },
    'no-peer': { type: 'boolean', default: false },
    codes: { type: 'string' },
    data: { type: 'string', default: 'data/indicators/2024' },
    case: { type: 'string' },
  },
});

type Render = (renderer: Renderer, input: FactsheetInput) => Promise<Uint8Array | string>;

let chartTurn = 0;
const CASES: [string, Render][] = [
  ['PDF factsheet (8 pages)', (renderer, input) => renderer.factsheetPdf(input)],
  // The heaviest chart: the export Sankey is 1200 × 1350 px and draws 100 and more translucent flows.
  ['PNG chart « export » 1200 px', (renderer, input) => renderer.chartPng(input, 'export', 1200)],
  // What a reader's chart costs: the eight charts in turn (8 and 101 départements share no factor).
  ['PNG chart, each in turn, 1200 px', (renderer, input) => renderer.chartPng(input, CHART_SLUGS[chartTurn++ % CHART_SLUGS.length]!, 1200)],
  ['SVG chart « export »', (renderer, input) => renderer.chartSvg(input, 'export')],
  ['PNG page 3, 1240 px', (renderer, input) => renderer.pagePng(input, 3, 1240)],
];
const PEER_CASE = CASES.length;

interface CaseResult {
  /** Process start → renderer and inputs ready, then the first render alone. */
  readyMs: number;
  firstMs: number;
  p50: number;
  p95: number;
  /** CPU of the whole process per render (every thread: libuv's pool draws and compresses PNG bands); not Chromium's, whose processes are its own. */
  cpuP50?: number;
  runs: number;
  bytes: number;
  peakRss: number;
  origin?: string;
}
type CaseReply = CaseResult | { skipped: string };

const runs = Math.max(1, Number(values.runs));
const warmup = Math.max(0, Number(values.warmup));
const peerRuns = Math.max(1, Number(values['peer-runs']));

if (values.case !== undefined) {
  const index = Number(values.case);
  process.send!(await (index === PEER_CASE ? runPeer() : runCase(CASES[index]![1])));
} else {
  const codes = (await loadInputs()).map((input) => input.departement.code);
  console.log(
    `${codes.length} départements in rotation; ${runs} runs after ${warmup} warm-up runs, each case in its own process, one thread, Node ${process.version}.\n` +
      'The machine may be shared: compare figures from the same run only.',
  );
  const pdf = await inChildProcess(0);
  print(CASES[0]![0], pdf);
  for (let index = 1; index < CASES.length; index++) print(CASES[index]![0], await inChildProcess(index));
  if (values['no-peer']) console.log('peer skipped (--no-peer)');
  else {
    const peer = await inChildProcess(PEER_CASE);
    print('Chromium prints the same factsheet', peer);
    if ('p50' in peer && 'p50' in pdf) {
      console.log(
        `peer: ${peer.origin}, input: ${values['peer-input'] === 'svg' ? 'our 8 pages as SVG with real text' : 'our web factsheet (/fiche/<code>), its chart images cached beforehand'}.\n` +
          `Chromium's time over ours for the PDF: ${(peer.p50 / pdf.p50).toFixed(1)}× at p50, ${(peer.p95 / pdf.p95).toFixed(1)}× at p95; ` +
          `first render of a fresh process ${(peer.firstMs / pdf.firstMs).toFixed(1)}×; our PDF is ${(pdf.bytes / peer.bytes).toFixed(2)}× its size.`,
      );
    }
  }
}

function print(name: string, result: CaseReply) {
  if ('skipped' in result) {
    console.log(`${name.padEnd(34)} ${result.skipped}`);
    return;
  }
  const size = `${(result.bytes / 1024).toFixed(1).padStart(7)} KB`;
  const rss = `peak RSS ${(result.peakRss / 1024 / 1024).toFixed(0).padStart(5)} MB`;
  const cpu = result.cpuP50 === undefined ? '' : `   CPU p50 ${result.cpuP50.toFixed(1).padStart(6)} ms`;
  console.log(
    `${name.padEnd(34)} p50 ${result.p50.toFixed(1).padStart(6)} ms   p95 ${result.p95.toFixed(1).padStart(6)} ms${cpu}   ${size}   ${rss}   (${result.runs} runs)\n` +
      `${''.padEnd(34)} fresh process: ready at ${result.readyMs.toFixed(0)} ms, first render ${result.firstMs.toFixed(0)} ms`,
  );
}

async function loadInputs(): Promise<FactsheetInput[]> {
  const data = new DataSource(createFsStorage(values.data!), { now: () => 0 }, Number.POSITIVE_INFINITY);
  const snapshot = await data.current();
  const wanted = values.codes?.split(',');
  const geographies = snapshot.manifest.geographies.filter((geo) => geo.level === 'departement' && (!wanted || wanted.includes(geo.code)));
  if (geographies.length === 0) throw new Error(`no département ${values.codes} in ${values.data}`);
  const inputs: FactsheetInput[] = [];
  for (const geography of geographies) inputs.push(await data.factsheetInput(snapshot, geography));
  return inputs;
}

/** Times `count` calls rotating over the inputs from `offset`; returns sorted times, median bytes, peak RSS. */
async function timed(count: number, inputs: FactsheetInput[], offset: number, once: (input: FactsheetInput) => Promise<number>) {
  const times: number[] = [];
  const cpu: number[] = [];
  const sizes: number[] = [];
  let peakRss = process.memoryUsage().rss;
  for (let run = 0; run < count; run++) {
    const input = inputs[(offset + run) % inputs.length]!;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    sizes.push(await once(input));
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  sizes.sort((a, b) => a - b);
  return { times, cpuP50: percentile(cpu, 50), bytes: percentile(sizes, 50), peakRss };
}

async function runCase(render: Render): Promise<CaseResult> {
  const [renderer, inputs] = await Promise.all([createNodeRenderer(), loadInputs()]);
  const readyMs = performance.now();
  const size = async (input: FactsheetInput) => {
    const output = await render(renderer, input);
    return typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength;
  };
  const first = await timed(1, inputs, 0, size);
  await timed(warmup, inputs, 1, size);
  const { times, cpuP50, bytes, peakRss } = await timed(runs, inputs, 1 + warmup, size);
  return { readyMs, firstMs: first.times[0]!, p50: percentile(times, 50), p95: percentile(times, 95), cpuP50, runs, bytes, peakRss };
}

async function runPeer(): Promise<CaseReply> {
  const [renderer, inputs, fonts] = await Promise.all([createNodeRenderer(), loadInputs(), loadNodeFonts()]);
  const app = createApp({
    storage: createFsStorage(values.data!),
    renderer,
    rendererInfo: NODE_RENDERER_INFO,
    cache: createMemoryCache(512 * 1024 * 1024),
    manifestTtlSeconds: Number.POSITIVE_INFINITY,
    logger: { log: () => undefined },
    assets: createNodeAssets(),
  });
  const site = values['peer-input'] === 'svg' ? textSvgSite(renderer, fonts, PAGE_COUNT) : appSite(app);
  const peer = await startChromiumPeer(site);
  if (typeof peer === 'string') return { skipped: peer };
  try {
    const readyMs = performance.now();
    // Documents are prepared before timing: making the peer's input is not the peer's work.
    const paths = new Map<FactsheetInput, string>();
    for (const input of inputs.slice(0, 1 + Math.min(inputs.length - 1, 3 + peerRuns))) paths.set(input, await site.documentPath(input.departement.code, input));
    const print = async (input: FactsheetInput) => (await peer.print(paths.get(input)!)).byteLength;
    const first = await timed(1, inputs, 0, print);
    await timed(3, inputs, 1, print);
    const { times, bytes, peakRss } = await timed(peerRuns, inputs, 4, print);
    return { readyMs, firstMs: first.times[0]!, p50: percentile(times, 50), p95: percentile(times, 95), runs: peerRuns, bytes, peakRss, origin: `${peer.origin} (started in ${peer.startMs.toFixed(0)} ms)` };
  } finally {
    await peer.close();
  }
}

function inChildProcess(index: number): Promise<CaseReply> {
  const args = ['--case', String(index), '--runs', String(runs), '--warmup', String(warmup), '--peer-runs', String(peerRuns), '--peer-input', values['peer-input']!, '--data', values.data!];
  if (values.codes) args.push('--codes', values.codes);
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as CaseReply));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`benchmark case ${index} exited with code ${code}`));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
