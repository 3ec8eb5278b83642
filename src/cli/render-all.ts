/**
 * npm run render:all [-- options]: after a data refresh, renders every département's objects ahead
 * of time, on one render thread per core, where the service looks for them (src/app/prerendered.ts).
 * Ctrl-C stops after the renders under way are written; running the command again resumes.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createThreadedRenderer } from '../adapters/renderer-threads.js';
import { NODE_RENDERER_INFO } from '../adapters/renderer-node.js';
import { WORKERS_RENDERER_INFO } from '../adapters/renderer-as-workers.js';
import { createFsStorage, latestVersionDir } from '../adapters/storage-fs.js';
import { createS3Storage } from '../adapters/storage-s3.js';
import type { Storage } from '../app/ports-app.js';
import { parseWebOrigin } from '../app/web-origin.js';
import { createS3Client } from '../publish/s3-client.js';
import { OBJECT_KINDS, PART_FORMATS, objectKind, type PartFormat } from '../prerender/objects.js';
import { prerender } from '../prerender/prerender.js';
import { createProgress, duration } from '../prerender/progress.js';
import type { PrerenderTarget } from '../prerender/target.js';
import { createFsTarget } from '../prerender/target-fs.js';
import { createS3Target } from '../prerender/target-s3.js';

const HELP = `Usage: npm run render:all -- [options]

  --data DIR         built version folder to read (default: the newest data/indicators/<year>);
                     the objects go into it, where npm start looks for them
  --bucket NAME      read the version current.json points at in this bucket instead, and write
                     the objects next to its documents (env S3_BUCKET)
  --endpoint URL     (env S3_ENDPOINT)   --region NAME (env S3_REGION)
  --prefix PATH      (env S3_PREFIX, default "indicators")
  --out DIR          write into this folder instead, with the same keys as in the storage
  --kinds LIST       ${OBJECT_KINDS.map((kind) => kind.name).join(',')} (default: all; html only with --origin)
  --origin URL       where readers reach the service, e.g. https://fiches.example.fr: the HTML page
                     (/fiche/<code>) carries it in its newsletter snippets, so it is prerendered for
                     that origin only
  --formats LIST     formats of pages and charts: ${PART_FORMATS.join(',')} (default: all)
  --widths LIST      PNG widths in pixels (default ${NODE_RENDERER_INFO.pngWidth.default})
  --codes LIST       départements, e.g. 55,2A,971 (default: all)
  --runtime NAME     node (default) or workers: the bytes, and the renderer version in the keys,
                     of the service that will serve them (a Worker compresses with other encoders)
  --threads N        render threads (default: one per core, ${availableParallelism()} here)
  credentials: env S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
`;

const list = (value: string | undefined) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : undefined);

class UsageError extends Error {}

function webOrigin(value: string): string {
  const parsed = parseWebOrigin(value);
  if ('error' in parsed) throw new UsageError(`--origin: ${parsed.error}`);
  return parsed.origin;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      bucket: { type: 'string', default: process.env.S3_BUCKET },
      endpoint: { type: 'string', default: process.env.S3_ENDPOINT },
      region: { type: 'string', default: process.env.S3_REGION },
      prefix: { type: 'string', default: process.env.S3_PREFIX ?? 'indicators' },
      out: { type: 'string' },
      kinds: { type: 'string' },
      origin: { type: 'string' },
      formats: { type: 'string' },
      widths: { type: 'string' },
      codes: { type: 'string' },
      threads: { type: 'string' },
      runtime: { type: 'string', default: 'node' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.runtime !== 'node' && values.runtime !== 'workers') throw new UsageError(`--runtime: expected node or workers, got ${JSON.stringify(values.runtime)}`);
  const runtime = values.runtime;
  const info = runtime === 'workers' ? WORKERS_RENDERER_INFO : NODE_RENDERER_INFO;
  const origin = values.origin === undefined ? undefined : webOrigin(values.origin);
  const kinds = (list(values.kinds) ?? OBJECT_KINDS.map((kind) => kind.name).filter((name) => name !== 'html' || origin !== undefined)).map(objectKind);
  if (origin === undefined && kinds.some((kind) => kind.name === 'html')) {
    throw new UsageError('--kinds html: the page carries absolute addresses for newsletters; say where readers reach the service with --origin https://…');
  }
  const formats = (list(values.formats) ?? PART_FORMATS) as PartFormat[];
  for (const format of formats) if (!PART_FORMATS.includes(format)) throw new UsageError(`--formats: unknown format ${JSON.stringify(format)}`);
  const widths = (list(values.widths) ?? [String(info.pngWidth.default)]).map(Number);
  for (const width of widths) {
    if (!Number.isInteger(width) || width < info.pngWidth.min || width > info.pngWidth.max) {
      throw new UsageError(`--widths: ${width} is not a whole number of pixels between ${info.pngWidth.min} and ${info.pngWidth.max}`);
    }
  }
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads: expected a positive whole number, got ${values.threads}`);

  let source: Storage;
  let target: PrerenderTarget;
  if (values.bucket && values.data === undefined) {
    const client = createS3Client({
      endpoint: values.endpoint,
      region: values.region,
      accessKeyId: process.env.S3_ACCESS_KEY_ID ?? process.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? process.env.AWS_SECRET_ACCESS_KEY,
    });
    source = createS3Storage({ client, bucket: values.bucket, prefix: values.prefix! });
    target = createS3Target({ client, bucket: values.bucket, prefix: values.prefix! });
  } else {
    const dir = values.data ? resolve(values.data) : await latestVersionDir(resolve('data/indicators'));
    source = createFsStorage(dir);
    target = createFsTarget(dir);
  }
  if (values.out) target = createFsTarget(values.out);

  const started = performance.now();
  const stop = new AbortController();
  // The first Ctrl-C lets the renders under way finish and be written; a second one quits at once.
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted: finishing the renders under way (Ctrl-C again to quit now)\n');
    stop.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  process.once('SIGTERM', () => stop.abort());

  // Not niced as the service's threads are: nothing here waits on the main thread.
  const renderer = createThreadedRenderer(threads, { niceness: 0, runtime });
  let progress: ReturnType<typeof createProgress> | undefined;
  try {
    const summary = await prerender({
      source,
      target,
      renderer,
      rendererVersion: info.version,
      kinds,
      choice: { formats, widths, pageCount: info.pageCount, chartSlugs: info.chartSlugs, origin },
      codes: list(values.codes),
      // Two tasks per thread: each thread has its next render queued while the last one is written.
      parallel: threads * 2,
      signal: stop.signal,
      onStart: (plan) => {
        console.log(
          `render:all data ${plan.dataVersion}, renderer ${info.version}, ${threads} threads → ${target.description}/${plan.folder}\n` +
            `${plan.total} objects to render${plan.skipped > 0 ? `, ${plan.skipped} already written for this version (skipped)` : ''}`,
        );
        progress = createProgress(plan.total, process.stdout);
      },
      onWritten: (written) => progress?.update(written),
    });
    progress?.finish();
    const seconds = (performance.now() - started) / 1000;
    const size = `${(summary.bytes / 1024 / 1024).toFixed(1)} MiB`;
    if (summary.interrupted) {
      console.log(`interrupted after ${duration(seconds)}: ${summary.written} written (${size}), ${summary.remaining} left; run the same command again to resume`);
      return 130;
    }
    console.log(`render:all done: ${summary.written} objects written (${size}), ${summary.skipped} skipped, total time ${duration(seconds)}`);
    return 0;
  } finally {
    await renderer.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`render:all failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof UsageError || error instanceof RangeError)) console.error('objects written so far are whole; run the command again to resume');
  process.exitCode = 1;
}
