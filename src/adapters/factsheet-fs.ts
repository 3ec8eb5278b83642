/**
 * Reads one département's factsheet input from a built version folder on disk, validating every
 * document; used by the command-line renderer, the benchmark and the tests.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FactsheetInput } from '../core/factsheet';
import { IndicatorDocument, Manifest } from '../core/schema';

export async function loadFactsheetFromDisk(versionDir: string, code: string): Promise<FactsheetInput> {
  const read = async (path: string): Promise<unknown> => JSON.parse(await readFile(join(versionDir, path), 'utf8'));
  const manifest = Manifest.parse(await read('manifest.json'));
  const geography = manifest.geographies.find((entry) => entry.level === 'departement' && entry.code === code);
  if (!geography) throw new Error(`no département ${code} in ${versionDir}/manifest.json`);
  const departement = IndicatorDocument.parse(await read(geography.document));
  if (!departement.region) throw new Error(`département ${code} has no région to compare with`);
  const region = IndicatorDocument.parse(await read(`region/${departement.region.code}.json`));
  const france = IndicatorDocument.parse(await read('france.json'));
  return { departement, region, france, manifest };
}
