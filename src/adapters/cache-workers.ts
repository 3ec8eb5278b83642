/**
 * Rendered bytes in the Workers Cache API (per data centre). Keys become synthetic URLs on a host
 * the Worker never serves, so cached renders cannot collide with real requests' cache entries.
 */
import type { ByteCache } from '../app/ports-app.js';

/** The subset of the Workers `Cache` interface this adapter uses. */
export interface WorkersCacheLike {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

const KEY_ORIGIN = 'https://render-cache.internal/';
/** The Cache API keeps an entry only as long as its response says. */
const KEEP_SECONDS = 7 * 24 * 3600;

export function createWorkersCache(cache: WorkersCacheLike): ByteCache {
  const requestFor = (key: string) => new Request(KEY_ORIGIN + encodeURIComponent(key));
  return {
    async get(key) {
      const response = await cache.match(requestFor(key));
      if (!response) return null;
      const etag = response.headers.get('x-render-etag');
      const contentType = response.headers.get('content-type');
      if (!etag || !contentType) return null;
      return { body: new Uint8Array(await response.arrayBuffer()), contentType, etag };
    },
    async put(key, value) {
      const headers = { 'content-type': value.contentType, 'x-render-etag': value.etag, 'cache-control': `public, max-age=${KEEP_SECONDS}` };
      await cache.put(requestFor(key), new Response(value.body as Uint8Array<ArrayBuffer>, { headers }));
    },
  };
}
