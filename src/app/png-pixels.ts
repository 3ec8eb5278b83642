/**
 * Pixels a PNG render rasterises, known from the URL before anything is drawn, so that the render
 * limiter can admit renders against a pixel budget. Pages are A4 portrait; a chart card is never
 * taller than it is wide (see the chart cards in templates/), so its width squared bounds it.
 */
const A4_RATIO = 297 / 210;

export function estimatedPngPixels(kind: 'page' | 'chart', width: number): number {
  return kind === 'page' ? width * Math.ceil(width * A4_RATIO) : width * width;
}
