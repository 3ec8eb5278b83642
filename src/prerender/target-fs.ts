/**
 * Prerendered objects in a folder on disk. Each object is written to a `.partial` file beside its
 * place and renamed: a run stopped at any moment leaves whole objects only, and the next run writes
 * over its leftover `.partial` files.
 */
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { PrerenderTarget } from './target.js';

const PARTIAL = '.partial';

export function createFsTarget(root: string): PrerenderTarget {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    if (key.includes('\0') || !path.startsWith(base + sep)) throw new RangeError(`key ${JSON.stringify(key)} leaves ${base}`);
    return path;
  };
  return {
    description: base,
    async existing(folder) {
      const directory = pathOf(folder);
      const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      return new Set(
        entries
          .filter((entry) => entry.isFile() && !entry.name.endsWith(PARTIAL))
          .map((entry) => relative(base, join(entry.parentPath, entry.name)).split(sep).join('/')),
      );
    },
    async write(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path + PARTIAL, body);
      await rename(path + PARTIAL, path);
    },
  };
}
