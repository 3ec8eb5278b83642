/**
 * The HTTP service as one Hono app that knows no runtime: entries (entry-node.ts, entry-worker.ts)
 * pass storage, renderer, cache and the rest in `deps`.
 */
import { Hono, type Context } from 'hono';
import { CodeParam, DataFileParam, FactsheetFileParam, PartFileParam, pageNumber, pngWidthParam } from './core/request.js';
import { documentCsv } from './app/csv.js';
import { DataSource } from './app/data-source.js';
import { InvalidDocumentError, OverloadedError, RendererUnavailableError, StorageUnavailableError, VersionMovedError } from './app/errors.js';
import { factsheetFileName } from './app/file-name.js';
import type { AppEnv } from './app/hono-env.js';
import { CACHE_CONTROL, ERROR_CACHE_CONTROL, etagTextPart, matchesIfNoneMatch, strongEtag } from './app/http-cache.js';
import { indexPage } from './app/index-page.js';
import { createPrerenderedLookup } from './app/prerendered.js';
import type { ByteCache, Clock, Logger, RenderLimiter, Storage } from './app/ports-app.js';
import type { ChartSlug, Renderer } from './core/render.js';
import type { RendererInfo } from './app/renderer-types.js';
import { badRequest, internalError, invalidDocument, methodNotAllowed, notFound, overloaded, storageUnavailable } from './app/responses.js';
import { createObjectServer, markStale, type ObjectRequest } from './app/serve-object.js';
import { canonicalCode } from './app/canonical-code.js';
import { estimatedPngPixels } from './app/png-pixels.js';
import { ASSET_CACHE_CONTROL, DSFR_VERSION, assetContentType, type AssetKind, type StaticAssets } from './app/html-assets.js';
import { HTML_CONTENT_TYPE, HTML_VERSION, factsheetPage, factsheetPageParts } from './app/html-factsheet.js';

export interface AppDeps {
  storage: Storage;
  /** A renderer, or a factory for one that needs asynchronous set-up (wasm on Workers); called once. */
  renderer: Renderer | (() => Promise<Renderer>);
  rendererInfo: RendererInfo;
  cache: ByteCache;
  manifestTtlSeconds: number;
  clock?: Clock;
  logger?: Logger;
  renderLimiter?: RenderLimiter;
  /** Retry-After on 503s. */
  retryAfterSeconds?: number;
  /** Width of the home page's thumbnails; defaults to the smallest PNG width the renderer allows. */
  thumbnailWidth?: number;
  /** Re-read the manifest in the background once due (Node); Workers re-read it within the request. */
  revalidateInBackground?: boolean;
  /** Readiness for /readyz (render threads warm…); absent means ready once data was read. */
  readiness?: () => Readiness;
  /** DSFR and the font for the HTML pages; without it their stylesheets answer 404 (the pages still read). */
  assets?: StaticAssets;
  /** Where readers reach the service (PUBLIC_ORIGIN), for the web page's absolute addresses; absent: each request's own. */
  publicOrigin?: string;
}

export interface Readiness {
  ready: boolean;
  /** Shown by /readyz and /healthz: what is not ready, or what went wrong starting it. */
  detail?: Record<string, unknown>;
}

const SVG = 'image/svg+xml; charset=utf-8';
const PNG = 'image/png';
const PDF = 'application/pdf';
const encoder = new TextEncoder();

