/**
 * The Node service over a real S3-compatible server (s3rver on loopback): data published with
 * data:publish's code, served, replaced by a new publication, then the server stopped mid-test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeService, type NodeService } from '../../src/entry-node.js';
import { publishVersion } from '../../src/publish/publish.js';
import { manualClock } from '../helpers/manual-clock.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { writeVersion } from '../helpers/version-copy.js';
import type { RunningS3 } from '../publish/s3rver-server.js';
import { eventually } from '../app/eventually.js';
import { PREFIX, serviceSettings, startPublishedS3 } from './published-s3.js';

let s3: RunningS3;
let client: S3Client;
let service: NodeService;
let scratch: string;
const clock = manualClock();
const logger = memoryLogger();
const TTL = 30;

beforeAll(async () => {
  ({ s3, client } = await startPublishedS3());
  scratch = await mkdtemp(join(tmpdir(), 'service-s3-'));
  service = await startNodeService(serviceSettings(s3, TTL), { clock, logger });
});

afterAll(async () => {
  await service?.close();
  client?.destroy();
  await s3?.stop().catch(() => undefined);
  await rm(scratch, { recursive: true, force: true });
});

const get = (path: string) => fetch(service.url + path);
const meuseExports = async () => ((await (await get('/donnees/55.json')).json()) as { totals: { exports: number } }).totals.exports;

describe('the Node service on S3-compatible storage', () => {
  it('serves what data:publish uploaded, then a new publication after the TTL, without a purge', async () => {
    const health = (await (await get('/healthz')).json()) as { dataVersion: string };
    const first = await get('/fiche/55/pays.svg');
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toContain(health.dataVersion);
    const original = await meuseExports();

    const versionB = join(scratch, 'b');
    await writeVersion(versionB, 'b2b2b2b2', original + 1_000_000);
    await publishVersion({ client, bucket: s3.bucket, prefix: PREFIX, versionDir: join(versionB, '2024/b2b2b2b2') });
    expect(await meuseExports()).toBe(original);
    clock.advanceSeconds(TTL + 1);
    // Answered at once from the version in hand; the manifest is re-read meanwhile.
    expect(await meuseExports()).toBe(original);
    await eventually(async () => (await meuseExports()) === original + 1_000_000, 'the new publication served');
    const renewed = await get('/fiche/55/pays.svg');
    expect(renewed.headers.get('etag')).toContain('b2b2b2b2');
  });

  it('answers 503 with Retry-After once storage stops, and serves stale what it rendered before', async () => {
    const rendered = await get('/fiche/55/activites.svg');
    expect(rendered.status).toBe(200);
    const body = await rendered.text();
    await s3.stop();
    clock.advanceSeconds(TTL + 1);
    await get('/healthz');
    await eventually(async () => ((await (await get('/healthz')).json()) as { storage: string }).storage === 'unreachable', 'the failed re-read');

    const stale = await get('/fiche/55/activites.svg');
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(body);
    expect(stale.headers.get('warning')).toMatch(/Stale/);
    const unavailable = await get('/fiche/88/activites.svg');
    expect(unavailable.status).toBe(503);
    expect(Number(unavailable.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await unavailable.text()).toMatch(/indisponibles/);
    const logged = logger.records.find((record) => record.path === '/fiche/88/activites.svg');
    expect(logged).toMatchObject({ status: 503, error: expect.stringContaining('s3://fiches/indicateurs/') });
  });
});
