import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurrentPointer, IndicatorDocument, Manifest } from '../../src/core/schema.js';
import { runBuild } from '../../src/prep/node/build-run.js';
import { createS3Client } from '../../src/publish/s3-client.js';
import { objectKey, publishVersion } from '../../src/publish/publish.js';
import { startS3, type RunningS3 } from './s3rver-server.js';

const fixtures = fileURLToPath(new URL('../fixtures/raw/', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));

let s3: RunningS3;
let client: S3Client;
let scratch: string;
let versionA: string;
let versionB: string;

/** Two small versions built from the fixtures: B differs from A by one line of data. */
beforeAll(async () => {
  s3 = await startS3();
  client = createS3Client({ endpoint: s3.endpoint, ...s3.credentials });
  scratch = await mkdtemp(join(tmpdir(), 'publish-'));
  const build = (outRoot: string, exportPath: string) =>
    runBuild({
      exportPath,
      importPath: join(fixtures, 'extracted/Region_2024_Import.txt'),
      labelsDir: join(fixtures, 'labels'),
      geographyTable: join(repo, 'data/raw/insee/departements_101_with_dgddi_codes.csv'),
      territoiresPath: null,
      shortLabelsPath: null,
      outRoot,
      sample: true,
      tolerance: 0,
      generatedAt: '2025-02-14T09:30:00.000Z',
    });
  versionA = (await build(join(scratch, 'a'), join(fixtures, 'extracted/Region_2024_Export.txt'))).outDir!;
  await cp(join(fixtures, 'extracted/Region_2024_Export.txt'), join(scratch, 'Region_2024_Export.txt'));
  await writeFile(join(scratch, 'Region_2024_Export.txt'), 'E;1;2024;08;13;C10E;1051;DE;12345;1\r\n', { flag: 'a' });
  versionB = (await build(join(scratch, 'b'), join(scratch, 'Region_2024_Export.txt'))).outDir!;
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function getText(key: string): Promise<string> {
  const response = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return response.Body!.transformToString();
}

async function readCurrent(prefix: string) {
  const pointer = CurrentPointer.parse(JSON.parse(await getText(objectKey(prefix, 'current.json'))));
  const manifest = Manifest.parse(JSON.parse(await getText(objectKey(prefix, pointer.versionPath, 'manifest.json'))));
  return { pointer, manifest };
}

describe('publishVersion against a real S3-compatible server', () => {
  it('uploads every file under the versioned prefix, then the pointer, and reads back the same bytes', async () => {
    const pointer = await publishVersion({ client, bucket: s3.bucket, prefix: 'indicators', versionDir: versionA, now: () => new Date('2025-03-01T10:00:00Z') });
    const manifest = Manifest.parse(JSON.parse(await readFile(join(versionA, 'manifest.json'), 'utf8')));
    expect(pointer).toEqual({
      schemaVersion: 1,
      year: 2024,
      dataVersion: manifest.dataVersion,
      versionPath: `2024/${manifest.dataVersion}`,
      publishedAt: '2025-03-01T10:00:00.000Z',
    });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `indicators/2024/${manifest.dataVersion}/`, MaxKeys: 1000 }));
    expect(listed.KeyCount).toBe(116);
    // The body is stored as sent (no checksum framing): byte-identical to the local file.
    expect(await getText(`indicators/2024/${manifest.dataVersion}/departement/55.json`)).toBe(await readFile(join(versionA, 'departement/55.json'), 'utf8'));
    const meuse = IndicatorDocument.parse(JSON.parse(await getText(`indicators/2024/${manifest.dataVersion}/departement/55.json`)));
    expect(meuse.totals.exports).toBe(2060);
    expect((await readCurrent('indicators')).manifest.dataVersion).toBe(manifest.dataVersion);
    const head = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'indicators/current.json' }));
    expect(head.CacheControl).toBe('no-cache');
    expect(head.ContentType).toMatch(/application\/json/);
  });

  it('leaves the previous version served when a publication is interrupted', async () => {
    await publishVersion({ client, bucket: s3.bucket, prefix: 'interrupted', versionDir: versionA });
    const before = await readCurrent('interrupted');

    const controller = new AbortController();
    let uploads = 0;
    const attempt = publishVersion({
      client,
      bucket: s3.bucket,
      prefix: 'interrupted',
      versionDir: versionB,
      signal: controller.signal,
      onUploaded: () => {
        uploads += 1;
        if (uploads === 20) controller.abort(new Error('operator interrupted the upload'));
      },
    });
    await expect(attempt).rejects.toThrow();
    expect(uploads).toBeGreaterThanOrEqual(20);
    expect(uploads).toBeLessThan(116);

    const after = await readCurrent('interrupted');
    expect(after.pointer).toEqual(before.pointer);
    const served = IndicatorDocument.parse(JSON.parse(await getText(objectKey('interrupted', after.pointer.versionPath, 'departement/08.json'))));
    expect(served.totals.exports).toBe(0);

    // Publishing B again completes and moves the pointer.
    const pointer = await publishVersion({ client, bucket: s3.bucket, prefix: 'interrupted', versionDir: versionB });
    expect(pointer.dataVersion).not.toBe(before.pointer.dataVersion);
    const moved = IndicatorDocument.parse(JSON.parse(await getText(objectKey('interrupted', pointer.versionPath, 'departement/08.json'))));
    expect(moved.totals.exports).toBe(12345);
  });

  it('refuses a folder whose documents do not belong to its manifest', async () => {
    const mixed = join(scratch, 'mixed');
    await cp(versionA, mixed, { recursive: true });
    await cp(join(versionB, 'departement/08.json'), join(mixed, 'departement/08.json'));
    await expect(publishVersion({ client, bucket: s3.bucket, prefix: 'mixed', versionDir: mixed })).rejects.toThrow(/not a valid document of version/);
    await expect(client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'mixed/current.json' }))).rejects.toThrow();
  });
});
