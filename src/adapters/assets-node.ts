/** The HTML pages' static files on Node: DSFR from its npm package, the fonts from templates/fonts; read once, then kept. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DSFR_FILES, FONT_FILES, type AssetKind, type StaticAssets } from '../app/html-assets.js';

const FONTS_DIR = fileURLToPath(new URL('../../templates/fonts/', import.meta.url));

export function createNodeAssets(): StaticAssets {
  const dsfrDist = join(dirname(createRequire(import.meta.url).resolve('@gouvfr/dsfr/package.json')), 'dist');
  const read = new Map<string, Promise<Uint8Array>>();
  const load = (file: string) => {
    let bytes = read.get(file);
    if (!bytes) {
      bytes = readFile(file).then((buffer) => new Uint8Array(buffer));
      read.set(file, bytes);
    }
    return bytes;
  };
  return {
    async get(kind: AssetKind, path: string) {
      if (kind === 'dsfr') return DSFR_FILES.includes(path) ? load(join(dsfrDist, path)) : null;
      return (FONT_FILES as readonly string[]).includes(path) ? load(join(FONTS_DIR, path)) : null;
    },
  };
}
