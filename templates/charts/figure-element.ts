/**
 * A laid-out figure as one nested SVG: bands, boxes and labels drawn from the layout's own
 * coordinates (see nested-svg.ts for why Satori only reserves its place).
 */
import { escapeXml } from '../../src/core/escape-xml';
import { labelRect, round2, type Figure } from '../../src/core/figure';
import type { TextMeasurer } from '../../src/core/text-measure';
import type { Element, Style } from '../h';
import { nestedElement, type NestedSvg, type NestedSvgs } from '../nested-svg';
import { fontFamily } from '../theme';

export function figureElement(figure: Figure, nested: NestedSvgs, measure: TextMeasurer, style: Style = {}): Element {
  return nestedElement((idPrefix) => figureSvgs(figure, measure, idPrefix), figure.width, figure.height, nested, style, figure.desc ? { role: 'Figure', alt: figure.desc } : undefined);
}

function figureSvgs(figure: Figure, measure: TextMeasurer, idPrefix: string): NestedSvg {
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${figure.width}" height="${figure.height}" viewBox="0 0 ${figure.width} ${figure.height}">`;
  const shapes =
    figure.paths.map((path) => `<path d="${path.d}" fill="${path.fill}" fill-opacity="${path.opacity}"/>`).join('') +
    figure.boxes.map((box) => `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${box.fill}"/>`).join('');
  const placed = figure.labels.map((label) => ({
    label,
    left: labelRect(label).x,
    baseline: round2(measure.baseline(label.y, label.size, label.weight)),
  }));
  return {
    paths: () => {
      const used = new Set<string>();
      const labels = placed
        .map(({ label, left, baseline }) => {
          const scale = label.size / measure.unitsPerEm(label.weight);
          const glyphs = measure.glyphRun(label.text, label.weight).map((glyph) => {
            used.add(glyph.key);
            return `<use href="#${idPrefix}${glyph.key}" x="${glyph.x}"/>`;
          });
          // Font units, y up, to the figure's coordinates at the label's baseline.
          return `<g fill="${label.color}" transform="matrix(${round6(scale)} 0 0 ${round6(-scale)} ${left} ${baseline})">${glyphs.join('')}</g>`;
        })
        .join('');
      const defs = used.size > 0 ? `<defs>${[...used].map((key) => `<path id="${idPrefix}${key}" d="${measure.glyphPath(key)}"/>`).join('')}</defs>` : '';
      return open + defs + shapes + labels + '</svg>';
    },
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

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
