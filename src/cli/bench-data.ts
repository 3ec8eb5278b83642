/**
 * npm run bench:data [-- --repeat N]: rows per second and memory of the data build on the bundled
 * sample. Each flow is streamed alone through its reader (heap sampled at each quarter of the
 * rows), then the whole build runs as data:build does, without writing. With --repeat N the
 * export flow is streamed N times into one reader: a streaming build keeps the same peak memory
 * however long the input is (the passes after the first are duplicate lines, found and reported).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FlowReader, type Flow } from '../prep/flow-reader.js';
import { parseGeography } from '../prep/geography.js';
import { runBuild } from '../prep/node/build-run.js';
import { DEFAULTS } from '../prep/node/defaults.js';
import { openFlowInput } from '../prep/node/flow-input.js';
import { decodeText } from '../prep/text.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' } } });
const repeat = Math.max(1, Number(values.repeat));
setFlagsFromString('--expose-gc');
/** A full collection before reading the heap at a mark, so that the figure is live data, not garbage. */
const collectGarbage = runInNewContext('gc') as () => void;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Peak heap and RSS, sampled whenever the event loop gets a turn (between chunks) and at each mark. */
class MemoryWatch {
  heapPeak = 0;
  rssPeak = 0;
  private readonly timer = setInterval(() => this.sample(), 20);
  sample() {
    const usage = process.memoryUsage();
    this.heapPeak = Math.max(this.heapPeak, usage.heapUsed);
    this.rssPeak = Math.max(this.rssPeak, usage.rss);
    return usage;
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
  }
}

const geographyText = decodeText(await readFile(`${DEFAULTS.labelsDir}/Departement_region.txt`)).text;
const geography = parseGeography(geographyText, await readFile(DEFAULTS.geographyTable, 'utf8'));

async function streamFlow(path: string, flow: Flow, times: number, rowsPerPass = 0) {
  const reader = new FlowReader({ flow, year: 2024, otherYears: 'reject', file: path, geography });
  const watch = new MemoryWatch();
  const marks: string[] = [];
  const started = performance.now();
  const expected = rowsPerPass * times;
  for (let pass = 0; pass < times; pass += 1) {
    const input = await openFlowInput(path, flow);
    for await (const chunk of await input.open()) {
      reader.push(chunk as Buffer);
      const linesRead = reader.rowsRead + reader.duplicateLineCount;
      if (expected > 0 && marks.length < 4 && linesRead >= ((marks.length + 1) * expected) / 4 - 2000) {
        collectGarbage();
        marks.push(mb(watch.sample().heapUsed));
      }
    }
    reader.end();
    input.close();
  }
  const seconds = (performance.now() - started) / 1000;
  watch.stop();
  // From the second pass on, every line repeats one of the first pass: those and only those are reported.
  if (reader.issueCount !== reader.duplicateLineCount || reader.duplicateLineCount !== reader.rowsRead * (times - 1)) {
    throw new Error(`${reader.issueCount} malformed lines in the sample`);
  }
  return { rows: reader.rowsRead + reader.duplicateLineCount, seconds, heapPeak: watch.heapPeak, rssPeak: watch.rssPeak, marks };
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${mb(totalmem())} RAM, Node ${process.version}`);
let exportRows = 0;
for (const [flow, path] of [['E', DEFAULTS.exportPath], ['I', DEFAULTS.importPath]] as const) {
  const result = await streamFlow(path, flow, 1);
  console.log(
    `${flow === 'E' ? 'export' : 'import'} flow, parse + aggregate: ${result.rows.toLocaleString('en')} rows in ${result.seconds.toFixed(2)} s ` +
      `= ${Math.round(result.rows / result.seconds).toLocaleString('en')} rows/s; peak heap ${mb(result.heapPeak)}, peak RSS ${mb(result.rssPeak)}`,
  );
  if (flow === 'E') exportRows = result.rows;
}

const watch = new MemoryWatch();
const started = performance.now();
const report = await runBuild({ ...DEFAULTS, outRoot: null, sample: true, tolerance: 0 });
const seconds = (performance.now() - started) / 1000;
watch.stop();
const rows = report.rows.E + report.rows.I;
console.log(
  `full build (both flows concurrently, ${report.version.files.size} files assembled and validated, not written): ` +
    `${rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s; ` +
    `peak heap ${mb(watch.heapPeak)}, peak RSS ${mb(watch.rssPeak)}`,
);
console.log(
  `  of which reading both flows ${(report.timings.readMs / 1000).toFixed(2)} s, building and validating the documents ${(report.timings.assembleMs / 1000).toFixed(2)} s`,
);

collectGarbage();
const repeated = await streamFlow(DEFAULTS.exportPath, 'E', repeat, exportRows);
console.log(
  `export flow streamed ${repeat}× into one reader (later passes all reported as duplicate lines): ${repeated.rows.toLocaleString('en')} rows in ${repeated.seconds.toFixed(2)} s; ` +
    `live heap after 25/50/75/100% of the rows: ${repeated.marks.join(' / ')}; peak heap ${mb(repeated.heapPeak)}, peak RSS ${mb(repeated.rssPeak)}`,
);
console.log(`process peak RSS (getrusage): ${mb(process.resourceUsage().maxRSS * 1024)}`);
