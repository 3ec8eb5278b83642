/**
 * Rendering benchmark: renders the whole PDF factsheet, one chart as PNG at 1200 px, one chart as
 * SVG and one page as PNG, at least 50 times each after a warm-up, on one thread, and prints
 * p50/p95 latency, output size and peak memory.
 *
 * Each case runs in a process of its own, so that one case's garbage (a PNG case leaves tens of
 * megabytes of pixel buffers to the collector) does not slow the next one down. The warm-up is long
 * enough for the JIT to settle: times keep falling over the first twenty renders.
 *   npm run bench:render -- [--code 55] [--runs 50] [--warmup 20]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadFactsheetFromDisk } from '../adapters/factsheet-fs';
import { createNodeRenderer } from '../adapters/renderer-node';
import type { Renderer } from '../core/render';
import type { FactsheetInput } from '../core/factsheet';

const { values } = parseArgs({
  options: {
    code: { type: 'string', default: '55' },
    runs: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '20' },
    data: { type: 'string', default: 'data/indicators/2024' },
    case: { type: 'string' },
  },
});

const CASES: [string, (renderer: Renderer, input: FactsheetInput) => Promise<Uint8Array | string>][] = [
  ['PDF factsheet (8 pages)', (renderer, input) => renderer.factsheetPdf(input)],
  ['PNG chart « export » 1200 px', (renderer, input) => renderer.chartPng(input, 'export', 1200)],
  ['SVG chart « export »', (renderer, input) => renderer.chartSvg(input, 'export')],
  ['PNG page 3, 1240 px', (renderer, input) => renderer.pagePng(input, 3, 1240)],
];

interface CaseResult {
  p50: number;
  p95: number;
  bytes: number;
  peakRss: number;
}

const runs = Math.max(50, Number(values.runs));
const warmup = Math.max(1, Number(values.warmup));

if (values.case !== undefined) {
  process.send!(await runCase(CASES[Number(values.case)]![1]));
} else {
  console.log(`département ${values.code}, ${runs} runs after ${warmup} warm-up runs, each case in its own process, Node ${process.version}`);
  for (const [index, [name]] of CASES.entries()) {
    const result = await inChildProcess(index);
    const size = `${(result.bytes / 1024).toFixed(1).padStart(7)} KB`;
    const rss = `peak RSS ${(result.peakRss / 1024 / 1024).toFixed(0).padStart(5)} MB`;
    console.log(`${name.padEnd(32)} p50 ${result.p50.toFixed(1).padStart(6)} ms   p95 ${result.p95.toFixed(1).padStart(6)} ms   ${size}   ${rss}`);
  }
}

async function runCase(render: (renderer: Renderer, input: FactsheetInput) => Promise<Uint8Array | string>): Promise<CaseResult> {
  const renderer = await createNodeRenderer();
  const input = await loadFactsheetFromDisk(values.data!, values.code!);
  for (let run = 0; run < warmup; run++) await render(renderer, input);
  const times: number[] = [];
  let bytes = 0;
  let peakRss = process.memoryUsage().rss;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const output = await render(renderer, input);
    times.push(performance.now() - start);
    bytes = typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes, peakRss };
}

function inChildProcess(index: number): Promise<CaseResult> {
  const args = ['--case', String(index), '--code', values.code!, '--runs', String(runs), '--warmup', String(warmup), '--data', values.data!];
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as CaseResult));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`benchmark case ${index} exited with code ${code}`));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
