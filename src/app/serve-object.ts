/**
 * The path every cacheable response takes: current data version → ETag → 304, or cached bytes, or one
 * shared render (single flight, under the render limit) that is then cached. When storage is down,
 * the rendering made from the last good version is served stale if the cache still has it.
 */
import type { Context } from 'hono';
import type { ManifestGeography } from '../core/schema.js';
import type { DataSnapshot, DataSource } from './data-source.js';
import { StorageUnavailableError } from './errors.js';
import type { AppEnv } from './hono-env.js';
import { CACHE_CONTROL, matchesIfNoneMatch, strongEtag } from './http-cache.js';
import type { ByteCache, CachedBody, RenderLimiter } from './ports-app.js';
import type { PrerenderedLookup } from './prerendered.js';
import { SingleFlight } from './single-flight.js';
import { notFound, storageUnavailable } from './responses.js';

export interface ObjectRequest {
  code: string;
  /** Everything that distinguishes this object besides the code and the versions (slug, format, width). */
  parts: readonly (string | number)[];
  contentType: string;
  /** Renders go through the limiter; cheap derived objects (JSON, CSV) do not. */
  limited: boolean;
  fileName?(snapshot: DataSnapshot, geography: ManifestGeography): string;
  produce(snapshot: DataSnapshot, geography: ManifestGeography): Promise<Uint8Array>;
}

export interface ObjectServer {
  serve(c: Context<AppEnv>, request: ObjectRequest): Promise<Response>;
}

export function createObjectServer(deps: {
  data: DataSource;
  cache: ByteCache;
  rendererVersion: string;
  limiter?: RenderLimiter;
  retryAfterSeconds: number;
  /** Objects made by `npm run render:all` for this data and renderer version, served instead of rendering. */
  prerendered?: PrerenderedLookup;
}): ObjectServer {
  const flights = new SingleFlight<CachedBody>();
  const etagOf = (snapshot: DataSnapshot, request: ObjectRequest) =>
    strongEtag(snapshot.manifest.dataVersion, deps.rendererVersion, [request.code, ...request.parts]);

  const respond = (c: Context<AppEnv>, entry: CachedBody, request: ObjectRequest, snapshot: DataSnapshot, geography: ManifestGeography) => {
    // Lets operators (and tests) see from outside whether the origin rendered.
    c.header('X-Render-Cache', c.get('cacheStatus') ?? 'miss');
    c.header('ETag', entry.etag);
    c.header('Cache-Control', CACHE_CONTROL);
    c.header('Content-Type', entry.contentType);
    if (request.fileName) c.header('Content-Disposition', `inline; filename="${request.fileName(snapshot, geography)}"`);
    // An SVG opened directly is a document: it may show its embedded images and styles, nothing else.
    if (entry.contentType.startsWith('image/svg+xml')) c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:");
    return c.body(entry.body as Uint8Array<ArrayBuffer>, 200);
  };

  const serveStale = async (c: Context<AppEnv>, request: ObjectRequest, error: StorageUnavailableError) => {
    const snapshot = deps.data.lastGood();
    const geography = snapshot && deps.data.geography(snapshot, request.code);
    const entry = geography ? await deps.cache.get(etagOf(snapshot, request)) : null;
    if (!entry || !snapshot || !geography) return storageUnavailable(c, deps.retryAfterSeconds, error);
    c.set('cacheStatus', 'stale');
    c.set('error', error.message);
    // Tells the CDN not to keep this answer long: fresh data should replace it once storage is back.
    const response = respond(c, entry, request, snapshot, geography);
    response.headers.set('Cache-Control', 'public, max-age=0, s-maxage=30');
    response.headers.set('Warning', '110 - "Response is Stale"');
    return response;
  };

  return {
    async serve(c, request) {
      let snapshot: DataSnapshot;
      try {
        snapshot = await deps.data.current();
      } catch (error) {
        if (error instanceof StorageUnavailableError) return serveStale(c, request, error);
        throw error;
      }
      const geography = deps.data.geography(snapshot, request.code);
      if (!geography) return notFound(c);

      const etag = etagOf(snapshot, request);
      if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) {
        c.set('cacheStatus', 'revalidated');
        c.header('ETag', etag);
        c.header('Cache-Control', CACHE_CONTROL);
        return c.body(null, 304);
      }

      const cached = await deps.cache.get(etag);
      if (cached) {
        c.set('cacheStatus', 'hit');
        return respond(c, cached, request, snapshot, geography);
      }
      c.set('cacheStatus', 'miss');
      let entry: CachedBody;
      try {
        entry = await flights.run(etag, async () => {
          const make = () => request.produce(snapshot, geography);
          const stored = request.limited ? await deps.prerendered?.(snapshot, request.code, request.parts) : null;
          if (stored) c.set('cacheStatus', 'prerendered');
          const body = stored ?? (await (request.limited && deps.limiter ? deps.limiter.run(make) : make()));
          const made: CachedBody = { body, contentType: request.contentType, etag };
          await deps.cache.put(etag, made);
          return made;
        });
      } catch (error) {
        if (error instanceof StorageUnavailableError) return serveStale(c, request, error);
        throw error;
      }
      return respond(c, entry, request, snapshot, geography);
    },
  };
}
