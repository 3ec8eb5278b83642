/**
 * Objects rendered ahead of time by `npm run render:all`, stored next to the documents of the data
 * version they were made from. The key names both the data version and the renderer version, so an
 * object made from other data or by another drawing is never found: the service renders it instead.
 *
 *   <version folder>/rendus/<dataVersion>/<rendererVersion>/<code>/<file>
 *
 * The data version is in the key even though a bucket's version folder already names it: on disk
 * the served folder (data/indicators/2024) is rebuilt in place by data:build.
 */
import type { DataSnapshot } from './data-source.js';
import type { Storage } from './ports-app.js';

export const PRERENDERED_FOLDER = 'rendus';

/** Parts and versions are built by the app and the CLI, never taken from a URL as is; still, nothing may leave its folder. */
const SAFE_PART = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const SAFE_FILE_PART = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * A part as a file name piece: letters, digits and `-` as they are, any other ASCII character as `_`
 * and its two hex digits (`_` itself included, so two parts never share a name). The HTML page's
 * origin is such a part: `http://localhost` → `http_3a_2f_2flocalhost`.
 */
function fileNamePart(part: string): string {
  const escaped = part.replace(/[^A-Za-z0-9-]/g, (char) => {
    const code = char.charCodeAt(0);
    if (code > 0x7f) throw new RangeError(`unsafe object part ${JSON.stringify(part)}`);
    return `_${code.toString(16).padStart(2, '0')}`;
  });
  if (!SAFE_FILE_PART.test(escaped)) throw new RangeError(`unsafe object part ${JSON.stringify(part)}`);
  return escaped;
}

/**
 * A readable file name for an object's parts as the app names them: `['pdf']` → `fiche.pdf`,
 * `['page-2', 'svg']` → `page-2.svg`, `['pays', 'png', 'w1200']` → `pays-w1200.png`,
 * `['html', 'h2', 'https://fiches.example.fr']` → `fiche-h2-https_3a_2f_2ffiches_2eexample_2efr.html`.
 */
export function prerenderedFileName(parts: readonly (string | number)[]): string {
  const names = parts.map((part) => fileNamePart(String(part)));
  const [first, format, ...rest] = names;
  if (first === undefined) throw new RangeError('an object has at least one part');
  if (format === undefined) return `fiche.${first}`;
  // The web page is the whole factsheet too; its other parts are its markup version and origin.
  if (first === 'html') return `fiche-${[format, ...rest].join('-')}.html`;
  return `${[first, ...rest].join('-')}.${format}`;
}

export function prerenderedKey(snapshot: DataSnapshot, rendererVersion: string, code: string, parts: readonly (string | number)[]): string {
  for (const part of [snapshot.manifest.dataVersion, rendererVersion, code]) {
    if (!SAFE_PART.test(part)) throw new RangeError(`unsafe key part ${JSON.stringify(part)}`);
  }
  return `${snapshot.base}${PRERENDERED_FOLDER}/${snapshot.manifest.dataVersion}/${rendererVersion}/${code}/${prerenderedFileName(parts)}`;
}

export type PrerenderedLookup = (snapshot: DataSnapshot, code: string, parts: readonly (string | number)[]) => Promise<Uint8Array | null>;

/**
 * Finds a prerendered object in the service's own storage. Any failure to read it (storage without
 * byte reads, a flaky bucket) means « not prerendered »: the object is then rendered on demand,
 * which is what the service did before prerendering existed.
 */
export function createPrerenderedLookup(storage: Storage, rendererVersion: string): PrerenderedLookup {
  const getBytes = storage.getBytes?.bind(storage);
  if (!getBytes) return async () => null;
  return async (snapshot, code, parts) => {
    try {
      return await getBytes(prerenderedKey(snapshot, rendererVersion, code, parts));
    } catch {
      return null;
    }
  };
}
