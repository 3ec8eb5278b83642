/**
 * CDN-facing cache headers and validators. Every ETag carries the data version and the renderer
 * version, so a new publication or a new renderer changes every URL's validator without a purge.
 */

/**
 * Browsers keep a response 5 minutes; a CDN 1 hour, then serves it stale for a day while it
 * revalidates, and for a week if the origin fails. One hour bounds how long a CDN shows the previous
 * data version after a publication.
 */
export const CACHE_CONTROL = 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400, stale-if-error=604800';

/**
 * An answer served from the last good version while storage is down: CDNs keep it seconds, so that
 * fresh data replaces it once storage is back.
 */
export const STALE_CACHE_CONTROL = 'public, max-age=0, s-maxage=30';
export const STALE_WARNING = '110 - "Response is Stale"';

/** Errors are not cached by CDNs beyond a few seconds, so that a recovered origin is seen at once. */
export const ERROR_CACHE_CONTROL = 'no-store';

/** Strong ETag: quoted, restricted to characters every cache passes through unchanged. */
export function strongEtag(dataVersion: string, rendererVersion: string, parts: readonly (string | number)[]): string {
  const raw = [dataVersion, rendererVersion, ...parts].join('-');
  return `"${raw.replace(/[^0-9A-Za-z._-]/g, '_')}"`;
}

/**
 * Free text (a search typed by a reader) as an ETag part that keeps distinct texts distinct:
 * `strongEtag` turns every unsafe character into `_`, so « Lozère » and « Loz_re » would share a
 * validator for different bytes. Letters, digits and `-` stay; every other UTF-8 byte becomes `.XX`.
 */
export function etagTextPart(text: string): string {
  let encoded = '';
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    encoded += /[0-9A-Za-z-]/.test(char) ? char : `.${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** RFC 9110 If-None-Match: a list of entity tags or `*`; weak tags compare by their opaque part. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
