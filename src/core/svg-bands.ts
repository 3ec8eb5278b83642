/**
 * A chart's SVG cut into two horizontal bands, each a whole SVG that draws only its own rows and
 * leaves out the shapes wholly outside them, so that two cores can each parse and draw half of a
 * large PNG. Cut whole and drawn on two cores, each band parsing the whole SVG, a chart cost a third
 * more CPU; with each band drawing only its own shapes, the two bands together cost what the whole
 * picture does.
 *
 * The cut falls on a pixel row that is also a whole number of SVG units, so that neither band is
 * scaled differently from the other: there is no seam. Anti-aliased edges differ from the picture
 * drawn whole by a few levels (the bands' transforms round differently), the same for the same SVG.
 * A shape is left out of a band only when its box, widened by two pixels, misses the band; anything
 * this file cannot bound is kept in both.
 */

export interface SvgBand {
  svg: string;
  /**
   * Pixel rows the band draws at the requested width: exact for the first band, which ends on the
   * cut; the last one has whatever rows the rasteriser rounds the picture's height to.
   */
  rows: number;
}

/** Cuts nearer an edge than this share of the height leave one core with most of the work. */
const MOST_UNEVEN_SHARE = 0.3;
/** Font units per em of the glyph outlines, and how far glyphs reach above and below the baseline. */
const GLYPH_ASCENT_UNITS = 1200;
const GLYPH_DESCENT_UNITS = 500;
const MARGIN_PX = 2;

interface Element {
  tag: string;
  attributes: string;
  start: number;
  end: number;
  /** Where its content starts and ends, for an element with children. */
  innerStart: number;
  innerEnd: number;
}

/** The two bands of an SVG drawn `widthPx` wide, or null when the SVG or the width allows no clean cut. */
export function svgBands(svg: string, widthPx: number): [SvgBand, SvgBand] | null {
  const root = /^<svg\b([^>]*)>/.exec(svg);
  if (!root || !svg.endsWith('</svg>')) return null;
  const viewBox = /\bviewBox="0 0 (\d+) (\d+)"/.exec(root[1]!);
  const widthAttribute = /\bwidth="([\d.]+)"/.exec(root[1]!);
  if (!viewBox || !widthAttribute) return null;
  const [unitsWide, unitsHigh] = [Number(viewBox[1]), Number(viewBox[2])];
  const rows = Math.ceil((unitsHigh * widthPx) / unitsWide);
  // Row boundaries that are also whole units: every `unitStep` units, `rowStep` rows.
  const common = greatestCommonDivisor(widthPx, unitsWide);
  const [unitStep, rowStep] = [unitsWide / common, widthPx / common];
  const steps = Math.round(rows / 2 / rowStep);
  const cutUnits = steps * unitStep;
  const cutRows = steps * rowStep;
  if (cutRows < rows * MOST_UNEVEN_SHARE || cutRows > rows * (1 - MOST_UNEVEN_SHARE)) return null;

  const unitsPerAttribute = unitsWide / Number(widthAttribute[1]);
  const margin = (MARGIN_PX * unitsWide) / widthPx;
  const content = svg.slice(root[0].length, -'</svg>'.length);
  const band = (top: number, bottom: number): string => {
    const open = root[0]
      .replace(/\bheight="[^"]*"/, `height="${(bottom - top) / unitsPerAttribute}"`)
      .replace(/\bviewBox="[^"]*"/, `viewBox="0 ${top} ${unitsWide} ${bottom - top}"`);
    return `${open}${keptIn(content, top - margin, bottom + margin)}</svg>`;
  };
  return [
    { svg: band(0, cutUnits), rows: cutRows },
    { svg: band(cutUnits, unitsHigh), rows: rows - cutRows },
  ];
}

/** The root's content without the elements that fall wholly outside [top, bottom] (root units). */
function keptIn(content: string, top: number, bottom: number): string {
  let kept = '';
  for (const element of children(content)) {
    const source = content.slice(element.start, element.end);
    if (element.tag === 'svg') {
      kept += nestedKeptIn(content, element, top, bottom);
      continue;
    }
    const box = element.tag === 'rect' ? rectBox(element.attributes) : null;
    if (box === null || (box[1] >= top && box[0] <= bottom)) kept += source;
  }
  return kept;
}

