/**
 * What the service must know of the renderer before it renders anything: its version, the pages
 * and charts it draws and the PNG widths it allows. Kept apart from the renderer so that the main
 * thread of the Node server, which only routes and caches, starts without loading Satori, pdf-lib
 * and the fonts' parser: the render threads load them.
 */
export { CHART_SLUGS } from './factsheet';

/**
 * Changes whenever the drawing changes, so that caches keyed on it never serve an old drawing of
 * the same data.
 */
export const RENDERER_VERSION = 'r7';

/** The factsheet's pages; `templates/pages.ts` refuses to load with another number of page builders. */
export const PAGE_COUNT = 8;

/**
 * Bounds of a PNG's pixel width: large enough for a sharp 2x chart in a newsletter, small enough
 * that rasterising a whole page stays well inside a Worker's 128 MB.
 */
export const PNG_WIDTH = { min: 200, max: 2400, default: 1200 } as const;
