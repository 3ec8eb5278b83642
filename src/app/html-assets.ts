/**
 * The static files the HTML pages load, all served by the app itself (no third-party host): the
 * parts of the State's design system (DSFR) the pages use, and the project's own font. Only the
 * files listed here are served, so a path can never reach anything else.
 *
 * Marianne, DSFR's typeface, is licensed to State services only; the pages use Source Sans 3 (SIL
 * Open Font License), the font of the PDF and the charts, so that any reuser of the project may
 * serve them. DSFR's stylesheet still declares Marianne, but no element asks for it, so browsers
 * never fetch it.
 */

/** In the URL, so that a new DSFR release is a new address and old ones may be cached for good. */
export const DSFR_VERSION = '1.14.3';

export const DSFR_STYLESHEETS = [
  'core/core.min.css',
  'component/link/link.min.css',
  'component/button/button.min.css',
  'component/table/table.min.css',
  'component/notice/notice.min.css',
  'component/skiplink/skiplink.min.css',
  'component/form/form.min.css',
  'component/input/input.min.css',
  'component/search/search.min.css',
  'component/logo/logo.min.css',
  'component/header/header.min.css',
  'component/footer/footer.min.css',
] as const;

/** Icons those stylesheets draw for the parts the pages use (a stylesheet asks for an icon only where an element matches). */
export const DSFR_ICONS = ['icons/system/download-line.svg', 'icons/system/search-line.svg', 'icons/system/fr--warning-fill.svg', 'icons/system/fr--info-fill.svg'] as const;

export const DSFR_FILES: readonly string[] = [...DSFR_STYLESHEETS, ...DSFR_ICONS];

export const FONT_FILES = ['SourceSans3-Regular.ttf', 'SourceSans3-Bold.ttf', 'SourceSans3-Italic.ttf'] as const;

export type AssetKind = 'dsfr' | 'font';

/** Where each runtime finds the files: node_modules and templates/fonts on Node, bundled modules on Workers. */
export interface StaticAssets {
  get(kind: AssetKind, path: string): Promise<Uint8Array | null>;
}

/** Public addresses of the files. */
export const dsfrUrl = (path: string): string => `/dsfr/${DSFR_VERSION}/${path}`;
export const fontUrl = (file: string): string => `/polices/${file}`;

/** They change only with a new address (DSFR) or a new release (fonts); a day in browsers, longer in CDNs. */
export const ASSET_CACHE_CONTROL = 'public, max-age=86400, s-maxage=604800, stale-while-revalidate=86400';

export function assetContentType(path: string): string {
  if (path.endsWith('.css')) return 'text/css; charset=utf-8';
  if (path.endsWith('.svg')) return 'image/svg+xml; charset=utf-8';
  return 'font/ttf';
}
