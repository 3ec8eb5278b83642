/** Methods other than GET/HEAD, ?w= where no width applies, lowercase Corse codes, log wording. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeService } from '../../src/entry-node.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { PLAIN_INFO, plainRenderer } from '../helpers/plain-renderer.js';
import { appFixture } from '../helpers/app-fixture.js';

const scratch = await mkdtemp(join(tmpdir(), 'app-methods-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('methods and parameters', () => {
  it('answers OPTIONS and TRACE with 405 and Allow, over real HTTP, on routes and elsewhere', async () => {
    const service = await startNodeService({ PORT: '0' }, { renderer: plainRenderer(), rendererInfo: PLAIN_INFO, logger: memoryLogger() });
    try {
      for (const method of ['OPTIONS', 'TRACE']) {
        for (const path of ['/fiche/55.pdf', '/', '/nulle-part']) {
          const { status, allow } = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
            request(service.url + path, { method }, (response) => {
              response.resume();
              response.on('end', () => resolve({ status: response.statusCode!, allow: response.headers.allow }));
            })
              .on('error', reject)
              .end();
          });
          expect(status, `${method} ${path}`).toBe(405);
          expect(allow).toBe('GET, HEAD');
        }
      }
    } finally {
      await service.close();
    }
  });

  it('refuses ?w= on a whole factsheet as it does on a PDF part', async () => {
    const { get } = appFixture();
    for (const path of ['/fiche/55.pdf?w=800', '/fiche/55/page-1.pdf?w=800']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toMatch(/ne s’applique qu’aux images PNG/);
    }
  });

  it('accepts lowercase 2a and 2b as the same objects as 2A and 2B', async () => {
    const { get } = appFixture();
    for (const [lower, upper] of [
      ['/fiche/2a.pdf', '/fiche/2A.pdf'],
      ['/fiche/2b/pays.svg', '/fiche/2B/pays.svg'],
      ['/donnees/2a.json', '/donnees/2A.json'],
    ] as const) {
      const [a, b] = await Promise.all([get(lower), get(upper)]);
      expect(a.status, lower).toBe(200);
      expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
      expect(a.headers.get('content-disposition')).toBe(b.headers.get('content-disposition'));
    }
  });

  it('says plainly in the log that no manifest was found', async () => {
    const { get, logger } = appFixture({ root: join(scratch, 'empty') });
    expect((await get('/donnees/55.json')).status).toBe(503);
    const error = String(logger.records.at(-1)?.error);
    expect(error).toContain('no manifest.json at the storage root');
    expect(error).not.toMatch(/rootmanifest/);
  });
});