/** A nested drawing with only the children that reach into the band; left out if none does. */
function nestedKeptIn(content: string, nested: Element, top: number, bottom: number): string {
  const source = content.slice(nested.start, nested.end);
  const y = attribute(nested.attributes, 'y');
  const height = attribute(nested.attributes, 'height');
  const viewBox = /\bviewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(nested.attributes);
  if (y === null || height === null || !viewBox || nested.innerEnd <= nested.innerStart) return source;
  const scale = height / Number(viewBox[2]);
  const inner = content.slice(nested.innerStart, nested.innerEnd);
  let kept = '';
  let drawn = false;
  for (const child of children(inner)) {
    const childSource = inner.slice(child.start, child.end);
    if (child.tag === 'defs') {
      kept += childSource;
      continue;
    }
    const box = childBox(child, inner);
    if (box === null || (y + box[1] * scale >= top && y + box[0] * scale <= bottom)) {
      kept += childSource;
      drawn = true;
    }
  }
  return drawn ? content.slice(nested.start, nested.innerStart) + kept + content.slice(nested.innerEnd, nested.end) : '';
}

/** Top and bottom of a nested drawing's child, in its own units; null when it cannot be bounded. */
function childBox(child: Element, source: string): [number, number] | null {
  if (child.tag === 'rect') return rectBox(child.attributes);
  if (child.tag === 'path') {
    const d = /\bd="([^"]*)"/.exec(child.attributes)?.[1];
    // Absolute moves, lines and curves only: every second number is a y.
    if (d === undefined || !/^[MLCQZ\d\s,.-]*$/.test(d)) return null;
    const numbers = d.split(/[MLCQZ\s,]+/).filter(Boolean).map(Number);
    let [low, high] = [Infinity, -Infinity];
    for (let index = 1; index < numbers.length; index += 2) {
      low = Math.min(low, numbers[index]!);
      high = Math.max(high, numbers[index]!);
    }
    return Number.isFinite(low) ? [low, high] : null;
  }
  if (child.tag === 'g') {
    // A line of text: glyphs in font units under matrix(a 0 0 d e f), f the baseline.
    const matrix = /\btransform="matrix\(([-\d.e]+) 0 0 ([-\d.e]+) [-\d.e]+ ([-\d.e]+)\)"/.exec(child.attributes);
    const inner = source.slice(child.innerStart, child.innerEnd);
    if (!matrix || !/^(<use [^>]*\/>)*$/.test(inner)) return null;
    const [size, baseline] = [Math.abs(Number(matrix[2])), Number(matrix[3])];
    return [baseline - GLYPH_ASCENT_UNITS * size, baseline + GLYPH_DESCENT_UNITS * size];
  }
  return null;
}

function rectBox(attributes: string): [number, number] | null {
  const y = attribute(attributes, 'y');
  const height = attribute(attributes, 'height');
  return y === null || height === null ? null : [y, y + height];
}

function attribute(attributes: string, name: string): number | null {
  const match = new RegExp(`(?:^|\\s)${name}="(-?[\\d.]+)"`).exec(attributes);
  return match ? Number(match[1]) : null;
}

/** The elements directly inside `content`, in order. */
function children(content: string): Element[] {
  const found: Element[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g;
  let depth = 0;
  let open: Element | null = null;
  for (let match = tag.exec(content); match; match = tag.exec(content)) {
    const [whole, closing, name, attributes, selfClosing] = match;
    if (closing) {
      depth -= 1;
      if (depth === 0 && open) {
        open.innerEnd = match.index;
        open.end = match.index + whole.length;
        found.push(open);
        open = null;
      }
    } else if (selfClosing) {
      if (depth === 0) found.push({ tag: name!, attributes: attributes!, start: match.index, end: match.index + whole.length, innerStart: 0, innerEnd: 0 });
    } else {
      if (depth === 0) open = { tag: name!, attributes: attributes!, start: match.index, end: 0, innerStart: match.index + whole.length, innerEnd: 0 };
      depth += 1;
    }
  }
  return found;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
