/**
 * The web factsheet against the PDF, both uncached, on one thread: the HTML page (content model,
 * then markup) and the whole PDF are rendered in turn, so that both see the same machine, and p50
 * and p95 are printed with the output sizes.
 *   npm run bench:html -- [--code 55] [--runs 50] [--warmup 20]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadFactsheetFromDisk } from '../adapters/factsheet-fs';
import { createNodeRenderer } from '../adapters/renderer-node';
import { factsheetPage } from '../app/html-factsheet';

const { values } = parseArgs({
  options: {
    code: { type: 'string', default: '55' },
    runs: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '20' },
    data: { type: 'string', default: 'data/indicators/2024' },
  },
});

const renderer = await createNodeRenderer();
const input = await loadFactsheetFromDisk(values.data!, values.code!);
const encoder = new TextEncoder();
const cases = {
  'HTML page (content model + markup)': async () => encoder.encode(factsheetPage(await renderer.factsheetContent(input), { code: values.code!, origin: 'https://fiches.example.fr' })),
  'PDF factsheet (8 pages)': () => renderer.factsheetPdf(input),
};

const runs = Math.max(10, Number(values.runs));
const times: Record<string, number[]> = {};
const bytes: Record<string, number> = {};
for (let run = 0; run < Number(values.warmup) + runs; run += 1) {
  for (const [name, render] of Object.entries(cases)) {
    const started = performance.now();
    const output = await render();
    const elapsed = performance.now() - started;
    bytes[name] = output.byteLength;
    if (run >= Number(values.warmup)) (times[name] ??= []).push(elapsed);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
console.log(`département ${values.code}, ${runs} runs of each after ${values.warmup} warm-up runs, alternating, one thread, Node ${process.version}`);
for (const name of Object.keys(cases)) {
  const sorted = [...times[name]!].sort((a, b) => a - b);
  console.log(`${name.padEnd(36)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms   ${(bytes[name]! / 1024).toFixed(1).padStart(7)} KB`);
}
