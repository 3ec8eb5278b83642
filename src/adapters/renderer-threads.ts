/**
 * Renders on worker threads, so that the main thread keeps answering cached requests in a few
 * milliseconds while Satori, resvg and pdf-lib run (they hold the CPU for tens to hundreds of ms).
 * The app's render limiter keeps at most one task per thread; tasks beyond wait here in order.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Renderer } from '../core/render.js';
import type { RenderReply, RenderTask } from './render-thread.js';

interface Pending {
  task: RenderTask;
  resolve(value: string | Uint8Array): void;
  reject(error: Error): void;
}

export interface ThreadedRenderer extends Renderer {
  close(): Promise<void>;
}

const THREAD_URL = new URL(import.meta.url.endsWith('.ts') ? './render-thread.ts' : './render-thread.js', import.meta.url);

/**
 * A thread started from a `.ts` file ignores the loader flags the main thread was started with,
 * so the thread's first module registers tsx's ESM hooks itself and then imports the real body.
 */
function threadEntry(): URL {
  if (!THREAD_URL.pathname.endsWith('.ts')) return THREAD_URL;
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(manifestPath, 'utf8')).exports['./esm/api'].import.default as string;
  const api = pathToFileURL(join(dirname(manifestPath), exports)).href;
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(THREAD_URL.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/**
 * `heapMb` caps each thread's V8 heap: past it the thread dies with its render (a 500) and is
 * replaced, instead of the whole process growing until the machine kills it.
 */
export function createThreadedRenderer(threads: number, heapMb = 192, options: { niceness?: number; runtime?: 'node' | 'workers' } = {}): ThreadedRenderer {
  const waiting: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  let nextId = 0;
  let closed = false;

  const entry = threadEntry();

  const spawn = () => {
    const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, workerData: { niceness: options.niceness, runtime: options.runtime } });
    worker.on('message', (reply: RenderReply) => {
      const pending = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (pending) {
        if ('error' in reply) pending.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
        else pending.resolve(reply.result);
      }
      dispatch();
    });
    // A crashed thread fails its task and is replaced; the others keep working.
    worker.on('error', (error) => {
      busy.get(worker)?.reject(error);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      if (!closed) {
        idle.push(spawn());
        dispatch();
      }
    });
    worker.unref();
    return worker;
  };

  const dispatch = () => {
    while (idle.length > 0 && waiting.length > 0) {
      const worker = idle.pop()!;
      const pending = waiting.shift()!;
      busy.set(worker, pending);
      worker.ref();
      worker.postMessage(pending.task);
    }
    for (const worker of idle) worker.unref();
  };

  for (let index = 0; index < threads; index += 1) idle.push(spawn());

  const call =
    <M extends keyof Renderer>(method: M) =>
    (...args: unknown[]) =>
      new Promise<string | Uint8Array>((resolve, reject) => {
        if (closed) return reject(new Error('renderer closed'));
        waiting.push({ task: { id: nextId++, method, args }, resolve, reject });
        dispatch();
      }) as ReturnType<Renderer[M]>;

  return {
    chartSvg: call('chartSvg'),
    chartPng: call('chartPng'),
    chartPdf: call('chartPdf'),
    pageSvg: call('pageSvg'),
    pagePng: call('pagePng'),
    pagePdf: call('pagePdf'),
    factsheetPdf: call('factsheetPdf'),
    async close() {
      closed = true;
      for (const pending of waiting.splice(0)) pending.reject(new Error('renderer closed'));
      await Promise.all([...idle, ...busy.keys()].map((worker) => worker.terminate()));
    },
  };
}
