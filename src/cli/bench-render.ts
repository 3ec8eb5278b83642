/**
 * Rendering benchmark: after a warm-up, renders the whole PDF factsheet, one chart as PNG at
 * 1200 px and one chart as SVG, at least 50 times each, one after the other on one thread, and
 * prints p50/p95 latency, output size and memory.
 *   npm run bench:render -- [--code 55] [--runs 50]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadFactsheetFromDisk } from '../adapters/factsheet-fs';
import { createNodeRenderer } from '../adapters/renderer-node';

const { values } = parseArgs({ options: { code: { type: 'string', default: '55' }, runs: { type: 'string', default: '50' }, data: { type: 'string', default: 'data/indicators/2024' } } });
const runs = Math.max(50, Number(values.runs));
const renderer = await createNodeRenderer();
const input = await loadFactsheetFromDisk(values.data!, values.code!);

const cases: [string, () => Promise<Uint8Array | string>][] = [
  ['PDF factsheet (8 pages)', () => renderer.factsheetPdf(input)],
  ['PNG chart « export » 1200 px', () => renderer.chartPng(input, 'export', 1200)],
  ['SVG chart « export »', () => renderer.chartSvg(input, 'export')],
  ['PNG page 3, 1240 px', () => renderer.pagePng(input, 3, 1240)],
];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
let peakRss = process.memoryUsage().rss;
console.log(`département ${input.departement.code} ${input.departement.name}, ${runs} runs after 5 warm-up runs, Node ${process.version}`);
for (const [name, render] of cases) {
  for (let warm = 0; warm < 5; warm++) await render();
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const output = await render();
    times.push(performance.now() - start);
    bytes = typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(32)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms   ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
}
console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
