/**
 * The path every cacheable response takes: current data version → ETag → 304, or cached bytes, or one
 * shared render (single flight, under the render limit) that is then cached. Documents are read
 * before the render takes its slot, so a slow storage never holds a render slot. When the data
 * version moves under a request (a folder rebuilt in place), the request starts over on the new one.
 * When storage is down or its manifest corrupt, the last good version is served stale (`Warning`):
 * from the cache, or rendered from documents still at hand.
 */
import type { Context } from 'hono';
import type { ManifestGeography } from '../core/schema.js';
import type { DataSnapshot, DataSource } from './data-source.js';
import { ClientGoneError, StorageUnavailableError, VersionMovedError } from './errors.js';
import type { AppEnv } from './hono-env.js';
import { CACHE_CONTROL, STALE_CACHE_CONTROL, STALE_WARNING, matchesIfNoneMatch, strongEtag } from './http-cache.js';
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
  /** Pixels a PNG render rasterises, counted against the limiter's budget. */
  pixels?: number;
  fileName?(snapshot: DataSnapshot, geography: ManifestGeography): string;
  /** Reads what the object needs from storage, then returns the work that makes its bytes. */
  prepare(snapshot: DataSnapshot, geography: ManifestGeography): Promise<() => Promise<Uint8Array>>;
}

export interface ObjectServer {
  serve(c: Context<AppEnv>, request: ObjectRequest): Promise<Response>;
}

/** A version rebuilt in place twice during one request is unusual; a third move gives up with a 503. */
const VERSION_MOVES_FOLLOWED = 2;

export function markStale(c: Context<AppEnv>, reason: string) {
  c.set('error', reason);
  c.header('Cache-Control', STALE_CACHE_CONTROL);
  c.header('Warning', STALE_WARNING);
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
    if (snapshot.fault) markStale(c, snapshot.fault);
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
    return respond(c, entry, request, { ...snapshot, fault: error.message }, geography);
  };

  const serveOnce = async (c: Context<AppEnv>, request: ObjectRequest): Promise<Response> => {
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
      if (snapshot.fault) markStale(c, snapshot.fault);
      return c.body(null, 304);
    }

    const cached = await deps.cache.get(etag);
    if (cached) {
      // Bytes of the last good version while storage is at fault: the logs and X-Render-Cache say stale.
      c.set('cacheStatus', snapshot.fault ? 'stale' : 'hit');
      return respond(c, cached, request, snapshot, geography);
    }
    c.set('cacheStatus', 'miss');
    let entry: CachedBody;
    try {
      entry = await flights.run(
        etag,
        async (signal) => {
          const stored = request.limited ? await deps.prerendered?.(snapshot, request.code, request.parts) : null;
          if (stored) c.set('cacheStatus', 'prerendered');
          const render = async () => {
            const make = await request.prepare(snapshot, geography);
            return request.limited && deps.limiter ? deps.limiter.run(make, { signal, pixels: request.pixels }) : make();
          };
          const body = stored ?? (await render());
          const made: CachedBody = { body, contentType: request.contentType, etag };
          await deps.cache.put(etag, made);
          return made;
        },
        c.req.raw.signal,
      );
    } catch (error) {
      if (error instanceof StorageUnavailableError) return serveStale(c, request, error);
      if (error instanceof ClientGoneError) {
        // Nobody reads this answer; the status tells the log that no render was spent on it.
        c.set('error', error.message);
        return c.body(null, 499 as 200);
      }
      throw error;
    }
    return respond(c, entry, request, snapshot, geography);
  };

  return {
    async serve(c, request) {
      for (let moves = 0; ; moves += 1) {
        try {
          return await serveOnce(c, request);
        } catch (error) {
          if (!(error instanceof VersionMovedError) || moves >= VERSION_MOVES_FOLLOWED) throw error;
        }
      }
    },
  };
}
