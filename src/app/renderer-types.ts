/**
 * The constants the app validates requests against, passed in by each entry so that tests can use
 * other bounds than src/core/render.ts's.
 */

/** What the renderer can produce: request parameters are checked against this before any work. */
export interface RendererInfo {
  /**
   * Goes into every ETag and cache key. Each runtime compresses PDFs and PNGs with its own encoder,
   * so the same drawing is not the same bytes on Node and on Workers: entries name their runtime.
   */
  version: string;
  chartSlugs: readonly string[];
  pageCount: number;
  pngWidth: { min: number; max: number; default: number };
  /**
   * A lower maximum for whole-page PNGs where memory is tight: a page has about three times a
   * chart's pixels at the same width (Workers: see npm run worker:memory).
   */
  pagePngMaxWidth?: number;
}
