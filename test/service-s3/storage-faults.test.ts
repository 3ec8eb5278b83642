/**
 * The Node service over real S3-compatible storage (s3rver on loopback) when storage misbehaves
 * without being down: a corrupt or empty `current.json`, and a storage that accepts connections
 * and never answers (a TCP relay told to hang).
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeService, type NodeService } from '../../src/entry-node.js';
import { manualClock } from '../helpers/manual-clock.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { PLAIN_INFO, plainRenderer } from '../helpers/plain-renderer.js';
import type { RunningS3 } from '../publish/s3rver-server.js';
import { eventually } from '../app/eventually.js';
import { startHangingProxy, type HangingProxy } from './hanging-proxy.js';
import { PREFIX, serviceSettings, startPublishedS3 } from './published-s3.js';

let s3: RunningS3;
let proxy: HangingProxy;
let client: S3Client;
let service: NodeService;
let pointer: string;
const clock = manualClock();
const logger = memoryLogger();
const TTL = 30;

beforeAll(async () => {
  ({ s3, client, pointer } = await startPublishedS3());
  proxy = await startHangingProxy({ host: '127.0.0.1', port: Number(new URL(s3.endpoint).port) });
  service = await startNodeService(
    { ...serviceSettings(s3, TTL, proxy.endpoint), RENDER_CONCURRENCY: '1' },
    // One render slot, so that a render waiting on storage would hold up every other one.
    { clock, logger, renderer: plainRenderer(), rendererInfo: PLAIN_INFO },
  );
});

afterAll(async () => {
  await service?.close();
  await proxy?.close();
  client?.destroy();
  await s3?.stop().catch(() => undefined);
});

const get = (path: string) => fetch(service.url + path);
const health = async () => (await (await get('/healthz')).json()) as { storage: string; dataVersion?: string; storageError?: string };
const faultsLogged = () => logger.records.filter((record) => record.event === 'storage-fault').length;
const putPointer = (body: string) => client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${PREFIX}/current.json`, Body: body }));

describe('the Node service when storage misbehaves', () => {
  it('serves the last good version stale, with Warning, while current.json is empty or corrupt, and reports it', async () => {
    const cached = await get('/fiche/55/pays.svg');
    expect(cached.status).toBe(200);
    const { dataVersion } = await health();

    for (const broken of ['', '{"schemaVersion": 1, "versionPath": "../../etc"', '{}']) {
      const reported = faultsLogged();
      await putPointer(broken);
      clock.advanceSeconds(TTL + 6);
      await get('/healthz');
      await eventually(async () => faultsLogged() > reported, `current.json ${JSON.stringify(broken)} logged`);
      expect((await health()).storage).toBe('invalid');
      expect((await health()).dataVersion).toBe(dataVersion);

      for (const path of ['/fiche/55/pays.svg', '/', '/fiche/57/export.svg', '/donnees/54.json']) {
        const response = await get(path);
        expect(response.status, `${path} with current.json ${JSON.stringify(broken)}`).toBe(200);
        expect(response.headers.get('warning')).toMatch(/^110 /);
        expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=30');
      }
    }
    expect(logger.records.filter((record) => record.event === 'storage-fault').map((record) => record.error)).toEqual([
      expect.stringContaining('current.json is not JSON'),
      expect.stringContaining('current.json is not JSON'),
      expect.stringContaining('current.json fails the schema'),
    ]);

    // Backs off: within the next 5 s, no request reads current.json again.
    const faults = logger.records.length;
    for (let index = 0; index < 5; index += 1) await get('/fiche/55/pays.svg');
    expect(logger.records.slice(faults).filter((record) => record.event === 'storage-fault')).toEqual([]);

    await putPointer(pointer);
    clock.advanceSeconds(6);
    await get('/healthz');
    await eventually(async () => (await health()).storage === 'ok', 'recovery');
    const fresh = await get('/fiche/55/pays.svg');
    expect(fresh.headers.get('warning')).toBeNull();
    expect(logger.records.some((record) => record.event === 'storage-recovered')).toBe(true);
  });

  it('keeps answering while storage hangs: the manifest is re-read in the background, and renders do not wait on reads', async () => {
    // Documents of Meuse, its région and France are read and parsed; 56's are not.
    expect((await get('/fiche/55/pays.svg')).status).toBe(200);
    proxy.hang();
    const waitingOnStorage = get('/fiche/56/pays.svg');
    // Until its reads time out (5 s), 56 is pending: whatever answers before that did not wait on storage.
    let settled = false;
    void waitingOnStorage.finally(() => (settled = true));
    const stillHanging = () => !settled;
    await eventually(async () => proxy.held > 0, 'a document read held by the hung storage');
    // Uncached, but its documents are at hand: it renders in the one slot while 56 waits on storage.
    const rendered = await get('/fiche/55/import.svg');
    expect(rendered.status).toBe(200);
    expect(stillHanging()).toBe(true);

    // The TTL passes while storage hangs: requests are answered from the version in hand at once.
    clock.advanceSeconds(TTL + 6);
    const held = proxy.held;
    const cached = await get('/fiche/55/pays.svg');
    expect(cached.status).toBe(200);
    await eventually(async () => proxy.held > held, 'the manifest re-read held by the hung storage');
    for (const path of ['/fiche/55/pays.svg', '/', '/healthz', '/fiche/55/import.svg']) expect((await get(path)).status, path).toBe(200);
    expect(stillHanging()).toBe(true);

    // The reads time out: 56 gets its 503, the fault is reported, and cached answers go on (stale).
    const failed = await waitingOnStorage;
    expect(failed.status).toBe(503);
    await eventually(async () => (await health()).storage === 'unreachable', 'the hung storage reported');
    const stale = await get('/fiche/55/pays.svg');
    expect(stale.status).toBe(200);
    expect(stale.headers.get('warning')).toMatch(/^110 /);
    proxy.resume();
  });
});
