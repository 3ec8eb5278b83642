/**
 * `npm run render:all` as an operator runs it (its own process, real render threads), into a folder
 * on disk and into a real S3-compatible server (s3rver): interrupted by a signal and resumed, then
 * the app serving what it wrote — and rendering instead when the data or renderer version differs.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_RENDERER_INFO, createNodeRenderer } from '../../src/adapters/renderer-node.js';
import { createFsStorage } from '../../src/adapters/storage-fs.js';
import { createS3Storage } from '../../src/adapters/storage-s3.js';
import { factsheetPageParts } from '../../src/app/html-factsheet.js';
import { strongEtag } from '../../src/app/http-cache.js';
import { prerenderedFileName } from '../../src/app/prerendered.js';
import { publishVersion } from '../../src/publish/publish.js';
import { createS3Client } from '../../src/publish/s3-client.js';
import { OBJECT_KINDS } from '../../src/prerender/objects.js';
import { appFixture, SAMPLE_DIR } from '../helpers/app-fixture.js';
import { pdfPagesText } from '../helpers/pdf-text.js';
import { writeVersion } from '../helpers/version-copy.js';
import { startS3, type RunningS3 } from '../publish/s3rver-server.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE_VERSION = JSON.parse(await readFile(join(SAMPLE_DIR, 'manifest.json'), 'utf8')).dataVersion as string;
const RENDERER = NODE_RENDERER_INFO.version;
/** Each CLI run starts a process and render threads: on a crowded 2-core machine that alone takes tens of seconds. */
const CLI_TIMEOUT = 300_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `interruptWhen` sends it SIGINT as soon as its output matches. */
function renderAll(args: string[], options: { env?: Record<string, string>; interruptWhen?: RegExp } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/render-all.ts'), ...args], {
      cwd: REPO,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.interruptWhen && !interrupted && options.interruptWhen.test(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'render-all-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('render:all into a folder', () => {
  const codes = ['55', '2A', '976'];
  // The whole factsheet, every page as SVG and the web page (for the origin the test app answers on): 3 × (1 + 8 + 1) objects.
  const origin = 'http://localhost';
  const args = (dir: string) => ['--data', dir, '--codes', codes.join(','), '--kinds', 'fiche,pages,html', '--formats', 'svg', '--origin', origin];
  const expected = codes.length * (1 + NODE_RENDERER_INFO.pageCount + 1);
  const htmlFile = prerenderedFileName(factsheetPageParts(origin));
  let version: string;
  let folder: string;

  beforeAll(async () => {
    version = join(scratch, 'disk');
    await cp(SAMPLE_DIR, version, { recursive: true });
    folder = join(version, 'rendus', SAMPLE_VERSION, RENDERER);
  });

  it('stops on Ctrl-C with whole objects only, and a second run renders just the rest', async () => {
    const first = await renderAll(args(version), { interruptWhen: /^progress /m });
    expect(first.stderr).toContain('interrupted');
    expect(first.code, first.stdout + first.stderr).toBe(130);
    expect(first.stdout).toMatch(/run the same command again to resume/);
    const afterFirst = await filesUnder(folder);
    expect(afterFirst.length).toBeGreaterThan(0);
    expect(afterFirst.length).toBeLessThan(expected);
    expect(afterFirst.filter((file) => file.endsWith('.partial'))).toEqual([]);

    const second = await renderAll(args(version));
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain(`${expected - afterFirst.length} objects to render, ${afterFirst.length} already written for this version (skipped)`);
    expect(second.stdout).toMatch(/total time [0-9.]+ s/);
    const files = await filesUnder(folder);
    expect(files).toHaveLength(expected);
    expect(files).toContain(join('2A', 'fiche.pdf'));
    expect(files).toContain(join('976', 'page-8.svg'));

    const third = await renderAll(args(version));
    expect(third.stdout).toContain(`0 objects to render, ${expected} already written`);
  }, CLI_TIMEOUT);

  it('writes real factsheets: the PDF reads back with its pages and its département', async () => {
    const pages = await pdfPagesText(new Uint8Array(await readFile(join(folder, '2A', 'fiche.pdf'))));
    expect(pages).toHaveLength(NODE_RENDERER_INFO.pageCount);
    expect(pages.join(' ')).toContain('Corse');
    expect(await readFile(join(folder, '55', 'page-3.svg'), 'utf8')).toMatch(/^<svg[^>]*>/);
    const page = await readFile(join(folder, '2A', htmlFile), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain('Corse-du-Sud');
    expect(page).toContain(`${origin}/fiche/2A/`);
  });

  it('is served by the app for its data and renderer version, without rendering', async () => {
    const { get, counting } = appFixture({ root: version, info: NODE_RENDERER_INFO });
    for (const [path, file] of [
      ['/fiche/55.pdf', join('55', 'fiche.pdf')],
      ['/fiche/2A/page-4.svg', join('2A', 'page-4.svg')],
      ['/fiche/2A', join('2A', htmlFile)],
    ] as const) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-render-cache')).toBe('prerendered');
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(await readFile(join(folder, file))));
    }
    expect(counting.calls).toEqual([]);
    // Not prerendered (another département, another format): rendered on demand as before.
    expect((await get('/fiche/59.pdf')).headers.get('x-render-cache')).toBe('miss');
    expect((await get('/fiche/55/page-4.png')).headers.get('x-render-cache')).toBe('miss');
    expect(counting.calls.map((call) => `${call.method} ${call.code}`)).toEqual(['factsheetPdf 59', 'pagePng 55']);
    // The web page of another origin is another page (its newsletter addresses differ): rendered.
    const otherHost = await appFixture({ root: version, info: NODE_RENDERER_INFO }).get('http://fiches.example.fr/fiche/2A');
    expect(otherHost.headers.get('x-render-cache')).toBe('miss');
  });

  it('prerenders the same web page as the service renders on demand', async () => {
    const { get, counting } = appFixture({ root: version, info: { ...NODE_RENDERER_INFO, version: 'r0-node' }, renderer: await createNodeRenderer() });
    const response = await get('/fiche/2A');
    expect(response.headers.get('x-render-cache')).toBe('miss');
    expect(counting.calls.map((call) => call.method)).toEqual(['factsheetContent']);
    expect(await response.text()).toBe(await readFile(join(folder, '2A', htmlFile), 'utf8'));
  });

  it('refuses the web page without the origin it is served at', async () => {
    const run = await renderAll(['--data', version, '--codes', '55', '--kinds', 'html']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--origin');
    const bad = await renderAll(['--data', version, '--codes', '55', '--kinds', 'html', '--origin', 'https://fiches.example.fr/fiche']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('expected only a scheme and a host');
  }, CLI_TIMEOUT);

  it('is not served by a service of another renderer version', async () => {
    const { get, counting } = appFixture({ root: version, info: { ...NODE_RENDERER_INFO, version: 'r0-node' } });
    const response = await get('/fiche/55.pdf');
    expect(response.headers.get('x-render-cache')).toBe('miss');
    expect(new Uint8Array(await response.arrayBuffer())).not.toEqual(new Uint8Array(await readFile(join(folder, '55', 'fiche.pdf'))));
    expect(counting.calls).toHaveLength(1);
  });

  it('is not served once the folder holds another data version', async () => {
    // data:build rebuilding the served folder in place: objects of the old version stay on disk.
    const root = join(scratch, 'rebuilt');
    const versionPath = await writeVersion(root, 'c3c3c3c3');
    const rebuilt = join(root, versionPath);
    await cp(join(version, 'rendus'), join(rebuilt, 'rendus'), { recursive: true });
    const { get, counting } = appFixture({ root: rebuilt, info: NODE_RENDERER_INFO });
    const response = await get('/fiche/55.pdf');
    expect(response.headers.get('x-render-cache')).toBe('miss');
    expect(counting.calls).toHaveLength(1);
  });
});

describe('render:all into an S3-compatible bucket', () => {
  let s3: RunningS3;
  let client: S3Client;
  let env: Record<string, string>;

  beforeAll(async () => {
    s3 = await startS3('fiches');
    client = createS3Client({ endpoint: s3.endpoint, ...s3.credentials });
    await publishVersion({ client, bucket: s3.bucket, prefix: 'indicateurs', versionDir: SAMPLE_DIR });
    env = { S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_PREFIX: 'indicateurs', S3_ACCESS_KEY_ID: s3.credentials.accessKeyId, S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey };
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it('writes next to the documents, resumes, and the app serves the objects from the bucket', async () => {
    const args = ['--codes', '55,48', '--kinds', 'fiche,charts', '--formats', 'png', '--widths', '400'];
    const expected = 2 * (1 + NODE_RENDERER_INFO.chartSlugs.length);
    const first = await renderAll(args, { env, interruptWhen: /^progress /m });
    expect(first.code, first.stdout + first.stderr).toBe(130);
    const second = await renderAll(args, { env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/objects to render, [1-9][0-9]* already written for this version \(skipped\)/);

    const folder = `indicateurs/2024/${SAMPLE_VERSION}/rendus/${SAMPLE_VERSION}/${RENDERER}/`;
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: folder }));
    const keys = (listed.Contents ?? []).map((object) => object.Key!.slice(folder.length)).sort();
    expect(keys).toHaveLength(expected);
    expect(keys).toContain('48/pays-w400.png');

    const stored = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${folder}48/pays-w400.png` }));
    expect(stored.ContentType).toBe('image/png');
    const storedBytes = await stored.Body!.transformToByteArray();

    const storage = createS3Storage({ client, bucket: s3.bucket, prefix: 'indicateurs' });
    const { get, counting } = appFixture({ storage, info: NODE_RENDERER_INFO });
    const response = await get('/fiche/48/pays.png?w=400');
    expect(response.headers.get('x-render-cache')).toBe('prerendered');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(storedBytes);
    expect((await get('/fiche/48/pays.png?w=500')).headers.get('x-render-cache')).toBe('miss');
    expect(counting.calls.map((call) => call.method)).toEqual(['chartPng']);
  }, CLI_TIMEOUT);
});

describe('object kinds', () => {
  it('name each object with the parts the app gives the URL it serves it at', async () => {
    const { get } = appFixture({ info: NODE_RENDERER_INFO, storage: createFsStorage(SAMPLE_DIR) });
    const choice = { formats: ['svg', 'png', 'pdf'] as const, widths: [300], pageCount: NODE_RENDERER_INFO.pageCount, chartSlugs: NODE_RENDERER_INFO.chartSlugs, origin: 'http://localhost' };
    const objects = OBJECT_KINDS.flatMap((kind) => kind.objects(choice));
    const paths = new Set(objects.map((object) => object.path('55')));
    expect(paths.size).toBe(objects.length);
    for (const object of objects.filter((_, index) => index % 7 === 0)) {
      const response = await get(object.path('55'));
      expect(response.status, object.path('55')).toBe(200);
      expect(response.headers.get('content-type')).toBe(object.contentType);
      // The ETag is built from the parts the app names the object by: the same parts give the same key.
      expect(response.headers.get('etag')).toBe(strongEtag(SAMPLE_VERSION, RENDERER, ['55', ...object.parts]));
    }
    expect(objects.at(-1)!.path('55')).toBe('/fiche/55');
  });

  it('give each object its own file name, inside its folder', () => {
    expect(prerenderedFileName(['html', 'h2', 'https://fiches.example.fr'])).toBe('fiche-h2-https_3a_2f_2ffiches_2eexample_2efr.html');
    // `_` is escaped too, so a part that looks escaped does not meet the part it looks like.
    expect(prerenderedFileName(['a.', 'svg'])).not.toBe(prerenderedFileName(['a_2e', 'svg']));
    expect(prerenderedFileName(['x/..', 'svg'])).toBe('x_2f_2e_2e.svg');
    expect(() => prerenderedFileName(['../x', 'svg'])).toThrow(RangeError);
    expect(() => prerenderedFileName(['é', 'svg'])).toThrow(RangeError);
  });
});
