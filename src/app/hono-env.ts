/** Per-request values the middleware sets and the handlers and logger read. */
export type CacheStatus = 'hit' | 'miss' | 'stale' | 'revalidated' | 'prerendered';

export interface AppEnv {
  Variables: {
    requestId: string;
    cacheStatus: CacheStatus | undefined;
    /** Why the request failed, for the log line only. */
    error: string | undefined;
  };
}
