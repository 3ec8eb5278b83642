/**
 * What `npm start` runs: the bundle built by `npm run build:server`, started with plain node (no
 * TypeScript loader), serving the committed data with its render thread, fonts and wasm found from
 * dist/. Real process, real HTTP, real render.
 */
import { execFileSync, spawn } from 'node:child_process';
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

    const pdf = await fetch(`${url}/fiche/55.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('etag')).toMatch(/-node-55-pdf"$/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const png = await fetch(`${url}/fiche/55/pays.png?w=400`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
  });
});
