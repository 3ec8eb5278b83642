/**
 * What `wrangler deploy` would upload, checked without a network or a Cloudflare account:
 * `wrangler deploy --dry-run --outdir <dir>` against wrangler.toml (which bundles with
 * `npm run worker:bundle`), then the modules it wrote are measured against the Workers limits and
 * checked for the parts the Worker cannot run without (resvg and yoga wasm, the fonts). Wrangler
 * runs with metrics off, its update check sent to a closed local port, and every connection to
 * another host refused and reported.
 *
 *   npm run worker:deploy-check [-- --outdir <dir>]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import { PDF_FONT_SUBSETS_MODULE } from './worker-bundle.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIB = 1024 * 1024;

/** Cloudflare's limits on a Worker's upload (developers.cloudflare.com/workers/platform/limits). */
export const WORKER_LIMITS = { rawBytes: 64 * MIB, gzipBytesFree: 3 * MIB, gzipBytesPaid: 10 * MIB } as const;

/** Modules without which the Worker cannot render: each file name must be in the upload. */
export const REQUIRED_MODULES = [
  { name: 'worker.js', what: 'the Worker script' },
  { name: 'index_bg.wasm', what: 'resvg (PNG rasteriser) wasm' },
  { name: 'yoga.wasm', what: 'yoga (layout engine) wasm' },
  { name: 'SourceSans3-Regular.ttf', what: 'the regular font' },
  { name: 'SourceSans3-Bold.ttf', what: 'the bold font' },
  { name: PDF_FONT_SUBSETS_MODULE, what: "the PDF fonts' prebuilt subsets" },
] as const;

export interface UploadModule {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface DeployCheck {
  /** Where the upload was written; deleted after the check unless given by the caller. */
  outDir: string;
  modules: UploadModule[];
  rawBytes: number;
  gzipBytes: number;
  /** Wrangler's own « Total Upload: … / gzip: … » line, in bytes. */
  wranglerTotal: { rawBytes: number; gzipBytes: number } | null;
  /** Connections wrangler tried to open to other hosts than this machine (refused). */
  networkAttempts: { host: string; port: unknown }[];
  problems: string[];
  output: string;
}

/** What is wrong with an upload of these modules; empty when it can be deployed on the free plan. */
export function uploadProblems(modules: readonly UploadModule[], limits: typeof WORKER_LIMITS = WORKER_LIMITS): string[] {
  const problems: string[] = [];
  const names = new Set(modules.map((module) => module.name));
  for (const required of REQUIRED_MODULES) if (!names.has(required.name)) problems.push(`missing ${required.name} (${required.what})`);
  const rawBytes = modules.reduce((sum, module) => sum + module.bytes, 0);
  const gzipBytes = modules.reduce((sum, module) => sum + module.gzipBytes, 0);
  if (rawBytes > limits.rawBytes) problems.push(`${mib(rawBytes)} raw exceeds the ${mib(limits.rawBytes)} limit`);
  if (gzipBytes > limits.gzipBytesPaid) problems.push(`${mib(gzipBytes)} gzipped exceeds the paid plan's ${mib(limits.gzipBytesPaid)}`);
  else if (gzipBytes > limits.gzipBytesFree) problems.push(`${mib(gzipBytes)} gzipped exceeds the free plan's ${mib(limits.gzipBytesFree)}`);
  return problems;
}

export async function checkDeploy(outDir?: string): Promise<DeployCheck> {
  const scratch = await mkdtemp(join(tmpdir(), 'deploy-check-'));
  const dir = outDir ?? join(scratch, 'upload');
  const networkLog = join(scratch, 'network.jsonl');
  const wrangler = createRequire(join(ROOT, 'package.json')).resolve('wrangler/bin/wrangler.js');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: 'true',
    WRANGLER_SEND_METRICS: 'false',
    // wrangler's update check keeps its last answer for an hour in <tmpdir>/update-check: a scratch
    // tmpdir makes every check really ask, so that a recent answer cannot hide a connection.
    TMPDIR: scratch,
    // The update check asks the npm registry for wrangler's latest version, finding its address with
    // the `rc` package, which reads npm_registry (not npm_config_registry, which it files under
    // another key); npm itself (the build command runs `npm run`) reads npm_config_registry. Both
    // point at a closed local port.
    npm_registry: 'http://127.0.0.1:9/',
    npm_config_registry: 'http://127.0.0.1:9/',
    OFFLINE_GUARD_LOG: networkLog,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(ROOT, 'src/cli/offline-guard.cjs')}`.trim(),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  // No account is needed for a dry run; make sure none is used.
  for (const name of ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID', 'CF_API_TOKEN', 'CF_ACCOUNT_ID']) delete env[name];
  try {
    let output: string;
    try {
      const result = await promisify(execFile)(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', dir], { cwd: ROOT, env, maxBuffer: 16 * MIB });
      output = result.stdout + result.stderr;
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`wrangler deploy --dry-run failed: ${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
    }
    const modules = await Promise.all(
      (await readdir(dir))
        .filter((name) => name !== 'README.md')
        .sort()
        .map(async (name) => {
          const bytes = await readFile(join(dir, name));
          return { name, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
        }),
    );
    const total = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    const attempts = await readFile(networkLog, 'utf8').catch(() => '');
    const networkAttempts = attempts.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { host: string; port: unknown });
    const problems = uploadProblems(modules);
    for (const attempt of networkAttempts) problems.push(`wrangler tried to reach ${attempt.host}:${String(attempt.port)}`);
    return {
      outDir: dir,
      modules,
      rawBytes: modules.reduce((sum, module) => sum + module.bytes, 0),
      gzipBytes: modules.reduce((sum, module) => sum + module.gzipBytes, 0),
      wranglerTotal: total ? { rawBytes: Math.round(Number(total[1]) * 1024), gzipBytes: Math.round(Number(total[2]) * 1024) } : null,
      networkAttempts,
      problems,
      output,
    };
  } finally {
    // The upload is kept only where the caller asked for it.
    await rm(scratch, { recursive: true, force: true });
  }
}

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(2)} MiB`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const index = process.argv.indexOf('--outdir');
  const check = await checkDeploy(index > 0 ? resolve(process.argv[index + 1]!) : undefined);
  for (const module of check.modules) console.log(`${module.name.padEnd(28)} ${mib(module.bytes).padStart(10)} raw ${mib(module.gzipBytes).padStart(10)} gzip`);
  console.log(`${'total'.padEnd(28)} ${mib(check.rawBytes).padStart(10)} raw ${mib(check.gzipBytes).padStart(10)} gzip`);
  if (check.wranglerTotal) console.log(`wrangler's own count: ${mib(check.wranglerTotal.rawBytes)} raw, ${mib(check.wranglerTotal.gzipBytes)} gzip`);
  console.log(`limits: ${mib(WORKER_LIMITS.rawBytes)} raw; ${mib(WORKER_LIMITS.gzipBytesFree)} gzip on the free plan, ${mib(WORKER_LIMITS.gzipBytesPaid)} on the paid one`);
  console.log(check.networkAttempts.length === 0 ? 'no connection attempted beyond this machine' : `${check.networkAttempts.length} connections refused`);
  if (check.problems.length > 0) {
    for (const problem of check.problems) console.error(`problem: ${problem}`);
    process.exit(1);
  }
  console.log(index > 0 ? `upload written to ${check.outDir}` : 'ready to deploy');
}
