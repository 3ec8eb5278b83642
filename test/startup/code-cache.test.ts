/**
 * The code cache loader on a small CommonJS bundle: its cache is used when it was made from the same
 * bundle, and every other cache (another bundle of the same length, a damaged file, a cache V8
 * refuses) is set aside and the bundle compiled from its source, with the right result.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCachePath, runCachedBundle } from '../../src/adapters/code-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (operator: '+' | '-') => `exports.combine = function (a, b) { return a ${operator} b; };\nexports.dirname = __dirname;\n`;
type Combiner = { combine(a: number, b: number): number; dirname: string };

/**
 * Each load is a new file: V8 keeps what an isolate compiled by source and file name, and a second
 * compile of the same file would be answered from there without looking at the cache.
 */
let files = 0;
function load(code: string, cache: Buffer | null) {
  const bundle = join(dir, `bundle-${files++}.cjs`);
  writeFileSync(bundle, code);
  if (cache) writeFileSync(codeCachePath(bundle), cache);
  const loaded = runCachedBundle(bundle);
  return { ...loaded, exports: loaded.exports as Combiner, bundle };
}

/** Runs the bundle once and saves its cache, as the build does. */
function cacheOfBundle(): Buffer {
  const first = load(source('+'), null);
  expect(first.status).toBe('missing');
  expect(first.exports.combine(2, 1)).toBe(3);
  first.writeCache();
  return readFileSync(codeCachePath(first.bundle));
}

describe('a bundle run with its code cache', () => {
  it('uses a cache made from the same bundle, with the usual CommonJS variables', () => {
    const loaded = load(source('+'), cacheOfBundle());
    expect(loaded.status).toBe('used');
    expect(loaded.exports.combine(2, 1)).toBe(3);
    expect(loaded.exports.dirname).toBe(dir);
  });

  it('sets aside a cache made from another bundle of the same length (V8 alone would run the old code)', () => {
    const loaded = load(source('-'), cacheOfBundle());
    expect(loaded.status).toBe('foreign');
    expect(loaded.exports.combine(2, 1)).toBe(1);
  });

  it('sets aside a damaged cache file instead of handing V8 damaged bytecode', () => {
    const cache = cacheOfBundle();
    cache[cache.length - 8] ^= 0xff;
    const loaded = load(source('+'), cache);
    expect(loaded.status).toBe('damaged');
    expect(loaded.exports.combine(2, 1)).toBe(3);
  });

  it('compiles from the source when V8 rejects the cache (made by another V8 version)', () => {
    const cache = cacheOfBundle();
    // V8's own header: magic number, then the hash of the V8 version that made it.
    const v8Data = cache.subarray(64);
    v8Data[4] ^= 0xff;
    createHash('sha256').update(v8Data).digest().copy(cache, 32);
    const loaded = load(source('+'), cache);
    expect(loaded.status).toBe('rejected');
    expect(loaded.exports.combine(2, 1)).toBe(3);
  });

  it('compiles from the source when the cache cannot be read', () => {
    const bundle = join(dir, 'unreadable.cjs');
    writeFileSync(bundle, source('+'));
    // A folder where the file should be: reading it fails with another error than "no such file".
    mkdirSync(codeCachePath(bundle));
    const loaded = runCachedBundle(bundle);
    expect(loaded.status).toBe('unreadable');
    expect((loaded.exports as Combiner).combine(2, 1)).toBe(3);
  });

  it('treats a truncated cache file as foreign', () => {
    expect(load(source('+'), cacheOfBundle().subarray(0, 40)).status).toBe('foreign');
  });
});
