/**
 * Body of one render thread (see renderer-threads.ts): builds its own renderer, then answers
 * `{ id, method, args }` messages with the bytes (transferred, not copied) or the error's text.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { FactsheetContent, Renderer } from '../core/render.js';
import { createNodeRenderer } from './renderer-node.js';
import { createRendererAsWorkers } from './renderer-as-workers.js';
import { estimatedPngPixels } from '../app/png-pixels.js';
import { collectGarbage } from './garbage-collector.js';

export interface RenderTask {
  id: number;
  method: keyof Renderer;
  args: unknown[];
}
/** Bytes, text, or the content model (plain data, copied by structured clone). */
export type RenderResult = string | Uint8Array | FactsheetContent;
export type RenderReply = { id: number; result: RenderResult } | { id: number; error: { name: string; message: string } };

/**
 * On Linux, niceness is per thread and `setPriority` without a pid applies to the calling thread:
 * renders yield the CPU to the main thread, which answers cached requests in milliseconds.
 */
const RENDER_NICENESS = 10;
try {
  // A batch run (render:all) has no cached requests to favour: it asks for 0.
  setPriority((workerData as { niceness?: number } | null)?.niceness ?? RENDER_NICENESS);
} catch {
  // Not permitted or not supported here: renders then compete with the main thread as equals.
}

/**
 * resvg's pixel buffers live in native memory held by small JavaScript wrappers: V8 does not see
 * their size, so it collects them late and a thread's resident memory grows far past its heap limit
 * (about 65 MiB more per 2400 px page). The rasteriser has the young generation collected after
 * each picture (collect-young-soon.ts); wrappers that outlived it are old, so once the PNGs rendered
 * since the last collection reach a few megapixels (every whole page at 2400 px, every sixth chart at
 * 1200 px), the thread collects its whole heap: on the next turns of its loop, when the task's frames
 * no longer hold the image — collected inside the task, nothing was freed. It costs a few
 * milliseconds on a render thread's small heap.
 */
const COLLECT_AFTER_PIXELS = 8_000_000;
let pixelsSinceCollection = 0;
function releasePixels(method: keyof Renderer, width: number) {
  pixelsSinceCollection += estimatedPngPixels(method === 'pagePng' ? 'page' : 'chart', width);
  if (pixelsSinceCollection < COLLECT_AFTER_PIXELS) return;
  pixelsSinceCollection = 0;
  setImmediate(() => {
    collectGarbage();
    setImmediate(() => collectGarbage());
  });
}

const port = parentPort!;
// render:all --runtime workers prerenders the bytes a Worker would write.
const ready = (workerData as { runtime?: string } | null)?.runtime === 'workers' ? createRendererAsWorkers() : createNodeRenderer();
// Tells the pool this thread can render: a thread that dies before this counts as failing to start.
void ready.then(() => port.postMessage({ ready: true }));

port.on('message', async ({ id, method, args }: RenderTask) => {
  try {
    const renderer = await ready;
    const result = await (renderer[method] as (...a: unknown[]) => Promise<RenderResult>)(...args);
    port.postMessage({ id, result } satisfies RenderReply, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []);
    if (method === 'pagePng' || method === 'chartPng') releasePixels(method, Number(args.at(-1)));
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id, error: { name, message } } satisfies RenderReply);
  }
});
