/**
 * One département's factsheet input from a built version folder on disk, read and validated by the
 * service's own data source; used by the command-line renderer, the benchmark and the tests.
 */
import type { FactsheetInput } from '../core/factsheet';
import { DataSource } from '../app/data-source';
import { createFsStorage } from './storage-fs';

export async function loadFactsheetFromDisk(versionDir: string, code: string): Promise<FactsheetInput> {
  const source = new DataSource(createFsStorage(versionDir), { now: () => 0 }, 1);
  const snapshot = await source.current();
  const geography = source.geography(snapshot, code);
  if (!geography) throw new Error(`no département ${code} in ${versionDir}/manifest.json`);
  return source.factsheetInput(snapshot, geography);
}
