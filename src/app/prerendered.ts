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

/**
 * A readable file name for an object's parts as the app names them: `['pdf']` → `fiche.pdf`,
 * `['page-2', 'svg']` → `page-2.svg`, `['pays', 'png', 'w1200']` → `pays-w1200.png`.
 */
export function prerenderedFileName(parts: readonly (string | number)[]): string {
  const names = parts.map(String);
  for (const part of names) if (!SAFE_PART.test(part)) throw new RangeError(`unsafe object part ${JSON.stringify(part)}`);
  const [first, format, ...rest] = names;
  if (first === undefined) throw new RangeError('an object has at least one part');
  if (format === undefined) return `fiche.${first}`;
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
