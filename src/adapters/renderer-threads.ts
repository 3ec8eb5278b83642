/**
 * Renders on worker threads, so that the main thread keeps answering cached requests in a few
 * milliseconds while Satori, resvg and pdf-lib run (they hold the CPU for tens to hundreds of ms).
 * The app's render limiter keeps at most one task per thread; tasks beyond wait here in order.
 *
 * A thread that dies while rendering (a render beyond its heap) is replaced at once. A thread that
 * dies before it is ready (a heap too small to load the renderer, a missing file) is replaced after a
 * growing pause, and reported: no spawn loop, and renders are refused (503) while no thread can start.
 */
import './resvg-allocator-options.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Renderer } from '../core/render.js';
import { RendererUnavailableError } from '../app/errors.js';
import type { RenderReply, RenderResult, RenderTask } from './render-thread.js';
import type { CodeCacheReport, CodeCacheStatus } from './code-cache.js';

interface Pending {
  task: RenderTask;
  resolve(value: RenderResult): void;
  reject(error: Error): void;
}

export interface ThreadsStatus {
  threads: number;
  /** Threads that loaded the renderer. */
  ready: number;
  /** Threads that started and died before being ready, in a row; 0 once one is ready. */
  failedStarts: number;
  lastError: string | null;
}

export interface ThreadedRenderer extends Renderer {
  status(): ThreadsStatus;
  close(): Promise<void>;
}

export interface ThreadEvent {
  event: 'render-thread-failed' | 'render-thread-crashed' | 'render-thread-ready' | 'render-thread-code-cache';
  error?: string;
  /** For `render-thread-code-cache`: whether the compiled threads start from their V8 code cache. */
  codeCache?: CodeCacheStatus;
  retryInMs?: number;
}

export interface ThreadOptions {
  heapMb?: number;
  /** V8's young generation per thread (three semi-spaces); undefined keeps V8's default. */
  youngGenerationMb?: number;
  /** Reports threads that fail to start, crash, or come up (the entry logs them). */
  onEvent?(event: ThreadEvent): void;
  /** First pause before starting again a thread that died before being ready; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A batch run (render:all) has no cached requests to favour and asks for 0. */
  niceness?: number;
  /** `workers` renders the bytes a Worker would write (render:all --runtime workers). */
  runtime?: 'node' | 'workers';
}

/** The compiled server's threads start from the loader that runs the thread's bundle with its code cache. */
const THREAD_URL = new URL(import.meta.url.endsWith('.ts') ? './render-thread.ts' : './render-thread-cached.js', import.meta.url);

const CODE_CACHE_NOT_USED: Record<Exclude<CodeCacheStatus, 'used'>, string> = {
  missing: 'no code cache next to the render thread bundle (run npm run build:server)',
  unreadable: 'the code cache file cannot be read',
  foreign: 'the code cache was made from another bundle',
  damaged: 'the code cache file is damaged (its checksum differs)',
  rejected: 'V8 rejected the code cache (another Node.js version or other V8 flags)',
};

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
export function createThreadedRenderer(threads: number, heapMbOrOptions: number | ThreadOptions = {}): ThreadedRenderer {
  const options = typeof heapMbOrOptions === 'number' ? { heapMb: heapMbOrOptions } : heapMbOrOptions;
  const { heapMb = 192, onEvent = () => undefined, backoffMs = 500, maxBackoffMs = 30_000 } = options;
  const waiting: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const ready = new Set<Worker>();
  const live = new Set<Worker>();
  const respawns = new Set<NodeJS.Timeout>();
  let failedStarts = 0;
  let lastError: string | null = null;
  let nextId = 0;
  let closed = false;
  // Every thread reports it; the log needs it once (again only if a thread fares differently).
  let codeCacheLogged: CodeCacheStatus | null = null;

  const entry = threadEntry();

  const refuseWaiting = () => {
    for (const pending of waiting.splice(0)) pending.reject(new RendererUnavailableError(`no render thread could start: ${lastError}`));
  };

  const spawn = () => {
    const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: options.youngGenerationMb }, workerData: { niceness: options.niceness, runtime: options.runtime } });
    live.add(worker);
    let error: Error | null = null;
    worker.on('message', (reply: RenderReply | { ready: true } | CodeCacheReport) => {
      if ('codeCache' in reply) {
        if (reply.codeCache === codeCacheLogged) return;
        codeCacheLogged = reply.codeCache;
        const why = reply.codeCache === 'used' ? {} : { error: `${CODE_CACHE_NOT_USED[reply.codeCache]}: compiling the renderer from its source, the first renders are slower` };
        onEvent({ event: 'render-thread-code-cache', codeCache: reply.codeCache, ...why });
        return;
      }
      if ('ready' in reply) {
        ready.add(worker);
        failedStarts = 0;
        onEvent({ event: 'render-thread-ready' });
        return;
      }
      const pending = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (pending) {
        if ('error' in reply) pending.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
        else pending.resolve(reply.result);
      }
      dispatch();
    });
    worker.on('error', (thrown) => (error = thrown));
    worker.on('exit', (code) => {
      live.delete(worker);
      const wasReady = ready.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      const reason = error ? `${error.name}: ${error.message}` : `exited with code ${code}`;
      busy.get(worker)?.reject(error ?? new Error(`render thread ${reason}`));
      busy.delete(worker);
      if (closed) return;
      lastError = reason;
      if (wasReady) {
        // It rendered before: this render killed it, the next thread should start fine.
        onEvent({ event: 'render-thread-crashed', error: reason });
        idle.push(spawn());
        dispatch();
        return;
      }
      failedStarts += 1;
      const retryInMs = Math.min(maxBackoffMs, backoffMs * 2 ** (failedStarts - 1));
      onEvent({ event: 'render-thread-failed', error: reason, retryInMs });
      if (ready.size === 0) refuseWaiting();
      const timer = setTimeout(() => {
        respawns.delete(timer);
        if (closed) return;
        idle.push(spawn());
        dispatch();
      }, retryInMs);
      timer.unref();
      respawns.add(timer);
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
      new Promise<RenderResult>((resolve, reject) => {
        if (closed) return reject(new Error('renderer closed'));
        // Threads keep failing to start: answer now rather than keep the request until one does.
        if (failedStarts > 0 && ready.size === 0) return reject(new RendererUnavailableError(`no render thread could start: ${lastError}`));
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
    status: () => ({ threads, ready: ready.size, failedStarts, lastError }),
    factsheetContent: call('factsheetContent'),
    async close() {
      closed = true;
      for (const timer of respawns) clearTimeout(timer);
      for (const pending of waiting.splice(0)) pending.reject(new Error('renderer closed'));
      await Promise.all([...live].map((worker) => worker.terminate()));
    },
  };
}
