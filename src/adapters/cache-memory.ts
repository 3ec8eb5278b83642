/**
 * The Node cache for rendered bytes: least recently used first out, bounded by the bytes it holds
 * (renders range from a few kB of SVG to MBs of PNG, so a count of entries would bound nothing).
 */
import type { ByteCache, CachedBody } from '../app/ports-app.js';

export interface MemoryCache extends ByteCache {
  readonly bytes: number;
  readonly entries: number;
}

export function createMemoryCache(maxBytes: number): MemoryCache {
  // Map keeps insertion order: re-inserting on read makes the first key the least recently used.
  const entries = new Map<string, CachedBody>();
  let bytes = 0;
  const sizeOf = (value: CachedBody) => value.body.byteLength + value.etag.length + value.contentType.length;

  return {
    get bytes() {
      return bytes;
    },
    get entries() {
      return entries.size;
    },
    async get(key) {
      const value = entries.get(key);
      if (!value) return null;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    async put(key, value) {
      const size = sizeOf(value);
      // One object may not evict more than a quarter of the cache.
      if (size > maxBytes / 4) return;
      const previous = entries.get(key);
      if (previous) {
        bytes -= sizeOf(previous);
        entries.delete(key);
      }
      entries.set(key, value);
      bytes += size;
      for (const [oldest, old] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= sizeOf(old);
      }
    },
  };
}
