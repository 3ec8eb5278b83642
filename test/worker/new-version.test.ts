/**
 * After a publication on R2, the same URL serves the new figures once the manifest TTL has passed,
 * with no purge. workerd's clock cannot be driven from here, so the TTL is one second and the test
 * asks until the new version shows (a bounded number of times, never a timed assertion).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';
import { writeVersion } from '../helpers/version-copy.js';
import { startWorker } from '../helpers/workerd.js';

let worker: Awaited<ReturnType<typeof startWorker>>;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'worker-version-'));
  worker = await startWorker({ versionDir: SAMPLE_DIR, outDir: join(scratch, 'bundle'), ttlSeconds: 1 });
});

afterAll(async () => {
  await worker?.dispose();
  await rm(scratch, { recursive: true, force: true });
});

const meuse = async () => {
  const response = await worker.fetch('/donnees/55.json');
  return { etag: response.headers.get('etag')!, exports: ((await response.json()) as { totals: { exports: number } }).totals.exports };
};

describe('a new publication on R2', () => {
  it('is served at the same URL after the TTL, under a new ETag', async () => {
    const before = await meuse();
    expect(before.etag).toContain(worker.manifest.dataVersion);
    await writeVersion(scratch, 'c3c3c3c3', before.exports + 777);
    await worker.publish(join(scratch, '2024/c3c3c3c3'));

    let after = before;
    for (let check = 0; check < 200 && after.etag === before.etag; check += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await meuse();
    }
    expect(after.etag).toContain('c3c3c3c3');
    expect(after.exports).toBe(before.exports + 777);
  });
});
