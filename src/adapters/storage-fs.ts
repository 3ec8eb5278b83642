/**
 * Storage on the local disk: the default when nothing is configured, rooted at one version folder
 * (data/indicators/<year>) or at a folder laid out like a bucket (with current.json).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { StorageUnavailableError } from '../app/errors.js';
import type { Storage } from '../app/ports-app.js';

export function createFsStorage(root: string): Storage {
  const base = resolve(root);
  const read = async (key: string): Promise<Buffer | null> => {
    // Keys come from validated manifests, but the adapter still refuses to leave its root.
    const path = resolve(base, key);
    if (key.includes('\0') || !path.startsWith(base + sep)) throw new StorageUnavailableError(`key ${JSON.stringify(key)} leaves the storage root`);
    try {
      return await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw new StorageUnavailableError(`cannot read ${path}: ${code ?? (error as Error).message}`, { cause: error });
    }
  };
  return {
    getText: async (key) => (await read(key))?.toString('utf8') ?? null,
    getBytes: async (key) => {
      const bytes = await read(key);
      return bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

/** The latest year folder under data/indicators/ that holds a manifest: what `npm start` serves. */
export async function latestVersionDir(indicatorsDir: string): Promise<string> {
  const years = (await readdir(indicatorsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && /^[0-9]{4}$/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .reverse();
  for (const year of years) {
    const dir = join(indicatorsDir, year);
    if ((await readdir(dir)).includes('manifest.json')) return dir;
  }
  throw new Error(`no built version under ${indicatorsDir}: run npm run data:build`);
}
