/**
 * A document whose data version is not the manifest's belongs to another publication: serving it
 * would mix two versions under one ETag. Each such document is refused with 502, naming it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, appFixture } from '../helpers/app-fixture.js';

const scratch = await mkdtemp(join(tmpdir(), 'app-versions-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The sample with one document claiming another data version. */
async function withForeignDocument(name: string, document: string): Promise<string> {
  const root = join(scratch, name);
  await cp(SAMPLE_DIR, root, { recursive: true });
  const path = join(root, document);
  const json = JSON.parse(await readFile(path, 'utf8'));
  json.dataVersion = '0123456789abcdef';
  await writeFile(path, JSON.stringify(json));
  return root;
}

describe('documents of another data version than the manifest', () => {
  it('are refused with 502 naming the département document, on every route that reads it', async () => {
    const { get, logger, counting } = appFixture({ root: await withForeignDocument('departement', 'departement/55.json') });
    for (const path of ['/donnees/55.json', '/donnees/55.csv', '/fiche/55.pdf', '/fiche/55/pays.svg']) {
      const response = await get(path);
      expect(response.status, path).toBe(502);
      expect(await response.text(), path).toContain('departement/55.json');
      expect(logger.records.at(-1), path).toMatchObject({ status: 502, error: expect.stringContaining('departement/55.json has data version 0123456789abcdef, the manifest') });
    }
    expect(counting.calls).toHaveLength(0);
    // The other départements, of the manifest's version, are served.
    expect((await get('/fiche/54.pdf')).status).toBe(200);
  });

  it('are refused when it is the région or France a factsheet compares with', async () => {
    const region = appFixture({ root: await withForeignDocument('region', 'region/44.json') });
    const refused = await region.get('/fiche/55.pdf');
    expect(refused.status).toBe(502);
    expect(await refused.text()).toContain('region/44.json');
    // The département's own data does not need the région.
    expect((await region.get('/donnees/55.json')).status).toBe(200);
    expect((await region.get('/fiche/23.pdf')).status).toBe(200);

    const france = appFixture({ root: await withForeignDocument('france', 'france.json') });
    const response = await france.get('/fiche/23/export-france.svg');
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('france.json');
  });
});
