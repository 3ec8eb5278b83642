/**
 * What `npm start` runs: the server built by `npm run build:server` into dist/server/, started with
 * plain node (no TypeScript loader), serving the committed data with its render threads, fonts and
 * wasm found from there, the threads starting from the V8 code cache the build made. A cache that V8
 * refuses only costs time: the threads compile from the source, say so once, and render the same
 * bytes. Real processes, real HTTP, real renders.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCachePath } from '../../src/adapters/code-cache.js';
import { eventually } from './eventually.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = 'dist/server';
const CODE_CACHE = codeCachePath(join(ROOT, SERVER, 'render-thread.cjs'));
const children: ReturnType<typeof spawn>[] = [];
afterAll(() => children.forEach((child) => child.kill('SIGTERM')));

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'pipe' });
});

/** Starts the compiled server and waits until /readyz says ready; its log records are collected. */
async function startCompiled(renderThreads: number) {
  const server = spawn(process.execPath, [`${SERVER}/entry-node.js`], { cwd: ROOT, env: { ...process.env, PORT: '0', RENDER_CONCURRENCY: String(renderThreads) }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(server);
  const events: Record<string, unknown>[] = [];
  createInterface({ input: server.stdout! }).on('line', (line) => events.push(JSON.parse(line) as Record<string, unknown>));
  await eventually(async () => events.some((event) => event.event === 'listening'), 'listening', 20_000);
  const url = String(events.find((event) => event.event === 'listening')!.url).replace(/\/$/, '');
  await eventually(async () => (await fetch(`${url}/readyz`)).status === 200, 'ready', 20_000);
  return { url, events, stop: () => server.kill('SIGTERM') };
}

const codeCacheEvents = (events: Record<string, unknown>[]) => events.filter((event) => event.event === 'render-thread-code-cache');

async function pdfBytes(url: string): Promise<Buffer> {
  const pdf = await fetch(`${url}/fiche/55.pdf`);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('etag')).toMatch(/-node-55-pdf"$/);
  return Buffer.from(await pdf.arrayBuffer());
}

let pdfFromCachedThreads: Buffer;

describe('the compiled start', () => {
  it('serves a factsheet from dist/server/ with plain node, ready once warm, its threads started from the code cache', async () => {
    const { url, events, stop } = await startCompiled(1);
    expect(events.map((event) => event.event)).toEqual(expect.arrayContaining(['render-thread-ready', 'ready']));
    expect(codeCacheEvents(events)).toEqual([expect.objectContaining({ codeCache: 'used' })]);

    // The main thread only routes and caches: it must not load the renderer, which the threads load
    // (the server's modules are imported once the threads are spawned, so dynamic imports count too).
    const mainModules = [`${SERVER}/entry-node.js`, ...mainThreadImports(join(ROOT, SERVER, 'entry-node.js'))].map((file) => readFileSync(join(ROOT, file), 'utf8'));
    expect(mainModules.some((code) => code.includes('function createApp('))).toBe(true);
    for (const renderer of ['satori', 'PDFDocument', '@resvg/resvg-js']) expect(mainModules.some((code) => code.includes(renderer)), renderer).toBe(false);

    pdfFromCachedThreads = await pdfBytes(url);
    expect(pdfFromCachedThreads.subarray(0, 5).toString()).toBe('%PDF-');
    const png = await fetch(`${url}/fiche/55/pays.png?w=400`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    // The web page's fonts are found from the bundle's folder too.
    const font = await fetch(`${url}/polices/SourceSans3-Regular.ttf`);
    expect(font.status).toBe(200);
    expect(Buffer.from(await font.arrayBuffer())).toEqual(readFileSync(join(ROOT, 'templates/fonts/SourceSans3-Regular.ttf')));
    stop();
  });

  it('starts as well with a code cache V8 rejects, says so once, and renders the same bytes', async () => {
    const original = readFileSync(CODE_CACHE);
    // As if made by another V8 version: V8's own header is changed, the file's checksum kept right.
    const cache = Buffer.from(original);
    cache[64 + 4] ^= 0xff;
    createHash('sha256').update(cache.subarray(64)).digest().copy(cache, 32);
    writeFileSync(CODE_CACHE, cache);
    try {
      const { url, events, stop } = await startCompiled(2);
      expect(codeCacheEvents(events)).toEqual([expect.objectContaining({ codeCache: 'rejected', error: expect.stringMatching(/V8 rejected the code cache/) })]);
      expect(events.filter((event) => event.event === 'render-thread-ready')).toHaveLength(2);
      expect((await pdfBytes(url)).equals(pdfFromCachedThreads)).toBe(true);
      stop();
    } finally {
      writeFileSync(CODE_CACHE, original);
    }
  });
});

/** The chunks an esbuild entry imports, statically or dynamically, transitively. */
function mainThreadImports(entry: string, seen = new Set<string>()): string[] {
  const code = readFileSync(entry, 'utf8');
  const chunks = [...code.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+\.js)";?/gm), ...code.matchAll(/\bimport\("\.\/([^"]+\.js)"\)/g)].map(([, chunk]) => chunk!);
  for (const chunk of chunks) {
    const file = `${SERVER}/${chunk}`;
    if (seen.has(file)) continue;
    seen.add(file);
    mainThreadImports(join(ROOT, file), seen);
  }
  return [...seen];
}
