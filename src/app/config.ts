/**
 * Settings from environment variables (Node's process.env, or a Worker's vars), validated once at
 * start so that a typo fails loudly instead of silently falling back.
 */
import { z } from 'zod';
import { parseWebOrigin } from './web-origin.js';

const positiveInt = (fallback: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'a positive whole number')
    .transform(Number)
    .optional()
    .transform((value) => value ?? fallback);

export const ServiceConfig = z.object({
  PORT: z.string().regex(/^[0-9]+$/).transform(Number).pipe(z.number().int().min(0).max(65535)).optional(),
  /** Node only: the interface to listen on (`0.0.0.0` for every one). */
  HOST: z.string().regex(/^[\w.:-]+$/, 'a host name or address').default('127.0.0.1'),
  /** Seconds between two reads of the manifest pointer: how soon a publication is seen. */
  MANIFEST_TTL_SECONDS: positiveInt(60),
  /** Node only: folder of built versions, served when no bucket is configured. */
  DATA_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.string().regex(/^https?:\/\/[^/\s]+/, 'an http(s) URL').optional(),
  S3_BUCKET: z.string().min(1).optional(),
  /** The same default as data:publish, so that the two agree when neither is told. */
  S3_PREFIX: z.string().regex(/^[\w./-]*$/, 'letters, digits, . _ - and /').default('indicators'),
  /** As data:publish reads them: S3_* first, then the AWS SDK's usual names. */
  S3_REGION: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Node only: bytes of rendered output kept in memory. */
  CACHE_MAX_MB: positiveInt(64),
  /** Node only: render threads (default: one per core but one, left to the main thread) and renders allowed to wait. */
  RENDER_CONCURRENCY: z.string().regex(/^[1-9][0-9]{0,2}$/, 'a positive whole number').transform(Number).optional(),
  RENDER_QUEUE: positiveInt(64),
  /** Workers: widest whole-page PNG (the renderer's own maximum bounds it too); see worker:memory. */
  PAGE_PNG_MAX_WIDTH: z.string().regex(/^[1-9][0-9]{0,4}$/, 'a positive whole number').transform(Number).optional(),
  /** Node only: V8 heap allowed to each render thread; below 64 MiB a thread cannot load the renderer and render a large page. */
  RENDER_HEAP_MB: positiveInt(192).pipe(z.number().min(64, 'at least 64 (MiB): a render thread needs that much to start and render a page')),
  /**
   * Node only: V8's young generation of each render thread, in MiB (three semi-spaces); V8 gives a
   * thread 48. A factsheet allocates tens of MiB of short-lived objects: 144 took ≈ 8 % off a PDF's
   * CPU for ≈ 50 MiB more resident memory per thread (A/B in one process). Left to V8 by default:
   * the 2400 px memory case varies too much between runs to show that its bound holds with more.
   */
  RENDER_YOUNG_GENERATION_MB: z.string().regex(/^[1-9][0-9]{0,3}$/, 'a positive whole number').transform(Number).pipe(z.number().min(3, 'at least 3 (MiB): three semi-spaces of 1 MiB')).optional(),
  /**
   * Node only: megapixels of PNG renders in flight across all render threads (resvg's pixels live
   * outside the threads' heaps). A whole page at 2400 px counts 8.2 MP.
   */
  RENDER_PIXEL_BUDGET_MP: positiveInt(16),
  /**
   * Where readers reach the service (`https://fiches.example.fr`), for the absolute addresses of the
   * web page's newsletter snippets. Behind a proxy the request's own address is the proxy's
   * (`http://127.0.0.1:8787`), which a reader's mail client cannot reach. Unset: the request's.
   */
  PUBLIC_ORIGIN: z
    .string()
    .transform((value, context) => {
      const parsed = parseWebOrigin(value);
      if ('origin' in parsed) return parsed.origin;
      context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
      return z.NEVER;
    })
    .optional(),
});
export type ServiceConfig = z.output<typeof ServiceConfig>;

export function readConfig(env: Record<string, unknown>): ServiceConfig {
  const picked = Object.fromEntries(Object.keys(ServiceConfig.shape).filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]));
  const parsed = ServiceConfig.safeParse(picked);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}
