/** The data source on its own: when it reads the manifest again, and what it says about bad documents. */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFsStorage } from '../../src/adapters/storage-fs.js';
import { DataSource } from '../../src/app/data-source.js';
import { InvalidDocumentError } from '../../src/app/errors.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';
import { manualClock } from '../helpers/manual-clock.js';
import { until } from '../helpers/until.js';
import { pointTo, writeVersion } from '../helpers/version-copy.js';

const scratch = await mkdtemp(join(tmpdir(), 'data-source-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the data source', () => {
  it('keeps a manifest exactly its TTL, then reads the pointer again', async () => {
    const root = join(scratch, 'ttl');
    await pointTo(root, await writeVersion(root, 'aaaa1111'));
    const clock = manualClock();
    // As on Node: the re-read runs behind the answers.
    const data = new DataSource(createFsStorage(root), clock, 60, undefined, true);
    expect((await data.current()).manifest.dataVersion).toBe('aaaa1111');
    await pointTo(root, await writeVersion(root, 'bbbb2222'));
    clock.advanceSeconds(59.999);
    expect((await data.current()).manifest.dataVersion).toBe('aaaa1111');
    clock.advanceSeconds(0.001);
    // At the TTL the request in hand is answered at once from the version read, and starts the re-read.
    expect((await data.current()).manifest.dataVersion).toBe('aaaa1111');
    await until(() => data.lastGood()?.manifest.dataVersion === 'bbbb2222', 'the re-read');
    const next = await data.current();
    expect(next.manifest.dataVersion).toBe('bbbb2222');
    expect(next.base).toBe('2024/bbbb2222/');
    expect(data.lastGood()).toBe(next);
  });

  it('on Workers, makes the request that finds the TTL over wait for the new pointer', async () => {
    const root = join(scratch, 'ttl-in-request');
    await pointTo(root, await writeVersion(root, 'cccc3333'));
    const clock = manualClock();
    const data = new DataSource(createFsStorage(root), clock, 60);
    expect((await data.current()).manifest.dataVersion).toBe('cccc3333');
    await pointTo(root, await writeVersion(root, 'dddd4444'));
    clock.advanceSeconds(59.999);
    expect((await data.current()).manifest.dataVersion).toBe('cccc3333');
    clock.advanceSeconds(0.001);
    expect((await data.current()).manifest.dataVersion).toBe('dddd4444');
  });

  it('names a listed document that is missing or not JSON, and reads it again once it is repaired', async () => {
    const root = join(scratch, 'documents');
    await cp(SAMPLE_DIR, root, { recursive: true });
    const data = new DataSource(createFsStorage(root), manualClock(), 60);
    const snapshot = await data.current();
    expect(snapshot.base).toBe('');
    await rm(join(root, 'departement/55.json'));
    await expect(data.document(snapshot, 'departement/55.json')).rejects.toEqual(new InvalidDocumentError('departement/55.json', 'departement/55.json is listed but missing'));
    await writeFile(join(root, 'departement/55.json'), '{"schemaVersion": 1,');
    const notJson = (await data.document(snapshot, 'departement/55.json').then(
      () => null,
      (error: unknown) => error,
    )) as InvalidDocumentError;
    expect(notJson).toBeInstanceOf(InvalidDocumentError);
    expect(notJson.document).toBe('departement/55.json');
    expect(notJson.message).toMatch(/^departement\/55\.json is not JSON: ./);
    await cp(join(SAMPLE_DIR, 'departement/55.json'), join(root, 'departement/55.json'));
    expect((await data.document(snapshot, 'departement/55.json')).name).toBe('Meuse');
  });

  it('finds départements only, by code', async () => {
    const data = new DataSource(createFsStorage(SAMPLE_DIR), manualClock(), 60);
    const snapshot = await data.current();
    expect(data.geography(snapshot, '55')?.name).toBe('Meuse');
    // The overseas région and France are in the manifest, but are not factsheets.
    expect(snapshot.manifest.geographies.some((geo) => geo.code === 'DOM')).toBe(true);
    expect(data.geography(snapshot, 'DOM')).toBeUndefined();
    expect(data.geography(snapshot, 'FR')).toBeUndefined();
  });
});
