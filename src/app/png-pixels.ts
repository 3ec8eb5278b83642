/**
 * Pixels a PNG render rasterises, known from the URL before anything is drawn, so that the render
 * limiter can admit renders against a pixel budget. A page is 595 × 842 pt (templates/theme.ts);
 * the tallest chart cards, the Sankeys of exports and imports, are 1.121 times as tall as wide.
 * Each bound is rounded up: an estimate below the picture would let more pixels in than the budget.
 */
const PAGE_RATIO = 842 / 595;
const TALLEST_CHART_RATIO = 1.125;

export function estimatedPngPixels(kind: 'page' | 'chart', width: number): number {
  return width * Math.ceil(width * (kind === 'page' ? PAGE_RATIO : TALLEST_CHART_RATIO));
}
