/** The Node adapters the app relies on: the byte-bounded memory cache and the disk storage's bounds. */
import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/adapters/cache-memory.js';
import { createFsStorage } from '../../src/adapters/storage-fs.js';
import { StorageUnavailableError } from '../../src/app/errors.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';

const entry = (bytes: number, etag = '"e"') => ({ body: new Uint8Array(bytes), contentType: 'image/png', etag });

describe('memory cache', () => {
  it('evicts the least recently used entries once the bytes exceed the bound', async () => {
    const cache = createMemoryCache(10_000);
    await cache.put('a', entry(2000));
    await cache.put('b', entry(2000));
    await cache.put('c', entry(2000));
    await cache.get('a');
    await cache.put('d', entry(2000));
    await cache.put('e', entry(2000));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('a')).not.toBeNull();
    expect(await cache.get('e')).not.toBeNull();
  });

  it('does not let one object take more than a quarter of it, and counts a replaced entry once', async () => {
    const cache = createMemoryCache(10_000);
    await cache.put('big', entry(3000));
    expect(await cache.get('big')).toBeNull();
    await cache.put('x', entry(1000));
    await cache.put('x', entry(1500));
    expect(cache.entries).toBe(1);
    expect(cache.bytes).toBe(1500 + 3 + 'image/png'.length);
  });
});

describe('disk storage', () => {
  const storage = createFsStorage(SAMPLE_DIR);

  it('reads keys below its root and answers null for missing ones', async () => {
    expect(JSON.parse((await storage.getText('departement/55.json'))!).name).toBe('Meuse');
    expect(await storage.getText('departement/00.json')).toBeNull();
    expect(await storage.getText('current.json')).toBeNull();
  });

  it('refuses keys that leave its root', async () => {
    for (const key of ['../manifest.json', '..', '../../package.json', '/etc/passwd', 'departement/../../../package.json']) {
      await expect(storage.getText(key), key).rejects.toBeInstanceOf(StorageUnavailableError);
    }
  });
});
