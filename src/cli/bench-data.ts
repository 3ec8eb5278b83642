/**
 * npm run bench:data [-- --repeat N --rounds N --duckdb-from DIR]: rows per second and memory of
 * the data build on the bundled sample. Each flow is streamed alone through its reader (heap
 * sampled at each quarter of the rows). Then the whole build runs as data:build does, without
 * writing, from the archives and from their extracted data files, alternating round by round with
 * its peer DuckDB (threads=1 and 2) computing the same sums from the same extracted files; the
 * sums of both are compared. DuckDB is optional: without it the peer is skipped with a message.
 * With --repeat N the export flow is streamed N times into one reader: a streaming build keeps the
 * same peak memory however long the input is (the later passes are duplicate lines, reported).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { collectGarbage } from '../adapters/garbage-collector.js';
import { aggregateLines } from '../prep/aggregate-lines.js';
import { FlowReader, type Flow } from '../prep/flow-reader.js';
import { parseGeography } from '../prep/geography.js';
import { runBuild } from '../prep/node/build-run.js';
import { DEFAULTS, REPO_ROOT } from '../prep/node/defaults.js';
import { openFlowInput } from '../prep/node/flow-input.js';
import { decodeText } from '../prep/text.js';
import { DUCKDB_INSTALL_HINT, loadDuckDb, runDuckDb, type PeerRun } from './duckdb-peer.js';

const { values } = parseArgs({
  options: { repeat: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' }, 'duckdb-from': { type: 'string' } },
});
const repeat = Math.max(1, Number(values.repeat));
const rounds = Math.max(1, Number(values.rounds));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
/** Wall and CPU seconds of one run. */
interface Timing {
  seconds: number;
  cpuSeconds: number;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
        // A full collection before reading the heap at a mark, so that the figure is live data, not garbage.
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

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${mb(totalmem())} RAM, Node ${process.version}; ` +
    `load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`,
);
let exportRows = 0;
for (const [flow, path] of [['E', DEFAULTS.exportPath], ['I', DEFAULTS.importPath]] as const) {
  const result = await streamFlow(path, flow, 1);
  console.log(
    `${flow === 'E' ? 'export' : 'import'} flow, parse + aggregate: ${result.rows.toLocaleString('en')} rows in ${result.seconds.toFixed(2)} s ` +
      `= ${Math.round(result.rows / result.seconds).toLocaleString('en')} rows/s; peak heap ${mb(result.heapPeak)}, peak RSS ${mb(result.rssPeak)}`,
  );
  if (flow === 'E') exportRows = result.rows;
}

const extractDir = await mkdtemp(join(tmpdir(), 'bench-data-'));
try {
  // The peer reads plain files only: both data entries are extracted first, and that is not timed for anyone.
  const extracted: string[] = [];
  for (const [flow, path] of [['E', DEFAULTS.exportPath], ['I', DEFAULTS.importPath]] as const) {
    const input = await openFlowInput(path, flow);
    const target = join(extractDir, basename(input.label.split('!').pop()!));
    await pipeline(await input.open(), createWriteStream(target));
    input.close();
    extracted.push(target);
  }
  const duckDb = await loadDuckDb(values['duckdb-from']);
  console.log(
    'missing' in duckDb
      ? `peer DuckDB skipped: ${duckDb.missing} (to compare: ${DUCKDB_INSTALL_HINT}, or --duckdb-from DIR where it is installed)`
      : `peer: DuckDB ${duckDb.version} (@duckdb/node-api), the same sums by département, région and France from the extracted files, one scan`,
  );

  const ourRuns = { zip: [] as Timing[], txt: [] as Timing[], read: [] as number[], assemble: [] as number[] };
  const freshRuns = { spawned: [] as number[], build: [] as number[] };
  const peerRuns = new Map<number, PeerRun[]>([[1, []], [2, []]]);
  let rows = 0;
  let ourDigest = '';
  let groups = 0;
  let documents = 0;
  const buildWatch = new MemoryWatch();
  // No forced collection before a timed run: it shrank the heap and left sweeping to the run,
  // which then took 0.2–0.3 s more CPU than a run after another.
  for (let round = 0; round < rounds; round += 1) {
    // data:build as it is used: a fresh process that compiles, builds once (no warm code) and writes.
    const spawned = performance.now();
    const fresh = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/data-build.ts', '--out', join(extractDir, 'out'), '--schema-out', join(extractDir, 'schema')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const builtIn = /built .* in ([0-9.]+) s/.exec(fresh.stdout);
    if (fresh.status !== 0 || !builtIn) throw new Error(`data:build failed in a fresh process:\n${fresh.stdout}${fresh.stderr}`);
    freshRuns.spawned.push((performance.now() - spawned) / 1000);
    freshRuns.build.push(Number(builtIn[1]));
    for (const source of ['zip', 'txt'] as const) {
      const paths = source === 'zip' ? {} : { exportPath: extracted[0], importPath: extracted[1] };
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const report = await runBuild({ ...DEFAULTS, ...paths, outRoot: null, sample: true, tolerance: 0 });
      const cpu = process.cpuUsage(cpuBefore);
      ourRuns[source].push({ seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
      if (source === 'zip') {
        ourRuns.read.push(report.timings.readMs / 1000);
        ourRuns.assemble.push(report.timings.assembleMs / 1000);
        buildWatch.stop();
      }
      rows = report.rows.E + report.rows.I;
      documents = report.version.files.size;
      const lines = aggregateLines({ E: { aggregate: report.aggregates.E, rows: report.rows.E }, I: { aggregate: report.aggregates.I, rows: report.rows.I } }, geography);
      const digest = createHash('md5').update(lines.join('\n')).digest('hex');
      if (ourDigest && digest !== ourDigest) throw new Error('the build gave other sums from the extracted files than from the archives');
      ourDigest = digest;
      groups = lines.length;
    }
    if ('missing' in duckDb) continue;
    for (const threads of [1, 2]) {
      peerRuns.get(threads)!.push(await runDuckDb(duckDb, extracted, threads));
    }
  }

  const line = (what: string, runs: Timing[]) => {
    const seconds = median(runs.map((run) => run.seconds));
    const cpuSeconds = median(runs.map((run) => run.cpuSeconds));
    return `  ${what.padEnd(58)} ${seconds.toFixed(2)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s; CPU ${cpuSeconds.toFixed(2)} s`;
  };
  console.log(
    `full build${'missing' in duckDb ? '' : ' vs peer'}, both flows, ${rows.toLocaleString('en')} rows, ${groups.toLocaleString('en')} sums; median of ${rounds} alternating rounds ` +
      '(wall time, and CPU time of the process, which a loaded machine inflates less):',
  );
  console.log(
    `  ${'ours, npm run data:build in a fresh process, writing'.padEnd(58)} ${median(freshRuns.build).toFixed(2)} s as it reports itself ` +
      `(${median(freshRuns.spawned).toFixed(2)} s from spawn to exit, with Node's start and TypeScript compiling)`,
  );
  console.log(line('ours, the same build in a warm process, not writing', ourRuns.zip));
  console.log(`    of which reading both flows ${median(ourRuns.read).toFixed(2)} s, building and validating the ${documents} documents ${median(ourRuns.assemble).toFixed(2)} s; peak heap ${mb(buildWatch.heapPeak)}, peak RSS ${mb(buildWatch.rssPeak)}`);
  console.log(line('ours, the same from the extracted files (no inflate)', ourRuns.txt));
  if (!('missing' in duckDb)) {
    for (const [threads, runs] of peerRuns) {
      console.log(line(`DuckDB, threads=${threads}, sums only (no per-line check)`, runs));
      for (const run of runs) {
        if (run.digest !== ourDigest || run.groups !== groups) {
          throw new Error(`DuckDB (threads=${threads}) gave other sums: ${run.groups} groups, md5 ${run.digest}; ours ${groups}, md5 ${ourDigest}`);
        }
      }
    }
    const ratio = (of: (run: Timing) => number) => median(ourRuns.txt.map(of)) / median(peerRuns.get(1)!.map(of));
    console.log(
      `  results identical (${groups.toLocaleString('en')} sums, md5 ${ourDigest}); ` +
        `ours from the same files / DuckDB single-threaded = ${ratio((run) => run.seconds).toFixed(2)}× in wall time, ${ratio((run) => run.cpuSeconds).toFixed(2)}× in CPU time`,
    );
  }
} finally {
  await rm(extractDir, { recursive: true, force: true });
}

collectGarbage();
const repeated = await streamFlow(DEFAULTS.exportPath, 'E', repeat, exportRows);
console.log(
  `export flow streamed ${repeat}× into one reader (later passes all reported as duplicate lines): ${repeated.rows.toLocaleString('en')} rows in ${repeated.seconds.toFixed(2)} s; ` +
    `live heap after 25/50/75/100% of the rows: ${repeated.marks.join(' / ')}; peak heap ${mb(repeated.heapPeak)}, peak RSS ${mb(repeated.rssPeak)}`,
);
console.log(`process peak RSS (getrusage): ${mb(process.resourceUsage().maxRSS * 1024)}`);
