/**
 * Runs a CommonJS bundle with a V8 code cache: the bytecode of its functions, saved by a process
 * that already ran them, so that a new thread deserialises them instead of compiling each one the
 * first time it is called. The cache file starts with the SHA-256 of the bundle it was made from and
 * the SHA-256 of V8's data: V8 itself checks only the source's length and, in a release build, no
 * checksum of its data, so a cache from another bundle or a damaged file would run wrong code.
 * A missing, unreadable, foreign, damaged or rejected cache (another V8 version, other V8 flags) only
 * costs the compile time: the bundle is then compiled from its source as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

const HASH_BYTES = 32;
const HEADER_BYTES = 2 * HASH_BYTES;

/** What became of the cache: `used`, or why the bundle was compiled from its source. */
export type CodeCacheStatus = 'used' | 'missing' | 'unreadable' | 'foreign' | 'damaged' | 'rejected';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** A thread's first message when it starts from a cached bundle. */
export interface CodeCacheReport {
  codeCache: CodeCacheStatus;
}

/** Sent by the build to a thread on its `codeCachePort` once its renders are done; answered when written. */
export const WRITE_CODE_CACHE = 'write-code-cache';

export interface CachedBundle {
  status: CodeCacheStatus;
  exports: unknown;
  /** Saves the bytecode compiled so far (call it after running the code worth caching). */
  writeCache(): void;
}

export function codeCachePath(bundlePath: string): string {
  return `${bundlePath}.code-cache`;
}

function readCache(path: string): Buffer | 'missing' | 'unreadable' {
  try {
    return readFileSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
}

/** Loads and runs `bundlePath` (CommonJS) as Node would, with its code cache when it fits. */
export function runCachedBundle(bundlePath: string): CachedBundle {
  const sourceBytes = readFileSync(bundlePath);
  const source = sourceBytes.toString('utf8');
  const sourceHash = sha256(sourceBytes);
  const cache = readCache(codeCachePath(bundlePath));
  const v8Data = typeof cache === 'string' ? undefined : cache.subarray(HEADER_BYTES);
  const checked: CodeCacheStatus | null =
    typeof cache === 'string' ? cache
    : cache.length <= HEADER_BYTES || !sourceHash.equals(cache.subarray(0, HASH_BYTES)) ? 'foreign'
    : !sha256(v8Data!).equals(cache.subarray(HASH_BYTES, HEADER_BYTES)) ? 'damaged'
    : null;
  // The same wrapper as Node's CommonJS loader, so that the bundle sees the usual free variables.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData: checked === null ? v8Data : undefined,
  });
  const status: CodeCacheStatus = checked ?? (script.cachedDataRejected ? 'rejected' : 'used');
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return {
    status,
    exports: module.exports,
    writeCache() {
      // Written aside then renamed: a thread starting meanwhile reads the old file or the new one, never half of one.
      const cachePath = codeCachePath(bundlePath);
      const partial = `${cachePath}.${process.pid}.partial`;
      const data = script.createCachedData();
      writeFileSync(partial, Buffer.concat([sourceHash, sha256(data), data]));
      renameSync(partial, cachePath);
    },
  };
}
