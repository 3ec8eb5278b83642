/**
 * `wrangler deploy --dry-run` against wrangler.toml, offline and without an account: what it would
 * upload holds the wasm modules and fonts the Worker needs and fits the plan's limits.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_MODULES, WORKER_LIMITS, checkDeploy, uploadProblems, type DeployCheck } from '../../src/cli/worker-deploy-check.js';

let check: DeployCheck;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deploy-check-test-'));
  check = await checkDeploy(join(scratch, 'upload'));
}, 240_000);

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the upload wrangler would deploy', () => {
  it('is built and checked with no connection beyond this machine', () => {
    expect(check.networkAttempts).toEqual([]);
    expect(check.output).toContain('--dry-run: exiting now.');
    expect(check.problems).toEqual([]);
  });

  it('holds the Worker script, resvg and yoga as compiled wasm modules, and the fonts as data', () => {
    expect(check.modules.map((module) => module.name)).toEqual(expect.arrayContaining(REQUIRED_MODULES.map((module) => module.name)));
    // Wrangler's table of attached modules: name │ type │ size.
    const typeOf = (name: string) => new RegExp(`${name.replace('.', '\\.')}\\s*│\\s*([\\w-]+)`).exec(check.output)?.[1];
    expect(typeOf('index_bg.wasm')).toBe('compiled-wasm');
    expect(typeOf('yoga.wasm')).toBe('compiled-wasm');
    expect(typeOf('SourceSans3-Regular.ttf')).toBe('buffer');
    expect(typeOf('SourceSans3-Bold.ttf')).toBe('buffer');
    expect(typeOf('pdf-font-subsets.bin')).toBe('buffer');
    const resvg = check.modules.find((module) => module.name === 'index_bg.wasm')!;
    expect(resvg.bytes).toBeGreaterThan(1024 * 1024);
  });

  it('fits the free plan, by our count and by wrangler\'s own', async () => {
    expect(check.rawBytes).toBeLessThanOrEqual(WORKER_LIMITS.rawBytes);
    expect(check.gzipBytes).toBeLessThanOrEqual(WORKER_LIMITS.gzipBytesFree);
    expect(check.wranglerTotal).not.toBeNull();
    // Wrangler rounds to hundredths of KiB and gzips the modules together at its own level.
    expect(Math.abs(check.wranglerTotal!.rawBytes - check.rawBytes)).toBeLessThan(64);
    expect(check.wranglerTotal!.gzipBytes).toBeLessThanOrEqual(WORKER_LIMITS.gzipBytesFree);
    const script = await readFile(join(check.outDir, 'worker.js'), 'utf8');
    expect(script).toMatch(/from\s*"\.\/yoga\.wasm"/);
  });
});

describe('the upload check', () => {
  // About 5 000 bytes raw and 2 500 gzipped in all, whatever the number of required modules.
  const modules = REQUIRED_MODULES.map((module) => ({ name: module.name, bytes: Math.floor(5000 / REQUIRED_MODULES.length), gzipBytes: Math.floor(2500 / REQUIRED_MODULES.length) }));

  it('reports a missing module and each limit exceeded', () => {
    expect(uploadProblems(modules)).toEqual([]);
    expect(uploadProblems(modules.filter((module) => module.name !== 'yoga.wasm'))).toEqual(['missing yoga.wasm (yoga (layout engine) wasm)']);
    expect(uploadProblems(modules, { rawBytes: 4000, gzipBytesFree: 2000, gzipBytesPaid: 3000 })).toEqual([
      '0.00 MiB raw exceeds the 0.00 MiB limit',
      '0.00 MiB gzipped exceeds the free plan\'s 0.00 MiB',
    ]);
    expect(uploadProblems(modules, { rawBytes: 1e9, gzipBytesFree: 1000, gzipBytesPaid: 2000 })).toEqual(['0.00 MiB gzipped exceeds the paid plan\'s 0.00 MiB']);
  });

  it('refuses and reports a connection to another host, as wrangler\'s update check would make', async () => {
    const log = join(scratch, 'attempts.jsonl');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--require', join(process.cwd(), 'src/cli/offline-guard.cjs'), '-e', "require('node:https').get('https://registry.npmjs.org/wrangler').on('error', (error) => console.log(error.message))"],
      { env: { ...process.env, OFFLINE_GUARD_LOG: log } },
    );
    expect(stdout.trim()).toBe('offline: connection to registry.npmjs.org:443 refused');
    expect((await readFile(log, 'utf8')).trim().split('\n').map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ host: 'registry.npmjs.org', port: 443 })]);
  });
});
