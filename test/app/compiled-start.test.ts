/**
 * What `npm start` runs: the bundle built by `npm run build:server`, started with plain node (no
 * TypeScript loader), serving the committed data with its render thread, fonts and wasm found from
 * dist/. Real process, real HTTP, real render.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const children: ReturnType<typeof spawn>[] = [];
afterAll(() => children.forEach((child) => child.kill('SIGTERM')));

describe('the compiled start', () => {
  it('serves a factsheet from dist/ with plain node, ready once warm', async () => {
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'pipe' });
    const server = spawn(process.execPath, ['dist/entry-node.js'], { cwd: ROOT, env: { ...process.env, PORT: '0', RENDER_CONCURRENCY: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(server);
    const events: Record<string, unknown>[] = [];
    createInterface({ input: server.stdout! }).on('line', (line) => events.push(JSON.parse(line) as Record<string, unknown>));
    await eventually(async () => events.some((event) => event.event === 'listening'), 'listening', 20_000);
    const url = String(events.find((event) => event.event === 'listening')!.url).replace(/\/$/, '');
    await eventually(async () => (await fetch(`${url}/readyz`)).status === 200, 'ready', 20_000);
    expect(events.map((event) => event.event)).toEqual(expect.arrayContaining(['render-thread-ready', 'ready']));

    // The main thread only routes and caches: it must not load the renderer, which the threads load
    // (the server's modules are imported once the threads are spawned, so dynamic imports count too).
    const mainModules = ['dist/entry-node.js', ...mainThreadImports(join(ROOT, 'dist/entry-node.js'))].map((file) => readFileSync(join(ROOT, file), 'utf8'));
    expect(mainModules.some((code) => code.includes('function createApp('))).toBe(true);
    for (const renderer of ['satori', 'PDFDocument', '@resvg/resvg-js']) expect(mainModules.some((code) => code.includes(renderer)), renderer).toBe(false);

    const pdf = await fetch(`${url}/fiche/55.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('etag')).toMatch(/-node-55-pdf"$/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const png = await fetch(`${url}/fiche/55/pays.png?w=400`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
  });
});

/** The chunks an esbuild entry imports, statically or dynamically, transitively. */
function mainThreadImports(entry: string, seen = new Set<string>()): string[] {
  const code = readFileSync(entry, 'utf8');
  const chunks = [...code.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+\.js)";?/gm), ...code.matchAll(/\bimport\("\.\/([^"]+\.js)"\)/g)].map(([, chunk]) => chunk!);
  for (const chunk of chunks) {
    const file = `dist/${chunk}`;
    if (seen.has(file)) continue;
    seen.add(file);
    mainThreadImports(join(ROOT, file), seen);
  }
  return [...seen];
}
