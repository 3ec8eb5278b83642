/**
 * Concurrent requests for the same uncached object share one render: the first caller starts it,
 * the others await the same promise, and the key is freed once it settles (success or failure), so
 * a failed render is retried by the next request rather than remembered. The task's signal aborts
 * only when every caller waiting for it has gone away (a caller without a signal never goes).
 */
interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiting: number;
}

export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Flight<T>>();

  run(key: string, task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let flight = this.inFlight.get(key);
    if (!flight) {
      const controller = new AbortController();
      const promise = (async () => {
        try {
          return await task(controller.signal);
        } finally {
          this.inFlight.delete(key);
        }
      })();
      flight = { promise, controller, waiting: 0 };
      this.inFlight.set(key, flight);
    }
    this.follow(flight, signal);
    return flight.promise;
  }

  private follow(flight: Flight<T>, signal: AbortSignal | undefined) {
    flight.waiting += 1;
    if (!signal) return;
    const leave = () => {
      flight.waiting -= 1;
      if (flight.waiting === 0) flight.controller.abort(signal.reason);
    };
    if (signal.aborted) leave();
    else signal.addEventListener('abort', leave, { once: true });
  }

  get size(): number {
    return this.inFlight.size;
  }
}
