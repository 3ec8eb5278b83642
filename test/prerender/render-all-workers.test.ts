/**
 * `render:all --runtime workers` writes the bytes the Worker itself renders (same encoders), and
 * the Worker in workerd (miniflare, local R2) serves such an object from its bucket without rendering.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKERS_RENDERER_INFO } from '../../src/adapters/renderer-as-workers.js';
import { LOCAL_PREFIX } from '../../src/cli/worker-memory.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';
import { startWorker } from '../helpers/workerd.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let scratch: string;
let worker: Awaited<ReturnType<typeof startWorker>>;
let folder: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'render-all-workers-'));
  const out = join(scratch, 'out');
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'src/cli/render-all.ts'), '--data', SAMPLE_DIR, '--out', out, '--runtime', 'workers', '--codes', '55', '--kinds', 'fiche,charts', '--formats', 'png', '--widths', '400'],
    { cwd: REPO },
  );
  worker = await startWorker({ versionDir: SAMPLE_DIR, outDir: join(scratch, 'bundle') });
  const version = worker.manifest.dataVersion;
  folder = join(out, 'rendus', version, WORKERS_RENDERER_INFO.version, '55');
  // A CLI run (a process and its render threads) then a Worker bundle in workerd: slow on a crowded machine.
}, 300_000);

afterAll(async () => {
  await worker?.dispose();
  await rm(scratch, { recursive: true, force: true });
});

/** « fetch failed » alone does not say whether workerd closed the connection, crashed or timed out. */
function failedFetch(error: Error): never {
  throw new Error(`${error.message} (${String(error.cause)}): ${worker.logs.join('\n')}`);
}

describe('prerendering for a Worker', () => {
  it('writes the bytes the Worker renders on demand', async () => {
    const response = await worker.fetch('/fiche/55/export.png?w=400').catch(failedFetch);
    expect(response.headers.get('x-render-cache'), worker.logs.join('\n')).toBe('miss');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(await readFile(join(folder, 'export-w400.png'))));
    const pdf = await worker.fetch('/fiche/55.pdf').catch(failedFetch);
    expect(pdf.headers.get('x-render-cache')).toBe('miss');
    expect(new Uint8Array(await pdf.arrayBuffer())).toEqual(new Uint8Array(await readFile(join(folder, 'fiche.pdf'))));
  });

  it('is served from R2 by the Worker without rendering, under the keys the CLI writes', async () => {
    const bucket = (await worker.mf.getR2Bucket('FICHES')) as unknown as { put(key: string, value: Uint8Array): Promise<unknown> };
    const version = worker.manifest.dataVersion;
    const bytes = new Uint8Array(await readFile(join(folder, 'pays-w400.png')));
    await bucket.put(`${LOCAL_PREFIX}/2024/${version}/rendus/${version}/${WORKERS_RENDERER_INFO.version}/55/pays-w400.png`, bytes);
    const response = await worker.fetch('/fiche/55/pays.png?w=400');
    expect(response.headers.get('x-render-cache'), worker.logs.join('\n')).toBe('prerendered');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });
});
