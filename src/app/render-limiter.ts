/**
 * A concurrency limit with a bounded queue for renders on Node, and a process-wide budget of
 * pixels in flight. Renders are CPU- and memory-heavy, and a PNG's pixel buffers live outside the
 * render threads' V8 heaps: a render is admitted only while the pixels of the renders running
 * (width × height, estimated before rasterising) stay within the budget, so memory is bounded by
 * the budget rather than by the thread count. Beyond `queue` waiting, a request fails at once with
 * OverloadedError (503). A queued render whose client went away is dropped, never started.
 */
import { ClientGoneError, OverloadedError } from './errors.js';
import type { RenderLimiter, RenderOptions } from './ports-app.js';

export interface LimiterOptions {
  concurrency: number;
  queue: number;
  /** Pixels allowed in flight across every render; a render larger than this runs alone. */
  pixelBudget?: number;
}

interface Waiting {
  pixels: number;
  start(): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export function createRenderLimiter({ concurrency, queue, pixelBudget = Infinity }: LimiterOptions): RenderLimiter & {
  readonly running: number;
  readonly waiting: number;
  readonly pixelsInFlight: number;
} {
  let running = 0;
  let pixelsInFlight = 0;
  const waiting: Waiting[] = [];

  const admissible = (pixels: number) => running < concurrency && (running === 0 || pixelsInFlight + pixels <= pixelBudget);

  const admit = (pixels: number) => {
    running += 1;
    pixelsInFlight += pixels;
  };

  // First come, first served: a large render at the head is not overtaken by smaller ones.
  const pump = () => {
    while (waiting.length > 0 && admissible(waiting[0]!.pixels)) {
      const next = waiting.shift()!;
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
      admit(next.pixels);
      next.start();
    }
  };

  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    get pixelsInFlight() {
      return pixelsInFlight;
    },
    async run<T>(task: () => Promise<T>, { signal, pixels = 0 }: RenderOptions = {}): Promise<T> {
      if (signal?.aborted) throw new ClientGoneError('the client went away before its render started');
      if (waiting.length === 0 && admissible(pixels)) {
        admit(pixels);
      } else if (waiting.length < queue) {
        await new Promise<void>((resolve, reject) => {
          const entry: Waiting = { pixels, start: resolve, signal };
          if (signal) {
            entry.onAbort = () => {
              const at = waiting.indexOf(entry);
              if (at >= 0) waiting.splice(at, 1);
              reject(new ClientGoneError('the client went away while its render waited'));
              pump();
            };
            signal.addEventListener('abort', entry.onAbort, { once: true });
          }
          waiting.push(entry);
        });
      } else {
        throw new OverloadedError(`render queue full (${running} running, ${waiting.length} waiting, ${pixelsInFlight} pixels in flight)`);
      }
      try {
        return await task();
      } finally {
        running -= 1;
        pixelsInFlight -= pixels;
        pump();
      }
    },
  };
}
