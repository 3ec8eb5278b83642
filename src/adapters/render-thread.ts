/**
 * Body of one render thread (see renderer-threads.ts): builds its own renderer, then answers
 * `{ id, method, args }` messages with the bytes (transferred, not copied) or the error's text.
 */
import { setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import type { Renderer } from '../core/render.js';
import { createNodeRenderer } from './renderer-node.js';
import { estimatedPngPixels } from '../app/png-pixels.js';

export interface RenderTask {
  id: number;
  method: keyof Renderer;
  args: unknown[];
}
export type RenderReply = { id: number; result: string | Uint8Array } | { id: number; error: { name: string; message: string } };

/**
 * On Linux, niceness is per thread and `setPriority` without a pid applies to the calling thread:
 * renders yield the CPU to the main thread, which answers cached requests in milliseconds.
 */
const RENDER_NICENESS = 10;
try {
  setPriority(RENDER_NICENESS);
} catch {
  // Not permitted or not supported here: renders then compete with the main thread as equals.
}

/**
 * resvg's pixel buffers live in native memory held by small JavaScript wrappers: V8 does not see
 * their size, so it collects them late and a thread's resident memory grows far past its heap limit
 * (about 65 MiB more per 2400 px page). Once the PNGs rendered since the last collection reach a
 * few megapixels (every whole page at 2400 px, every sixth chart at 1200 px), the thread collects:
 * on the next turns of its loop, when the task's frames no longer hold the image — collected
 * inside the task, nothing was freed. It costs a few milliseconds on a render thread's small heap.
 */
const COLLECT_AFTER_PIXELS = 8_000_000;
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
let pixelsSinceCollection = 0;
function releasePixels(method: keyof Renderer, width: number) {
  pixelsSinceCollection += estimatedPngPixels(method === 'pagePng' ? 'page' : 'chart', width);
  if (pixelsSinceCollection < COLLECT_AFTER_PIXELS) return;
  pixelsSinceCollection = 0;
  setImmediate(() => {
    collect();
    setImmediate(() => collect());
  });
}

const port = parentPort!;
const ready = createNodeRenderer();
// Tells the pool this thread can render: a thread that dies before this counts as failing to start.
void ready.then(() => port.postMessage({ ready: true }));

port.on('message', async ({ id, method, args }: RenderTask) => {
  try {
    const renderer = await ready;
    const result = await (renderer[method] as (...a: unknown[]) => Promise<string | Uint8Array>)(...args);
    port.postMessage({ id, result } satisfies RenderReply, typeof result === 'string' ? [] : [result.buffer as ArrayBuffer]);
    if (method === 'pagePng' || method === 'chartPng') releasePixels(method, Number(args.at(-1)));
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id, error: { name, message } } satisfies RenderReply);
  }
});
