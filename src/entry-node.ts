/**
 * The Node entry: picks storage (S3 when S3_BUCKET is set, else the latest built version on disk),
 * the resvg-js rasterizer, a byte-bounded memory cache and a render limit, and serves the app with
 * @hono/node-server. `npm start` runs it; tests and the benchmark call startNodeService.
 */
import type { ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { createThreadedRenderer } from './adapters/renderer-threads.js';
import { createFsStorage, latestVersionDir } from './adapters/storage-fs.js';
import { readConfig, type ServiceConfig } from './app/config.js';
import type { Clock, Logger, Storage } from './app/ports-app.js';
import type { Renderer } from './core/render.js';
import type { RendererInfo } from './app/renderer-types.js';

/**
 * The server's own modules (Hono, the app, its routes): loaded once the render threads are spawned,
 * so that the threads load the renderer on the other core meanwhile instead of after them.
 */
const serverModules = () =>
  Promise.all([
    import('@hono/node-server'),
    import('./app.js'),
    import('./adapters/assets-node.js'),
    import('./adapters/cache-memory.js'),
    import('./adapters/renderer-info-node.js'),
    import('./app/render-limiter.js'),
    import('./app/warm-up.js'),
    import('./adapters/loopback-request.js'),
  ]);

const DEFAULT_PORT = 8787;
// From src/ when run as TypeScript, from the compiled server in dist/server/ otherwise.
const DEFAULT_DATA_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../data/indicators/' : '../../data/indicators/', import.meta.url));

async function storageFor(config: ServiceConfig): Promise<{ storage: Storage; description: string }> {
  if (config.S3_BUCKET) {
    // Loaded only when used: the AWS SDK is a large part of the start-up time of a disk-only server.
    const [{ createS3Client }, { createS3Storage }] = await Promise.all([import('./publish/s3-client.js'), import('./adapters/storage-s3.js')]);
    const client = createS3Client({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION ?? config.AWS_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID ?? config.AWS_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY ?? config.AWS_SECRET_ACCESS_KEY,
    });
    return { storage: createS3Storage({ client, bucket: config.S3_BUCKET, prefix: config.S3_PREFIX }), description: `s3://${config.S3_BUCKET}/${config.S3_PREFIX}` };
  }
  const dir = await latestVersionDir(resolve(config.DATA_DIR ?? DEFAULT_DATA_DIR));
  return { storage: createFsStorage(dir), description: dir };
}

export interface NodeService {
  url: string;
  server: ServerType;
  /** Settles once the renderer is warm and /readyz answers 200 (it keeps retrying until then). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Pause before warming up again after a failure (storage down at start…), doubling up to the maximum. */
const WARM_UP_RETRY_MS = { first: 1000, max: 30_000 };

export async function startNodeService(
  env: Record<string, string | undefined>,
  overrides: { renderer?: Renderer; rendererInfo?: RendererInfo; logger?: Logger; clock?: Clock; hostname?: string } = {},
): Promise<NodeService> {
  const config = readConfig(env);
  const logger = overrides.logger ?? { log: (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(record)}\n`) };
  const clock = overrides.clock ?? { now: () => performance.now() };
  // Renders run on threads, one per allowed concurrent render, so cached answers never wait on them.
  const renderThreads = config.RENDER_CONCURRENCY ?? Math.max(1, availableParallelism() - 1);
  const threaded = overrides.renderer
    ? null
    : createThreadedRenderer(renderThreads, {
        heapMb: config.RENDER_HEAP_MB,
        youngGenerationMb: config.RENDER_YOUNG_GENERATION_MB,
        onEvent: (event) => logger.log({ time: new Date().toISOString(), ...event, sinceStartMs: Math.round(performance.now()) }),
      });
  const renderer = overrides.renderer ?? threaded!;
  let storageFound: Awaited<ReturnType<typeof storageFor>>;
  let modules: Awaited<ReturnType<typeof serverModules>>;
  try {
    [storageFound, modules] = await Promise.all([storageFor(config), serverModules()]);
  } catch (error) {
    await threaded?.close();
    throw error;
  }
  const { storage, description } = storageFound;
  const [{ serve }, { createApp }, { createNodeAssets }, { createMemoryCache }, { NODE_RENDERER_INFO }, { createRenderLimiter }, { warmRenderer }, { loopbackRequest }] = modules;
  const limiter = createRenderLimiter({ concurrency: renderThreads, queue: config.RENDER_QUEUE, pixelBudget: config.RENDER_PIXEL_BUDGET_MP * 1_000_000 });
  let warm = false;
  let warmUpError: string | null = null;
  const app = createApp({
    storage,
    renderer,
    rendererInfo: overrides.rendererInfo ?? NODE_RENDERER_INFO,
    cache: createMemoryCache(config.CACHE_MAX_MB * 1024 * 1024),
    renderLimiter: limiter,
    manifestTtlSeconds: config.MANIFEST_TTL_SECONDS,
    publicOrigin: config.PUBLIC_ORIGIN,
    revalidateInBackground: true,
    clock,
    logger,
    readiness: () => {
      const threads = threaded?.status();
      return {
        ready: warm && (threads === undefined || threads.ready > 0),
        detail: {
          warm,
          ...(warmUpError ? { warmUpError } : {}),
          ...(threads ? { renderThreads: threads } : {}),
          renders: { running: limiter.running, waiting: limiter.waiting, pixelsInFlight: limiter.pixelsInFlight },
        },
      };
    },
    assets: createNodeAssets(),
  });
  const hostname = overrides.hostname ?? config.HOST;
  const server = await new Promise<ServerType>((resolveServer) => {
    const started = serve({ fetch: app.fetch, port: config.PORT ?? DEFAULT_PORT, hostname }, () => resolveServer(started));
  });
  const { port } = server.address() as AddressInfo;
  const localUrl = `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${port}`;
  logger.log({ time: new Date().toISOString(), event: 'listening', url: `http://${hostname}:${port}/`, storage: description, sinceStartMs: Math.round(performance.now()) });

  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  const ready = new Promise<void>((resolveReady) => {
    const attempt = (pauseMs: number) => {
      warmRenderer(storage, renderer, renderThreads, clock, { request: loopbackRequest(localUrl, (path) => app.request(path)) }).then(
        () => {
          warm = true;
          warmUpError = null;
          logger.log({ time: new Date().toISOString(), event: 'ready', sinceStartMs: Math.round(performance.now()) });
          resolveReady();
        },
        (error: Error) => {
          if (closed) return;
          warmUpError = `${error.name}: ${error.message}`;
          logger.log({ time: new Date().toISOString(), event: 'warm-up-failed', error: warmUpError, retryInMs: pauseMs });
          retryTimer = setTimeout(() => attempt(Math.min(WARM_UP_RETRY_MS.max, pauseMs * 2)), pauseMs);
          retryTimer.unref();
        },
      );
    };
    attempt(WARM_UP_RETRY_MS.first);
  });
  return {
    url: localUrl,
    server,
    ready,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        // Idle keep-alive connections would otherwise hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await threaded?.close();
    },
  };
}

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const service = await startNodeService(process.env);
  const stop = () => void service.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
