/**
 * A version on disk rebuilt while the app serves it (`data:build --out <DATA_DIR>`): the folder is
 * replaced under the app, which still holds the previous manifest. Real disk, the real writer.
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeVersionAtomically } from '../../src/prep/node/write-version.js';
import { SAMPLE_DIR, appFixture } from '../helpers/app-fixture.js';

const scratch = await mkdtemp(join(tmpdir(), 'disk-rebuild-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The sample's files with another data version, as a rebuild from other inputs would write them. */
async function sampleAs(dataVersion: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of (await readdir(SAMPLE_DIR, { recursive: true })).filter((name) => name.endsWith('.json'))) {
    const json = JSON.parse(await readFile(join(SAMPLE_DIR, file), 'utf8'));
    json.dataVersion = dataVersion;
    files.set(file, JSON.stringify(json));
  }
  return files;
}

describe('a version rebuilt on disk while it is served', () => {
  it('reads the new version as a whole instead of answering 502 for documents of the new version', async () => {
    const root = join(scratch, 'rebuilt');
    await cp(SAMPLE_DIR, join(root, '2024'), { recursive: true });
    const { get, logger } = appFixture({ root: join(root, '2024'), ttlSeconds: 60 });
    const before = await get('/fiche/55/pays.svg');
    expect(before.status).toBe(200);

    await writeVersionAtomically(root, '2024', await sampleAs('c0ffee00c0ffee00'));
    // Well within the manifest's TTL: the app still holds the previous manifest.
    for (const path of ['/fiche/56/pays.svg', '/donnees/57.json', '/fiche/58.pdf']) {
      const response = await get(path);
      expect(response.status, `${path}: ${JSON.stringify(logger.records.at(-1))}`).toBe(200);
      expect(response.headers.get('etag')).toContain('c0ffee00c0ffee00');
    }
    const health = (await (await get('/healthz')).json()) as { dataVersion: string };
    expect(health.dataVersion).toBe('c0ffee00c0ffee00');
  });

  it('never answers 502 while the folder is rebuilt again and again under concurrent requests', async () => {
    const root = join(scratch, 'churn');
    await cp(SAMPLE_DIR, join(root, '2024'), { recursive: true });
    const { get } = appFixture({ root: join(root, '2024'), ttlSeconds: 60 });
    expect((await get('/healthz')).status).toBe(200);
    const versions = await Promise.all(['a1a1a1a1', 'b2b2b2b2', 'c3c3c3c3', 'd4d4d4d4'].map(sampleAs));
    const manifest = JSON.parse(await readFile(join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as { geographies: { level: string; code: string }[] };
    const codes = manifest.geographies.filter((geo) => geo.level === 'departement').map((geo) => geo.code);
    const slugs = ['pays', 'activites', 'export', 'import', 'export-region', 'import-region', 'export-france', 'import-france'];
    const statuses: number[] = [];
    // Each batch asks objects never asked before, so that every request reads documents.
    let batch = 0;
    const requests = () => {
      const slug = slugs[batch % slugs.length];
      const chosen = codes.slice((batch * 12) % codes.length).slice(0, 12);
      batch += 1;
      return Promise.all(chosen.map((code) => Promise.resolve(get(`/fiche/${code}/${slug}.svg`)).then((response) => response.status)));
    };
    for (const files of versions) {
      const [during] = await Promise.all([requests(), writeVersionAtomically(root, '2024', files)]);
      statuses.push(...during, ...(await requests()));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });
});
