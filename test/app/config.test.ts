import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/app/config.js';

describe('settings from the environment', () => {
  it('has defaults for everything, so that npm start needs no configuration', () => {
    expect(readConfig({})).toMatchObject({ MANIFEST_TTL_SECONDS: 60, CACHE_MAX_MB: 64, RENDER_QUEUE: 64, S3_PREFIX: 'indicators' });
    expect(readConfig({}).RENDER_CONCURRENCY).toBeUndefined();
  });

  it('reads numbers and ignores unrelated or empty variables', () => {
    const config = readConfig({ PORT: '9000', MANIFEST_TTL_SECONDS: '5', S3_BUCKET: 'fiches', S3_ENDPOINT: 'http://127.0.0.1:9000', HOME: '/root', CACHE_MAX_MB: '' });
    expect(config).toMatchObject({ PORT: 9000, MANIFEST_TTL_SECONDS: 5, S3_BUCKET: 'fiches', CACHE_MAX_MB: 64 });
  });

  it('refuses malformed values, naming them', () => {
    expect(() => readConfig({ MANIFEST_TTL_SECONDS: '-1' })).toThrow(/MANIFEST_TTL_SECONDS/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => readConfig({ S3_ENDPOINT: 'localhost:9000' })).toThrow(/S3_ENDPOINT/);
    expect(() => readConfig({ RENDER_CONCURRENCY: '0' })).toThrow(/RENDER_CONCURRENCY/);
    // A render thread cannot even load the renderer in 16 MiB: refused at start, not respawned forever.
    expect(() => readConfig({ RENDER_HEAP_MB: '16' })).toThrow(/RENDER_HEAP_MB: at least 64/);
    expect(readConfig({ RENDER_HEAP_MB: '64' }).RENDER_HEAP_MB).toBe(64);
    expect(() => readConfig({ RENDER_PIXEL_BUDGET_MP: '0' })).toThrow(/RENDER_PIXEL_BUDGET_MP/);
    expect(() => readConfig({ RENDER_YOUNG_GENERATION_MB: '2' })).toThrow(/RENDER_YOUNG_GENERATION_MB: at least 3/);
    expect(() => readConfig({ RENDER_YOUNG_GENERATION_MB: '64k' })).toThrow(/RENDER_YOUNG_GENERATION_MB/);
    expect(readConfig({ RENDER_YOUNG_GENERATION_MB: '96' }).RENDER_YOUNG_GENERATION_MB).toBe(96);
    // Unset: V8's own size for a thread.
    expect(readConfig({}).RENDER_YOUNG_GENERATION_MB).toBeUndefined();
  });

  it('takes the public origin readers use, and refuses one with a path', () => {
    expect(readConfig({ PUBLIC_ORIGIN: 'https://fiches.example.fr/' }).PUBLIC_ORIGIN).toBe('https://fiches.example.fr');
    expect(readConfig({ PUBLIC_ORIGIN: 'http://fiches.example.fr:8080' }).PUBLIC_ORIGIN).toBe('http://fiches.example.fr:8080');
    expect(readConfig({}).PUBLIC_ORIGIN).toBeUndefined();
    expect(() => readConfig({ PUBLIC_ORIGIN: 'https://fiches.example.fr/fiche' })).toThrow(/PUBLIC_ORIGIN: expected only a scheme and a host/);
    expect(() => readConfig({ PUBLIC_ORIGIN: 'fiches.example.fr' })).toThrow(/PUBLIC_ORIGIN: "fiches.example.fr" is not a URL/);
    expect(() => readConfig({ PUBLIC_ORIGIN: 'ftp://fiches.example.fr' })).toThrow(/PUBLIC_ORIGIN/);
  });
});
