/**
 * Copies of the sample version for tests that change data: a bucket-like folder with current.json
 * and versions whose documents carry another data version, as a new publication would.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SAMPLE_DIR } from './app-fixture.js';

/** Copies the sample into `<root>/<year>/<dataVersion>/`, rewriting the data version and Meuse's exports. */
export async function writeVersion(root: string, dataVersion: string, meuseExports?: number): Promise<string> {
  const versionPath = `2024/${dataVersion}`;
  const target = join(root, versionPath);
  await mkdir(target, { recursive: true });
  await cp(SAMPLE_DIR, target, { recursive: true });
  const files = (await readdir(target, { recursive: true })).filter((file) => file.endsWith('.json'));
  for (const file of files) {
    const json = JSON.parse(await readFile(join(target, file), 'utf8'));
    json.dataVersion = dataVersion;
    if (file === join('departement', '55.json') && meuseExports !== undefined) {
      json.totals.exports = meuseExports;
      json.totals.balance = meuseExports - json.totals.imports;
      // The schema holds the drawn flow to the same total.
      json.flows.exports.total = meuseExports;
    }
    await writeFile(join(target, file), JSON.stringify(json));
  }
  return versionPath;
}

export async function pointTo(root: string, versionPath: string): Promise<void> {
  const dataVersion = versionPath.split('/')[1];
  await writeFile(join(root, 'current.json'), JSON.stringify({ schemaVersion: 1, year: 2024, dataVersion, versionPath, publishedAt: '2025-03-01T10:00:00.000Z' }));
}
