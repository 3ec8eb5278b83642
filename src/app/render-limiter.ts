/**
 * A concurrency limit with a bounded queue for renders on Node. Renders are CPU- and memory-heavy;
 * beyond `concurrency` running and `queue` waiting, a request fails at once with OverloadedError
 * (503) instead of holding memory while it waits.
 */
import { OverloadedError } from './errors.js';
import type { RenderLimiter } from './ports-app.js';

export interface LimiterOptions {
  concurrency: number;
  queue: number;
}

export function createRenderLimiter({ concurrency, queue }: LimiterOptions): RenderLimiter & { readonly running: number; readonly waiting: number } {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < concurrency) {
        running += 1;
      } else if (waiting.length < queue) {
        // The slot is handed over by `release` without decrementing, so no newcomer can overtake.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        throw new OverloadedError(`render queue full (${concurrency} running, ${queue} waiting)`);
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