export function createApp(deps: AppDeps) {
  const clock = deps.clock ?? { now: () => Date.now() };
  const logger = deps.logger ?? { log: (record: Record<string, unknown>) => console.log(JSON.stringify(record)) };
  const retryAfterSeconds = deps.retryAfterSeconds ?? 30;
  const info = deps.rendererInfo;
  const data = new DataSource(deps.storage, clock, deps.manifestTtlSeconds, logger, deps.revalidateInBackground);
  const prerendered = createPrerenderedLookup(deps.storage, info.version);
  const objects = createObjectServer({ data, cache: deps.cache, rendererVersion: info.version, limiter: deps.renderLimiter, retryAfterSeconds, prerendered });

  let rendererReady: Promise<Renderer> | null = null;
  const renderer = () => {
    const given = deps.renderer;
    rendererReady ??= typeof given === 'function' ? given() : Promise.resolve(given);
    // A failed set-up is retried by the next request rather than remembered.
    rendererReady.catch(() => (rendererReady = null));
    return rendererReady;
  };

  const app = new Hono<AppEnv>();

  // One JSON line per request; durations from the injected clock so tests can drive them.
  app.use('*', async (c, next) => {
    const started = clock.now();
    c.set('requestId', crypto.randomUUID());
    c.header('X-Request-Id', c.get('requestId'));
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    logger.log({
      time: new Date().toISOString(),
      requestId: c.get('requestId'),
      method: c.req.method,
      // Overlong paths are refused with 404; the log keeps enough of them to see what was tried.
      path: c.req.path.length > 300 ? `${c.req.path.slice(0, 300)}…` : c.req.path,
      status: c.res.status,
      durationMs: Math.round((clock.now() - started) * 10) / 10,
      cache: c.get('cacheStatus') ?? null,
      ...(c.get('error') ? { error: c.get('error') } : {}),
    });
  });

  // The manifest is re-read behind the answer; a Worker's request ends with its answer unless told to wait for it.
  app.use('*', async (c, next) => {
    await next();
    const rereading = data.rereading();
    if (rereading && hasExecutionContext(c)) c.executionCtx.waitUntil(rereading);
  });

  // Liveness: the process answers. Storage trouble and readiness are reported, never a failure here.
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', ERROR_CACHE_CONTROL);
    const snapshot = await data.current().catch((error: unknown) => {
      c.set('error', (error as Error).message);
      return null;
    });
    const health = data.health();
    if (health.error) c.set('error', health.error);
    const version = snapshot ? { year: snapshot.manifest.year, dataVersion: snapshot.manifest.dataVersion } : {};
    const readiness = deps.readiness?.();
    return c.json({
      status: 'ok',
      storage: snapshot || health.storage !== 'unknown' ? health.storage : 'unreachable',
      ...(health.error ? { storageError: health.error, servingStale: snapshot !== null } : {}),
      ...version,
      renderer: info.version,
      ...(readiness ? { ready: readiness.ready, ...readiness.detail } : {}),
    });
  });

  // Readiness: 503 until the renderer is warm and a data version was read, so that no load
  // balancer sends a first request to a process that would make it wait.
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', ERROR_CACHE_CONTROL);
    const snapshot = await data.current().catch(() => null);
    const readiness = deps.readiness?.() ?? { ready: true };
    const ready = readiness.ready && snapshot !== null;
    return c.json({ ready, data: snapshot !== null, ...readiness.detail }, ready ? 200 : 503);
  });

  app.get('/', async (c) => {
    // While storage is down, the page of the last version read still lists every factsheet.
    const snapshot = await data.current().catch((error: unknown) => {
      const last = error instanceof StorageUnavailableError ? data.lastGood() : null;
      if (!last) throw error;
      c.set('cacheStatus', 'stale');
      return { ...last, fault: (error as Error).message };
    });
    const query = (c.req.query('q') ?? '').slice(0, 60);
    // The page repeats the filter as typed, so the ETag names that text, not only the key it filters by.
    const etag = strongEtag(snapshot.manifest.dataVersion, info.version, ['index', HTML_VERSION, ...(query ? ['q', etagTextPart(query)] : [])]);
    c.header('ETag', etag);
    c.header('Cache-Control', CACHE_CONTROL);
    if (snapshot.fault) {
      c.set('cacheStatus', 'stale');
      markStale(c, snapshot.fault);
    }
    if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.html(indexPage(snapshot.manifest, { thumbnailWidth: deps.thumbnailWidth ?? info.pngWidth.min, query }));
  });

  app.get('/fiche/:file', async (c) => {
    const file = canonicalCode(c.req.param('file'));
    const page = CodeParam.safeParse(file);
    if (page.success) {
      const origin = deps.publicOrigin ?? new URL(c.req.url).origin;
      return objects.serve(c, {
        code: page.data,
        parts: factsheetPageParts(origin),
        contentType: HTML_CONTENT_TYPE,
        limited: true,
        prepare: async (snapshot, geo) => {
          const [input, r] = await Promise.all([data.factsheetInput(snapshot, geo), renderer()]);
          return async () => encoder.encode(factsheetPage(await r.factsheetContent(input), { code: geo.code, origin }));
        },
      });
    }
    const code = FactsheetFileParam.safeParse(file);
    if (!code.success) return notFound(c);
    // Like the parts, which only PNGs size: one URL per object, and no silent no-op parameter.
    if (c.req.query('w') !== undefined) return badRequest(c, 'la largeur ?w= ne s’applique qu’aux images PNG');
    return objects.serve(c, {
      code: code.data,
      parts: ['pdf'],
      contentType: PDF,
      limited: true,
      fileName: (snapshot, geo) => factsheetFileName(snapshot.manifest.year, geo.code, geo.name, null, 'pdf'),
      prepare: async (snapshot, geo) => {
        const [input, r] = await Promise.all([data.factsheetInput(snapshot, geo), renderer()]);
        return () => r.factsheetPdf(input);
      },
    });
  });

  app.get('/fiche/:code/:file', async (c) => {
    const code = CodeParam.safeParse(canonicalCode(c.req.param('code')));
    const file = PartFileParam.safeParse(c.req.param('file'));
    if (!code.success || !file.success) return notFound(c);
    const { slug, format } = file.data;
    const page = pageNumber(slug, info.pageCount);
    if (page === null && !info.chartSlugs.includes(slug)) return notFound(c);
    let width: number | null = null;
    if (format === 'png') {
      const max = page !== null && info.pagePngMaxWidth ? Math.min(info.pngWidth.max, info.pagePngMaxWidth) : info.pngWidth.max;
      const bounds = { min: info.pngWidth.min, max, default: Math.min(info.pngWidth.default, max) };
      const parsed = pngWidthParam(bounds).safeParse(c.req.query('w'));
      if (!parsed.success) return badRequest(c, `la largeur ?w= doit être un nombre entier de pixels entre ${bounds.min} et ${bounds.max}`);
      width = parsed.data;
    } else if (c.req.query('w') !== undefined) {
      return badRequest(c, 'la largeur ?w= ne s’applique qu’aux images PNG');
    }
    const request: ObjectRequest = {
      code: code.data,
      parts: width === null ? [slug, format] : [slug, format, `w${width}`],
      contentType: format === 'svg' ? SVG : format === 'png' ? PNG : PDF,
      limited: true,
      pixels: width === null ? 0 : estimatedPngPixels(page !== null ? 'page' : 'chart', width),
      fileName: (snapshot, geo) => factsheetFileName(snapshot.manifest.year, geo.code, geo.name, slug, format),
      prepare: async (snapshot, geo) => {
        const [input, r] = await Promise.all([data.factsheetInput(snapshot, geo), renderer()]);
        if (page !== null) {
          if (format === 'svg') return async () => encoder.encode(await r.pageSvg(input, page));
          if (format === 'png') return () => r.pagePng(input, page, width!);
          return () => r.pagePdf(input, page);
        }
        // The slug was checked against the renderer's list above.
        const chart = slug as ChartSlug;
        if (format === 'svg') return async () => encoder.encode(await r.chartSvg(input, chart));
        if (format === 'png') return () => r.chartPng(input, chart, width!);
        return () => r.chartPdf(input, chart);
      },
    };
    return objects.serve(c, request);
  });

  app.get('/donnees/:file', async (c) => {
    const file = DataFileParam.safeParse(canonicalCode(c.req.param('file')));
    if (!file.success) return notFound(c);
    const { code, format } = file.data;
    return objects.serve(c, {
      code,
      parts: ['donnees', format],
      contentType: format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      limited: false,
      fileName: (snapshot, geo) => factsheetFileName(snapshot.manifest.year, geo.code, geo.name, 'donnees', format),
      prepare: async (snapshot, geo) => {
        const document = await data.document(snapshot, geo.document);
        return async () => encoder.encode(format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : documentCsv(document));
      },
    });
  });

  app.get('/dsfr/:version/*', async (c) => {
    const path = c.req.path.slice(`/dsfr/${c.req.param('version')}/`.length);
    if (c.req.param('version') !== DSFR_VERSION) return notFound(c);
    return serveAsset(c, 'dsfr', path, `dsfr-${DSFR_VERSION}`);
  });

  app.get('/polices/:file', (c) => serveAsset(c, 'font', c.req.param('file'), info.version));

  /** Static files: fixed bytes per release, so the ETag names the release and the file. */
  async function serveAsset(c: Context<AppEnv>, kind: AssetKind, path: string, release: string) {
    const bytes = await deps.assets?.get(kind, path);
    if (!bytes) return notFound(c);
    const etag = strongEtag(release, kind, [path]);
    c.header('ETag', etag);
    c.header('Cache-Control', ASSET_CACHE_CONTROL);
    if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    c.header('Content-Type', assetContentType(path));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
  }

  // Everything here is read-only.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'], '*', (c) => methodNotAllowed(c));

  app.notFound((c) => notFound(c));

  app.onError((error, c) => {
    c.set('error', `${error.name}: ${error.message}`);
    if (error instanceof StorageUnavailableError) return storageUnavailable(c, retryAfterSeconds, error);
    // The data version kept moving under the request (rebuilt again and again): ask again shortly.
    if (error instanceof VersionMovedError) return storageUnavailable(c, retryAfterSeconds, error);
    if (error instanceof OverloadedError || error instanceof RendererUnavailableError) return overloaded(c, retryAfterSeconds);
    if (error instanceof InvalidDocumentError) return invalidDocument(c, error.document);
    return internalError(c);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/** Workers hand each request an execution context; Node's server does not, and Hono throws when asked for a missing one. */
function hasExecutionContext(c: { executionCtx: unknown }): boolean {
  try {
    return c.executionCtx !== undefined;
  } catch {
    return false;
  }
}
