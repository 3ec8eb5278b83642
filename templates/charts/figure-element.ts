/**
 * A laid-out figure as Satori elements: the Sankey bands as one nested SVG image (Satori cannot draw
 * curves itself), boxes and labels as absolutely positioned blocks so that Satori draws the text.
 */
import { LINE_HEIGHT_RATIO, labelRect, type Figure } from '../../src/core/figure';
import { div, img, type Element } from '../h';

/**
 * The nested SVGs of one render, in tree order. The element tree carries a tiny placeholder image
 * in their place; the SVG step swaps each placeholder for its SVG, in the same order.
 */
export type NestedSvgs = string[];

export function figureElement(figure: Figure, nested: NestedSvgs): Element {
  const children: Element[] = [];
  if (figure.paths.length > 0) {
    nested.push(pathsSvg(figure));
    const placeholder = `<svg xmlns="http://www.w3.org/2000/svg" width="${figure.width}" height="${figure.height}"/>`;
    children.push(img('data:image/svg+xml,' + encodeURIComponent(placeholder), { position: 'absolute', left: 0, top: 0, width: figure.width, height: figure.height }));
  }
  for (const box of figure.boxes) {
    children.push(div({ position: 'absolute', left: box.x, top: box.y, width: box.width, height: box.height, backgroundColor: box.fill }));
  }
  for (const label of figure.labels) {
    const rect = labelRect(label);
    // Positioned from the measured width, so no alignment property is needed: Satori parses every
    // string-valued style of every block, and charts have many labels.
    children.push(
      div(
        {
          position: 'absolute',
          left: rect.x,
          top: rect.y,
          width: rect.width + 2,
          height: rect.height,
          fontSize: label.size,
          fontWeight: label.weight,
          color: label.color,
          lineHeight: LINE_HEIGHT_RATIO,
        },
        label.text,
      ),
    );
  }
  return div({ position: 'relative', width: figure.width, height: figure.height, flexShrink: 0 }, ...children);
}

function pathsSvg(figure: Figure): string {
  const body = figure.paths.map((path) => `<path d="${path.d}" fill="${path.fill}" fill-opacity="${path.opacity}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${figure.width}" height="${figure.height}" viewBox="0 0 ${figure.width} ${figure.height}">${body}</svg>`;
}
