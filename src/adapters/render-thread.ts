/**
 * Body of one render thread (see renderer-threads.ts): builds its own renderer, then answers
 * `{ id, method, args }` messages with the bytes (transferred, not copied) or the error's text.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Renderer } from '../core/render.js';
import { createNodeRenderer } from './renderer-node.js';
import { createRendererAsWorkers } from './renderer-as-workers.js';

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
  // A batch run (render:all) has no cached requests to favour: it asks for 0.
  setPriority((workerData as { niceness?: number } | null)?.niceness ?? RENDER_NICENESS);
} catch {
  // Not permitted or not supported here: renders then compete with the main thread as equals.
}

const port = parentPort!;
// render:all --runtime workers prerenders the bytes a Worker would write.
const ready = (workerData as { runtime?: string } | null)?.runtime === 'workers' ? createRendererAsWorkers() : createNodeRenderer();

port.on('message', async ({ id, method, args }: RenderTask) => {
  try {
    const renderer = await ready;
    const result = await (renderer[method] as (...a: unknown[]) => Promise<string | Uint8Array>)(...args);
    port.postMessage({ id, result } satisfies RenderReply, typeof result === 'string' ? [] : [result.buffer as ArrayBuffer]);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id, error: { name, message } } satisfies RenderReply);
  }
});
