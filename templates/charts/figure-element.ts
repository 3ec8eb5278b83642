/**
 * A laid-out figure as one nested SVG: bands, boxes and labels drawn from the layout's own
 * coordinates. Satori only reserves its place (it cannot draw curves, and every label as a Satori
 * block made charts the slowest part of a factsheet); the SVG step puts the figure back inline.
 * Labels are written twice: as glyph outlines for standalone SVG and PNG, and as `<text>` for the
 * PDF step, which turns them into real, selectable text.
 */
import { escapeXml } from '../../src/core/escape-xml';
import { labelRect, type Figure } from '../../src/core/figure';
import type { TextMeasurer } from '../../src/core/text-measure';
import { img, type Element } from '../h';
import { fontFamily } from '../theme';

/** Each form is drawn only when asked for: a PDF needs no outlines, an SVG no `<text>`. */
export interface NestedSvg {
  /** Labels as glyph outlines. */
  paths(): string;
  /** Labels as `<text>` elements. */
  text(): string;
}

/** The nested SVGs of one render, in tree order; the SVG step swaps each placeholder for its SVG. */
export type NestedSvgs = NestedSvg[];

export function figureElement(figure: Figure, nested: NestedSvgs, measure: TextMeasurer): Element {
  nested.push(figureSvgs(figure, measure));
  const placeholder = `<svg xmlns="http://www.w3.org/2000/svg" width="${figure.width}" height="${figure.height}"/>`;
  return img('data:image/svg+xml,' + encodeURIComponent(placeholder), { width: figure.width, height: figure.height, flexShrink: 0 });
}

function figureSvgs(figure: Figure, measure: TextMeasurer): NestedSvg {
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${figure.width}" height="${figure.height}" viewBox="0 0 ${figure.width} ${figure.height}">`;
  const shapes =
    figure.paths.map((path) => `<path d="${path.d}" fill="${path.fill}" fill-opacity="${path.opacity}"/>`).join('') +
    figure.boxes.map((box) => `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${box.fill}"/>`).join('');
  const placed = figure.labels.map((label) => ({
    label,
    left: labelRect(label).x,
    baseline: Math.round(measure.baseline(label.y, label.size, label.weight) * 100) / 100,
  }));
  return {
    paths: () =>
      open +
      shapes +
      placed.map(({ label, left, baseline }) => `<path d="${measure.outline(label.text, left, baseline, label.size, label.weight)}" fill="${label.color}"/>`).join('') +
      '</svg>',
    text: () =>
      open +
      shapes +
      placed
        .map(
          ({ label, left, baseline }) =>
            `<text x="${left}" y="${baseline}" width="${label.width}" font-size="${label.size}" font-weight="${label.weight}" font-family="${fontFamily}" fill="${label.color}">${escapeXml(label.text)}</text>`,
        )
        .join('') +
      '</svg>',
  };
}
