/**
 * What the HTTP app needs from its runtime. Each entry (Node, Workers) supplies adapters for these;
 * the app itself imports nothing runtime-specific.
 */

/** Read-only object storage: keys are relative to the storage root, `/`-separated. */
export interface Storage {
  /** The object's text, or null when it does not exist. Throws StorageUnavailableError when unreachable. */
  getText(key: string): Promise<string | null>;
  /** The object's bytes, or null when it does not exist (prerendered PDFs, PNGs: see prerendered.ts). */
  getBytes?(key: string): Promise<Uint8Array | null>;
}

/** One rendered or derived response body, with what is needed to answer it again. */
export interface CachedBody {
  body: Uint8Array;
  contentType: string;
  etag: string;
}

/** Bytes already produced, keyed by a string that includes the data and renderer versions. */
export interface ByteCache {
  get(key: string): Promise<CachedBody | null>;
  put(key: string, value: CachedBody): Promise<void>;
}

export interface Clock {
  /** Milliseconds; only differences are used, so a test may drive it by hand. */
  now(): number;
}

/** Structured log sink: one object per call, written as one JSON line by the entry. */
export interface Logger {
  log(record: Record<string, unknown>): void;
}

/**
 * Bounds concurrent renders. `run` throws OverloadedError at once when the queue is full, so the
 * process answers 503 instead of piling renders up until it runs out of memory.
 */
export interface RenderLimiter {
  run<T>(task: () => Promise<T>, options?: RenderOptions): Promise<T>;
}

export interface RenderOptions {
  /** Aborted when every client waiting for this render has gone: a queued render is then dropped. */
  signal?: AbortSignal;
  /** Pixels the render rasterises (width × height), counted against the limiter's pixel budget. */
  pixels?: number;
}
