/**
 * Concurrent requests for the same uncached object share one render: the first caller starts it,
 * the others await the same promise, and the key is freed once it settles (success or failure), so
 * a failed render is retried by the next request rather than remembered.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, task: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = (async () => {
      try {
        return await task();
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, started);
    return started;
  }

  get size(): number {
    return this.inFlight.size;
  }
}
