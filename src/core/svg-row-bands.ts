/**
 * Cuts the drawing of an SVG into horizontal bands of whole pixel rows, each an SVG of its own whose
 * root shows only its rows: the bands can then be drawn at the same time on several cores and their
 * pixels put one under the other. Each band keeps the scale of the whole picture and starts on a
 * pixel boundary, so nothing is stretched or shifted.
 */

export interface RowBand {
  svg: string;
  firstRow: number;
  rows: number;
}

export interface PixelSize {
  width: number;
  height: number;
}

const ROOT_TAG = /^\s*(?:<\?xml[^>]*>\s*)?<svg\b[^>]*>/;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

function viewBoxOf(tag: string): ViewBox | undefined {
  const numbers = attribute(tag, 'viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (!numbers || numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) return undefined;
  const [x, y, width, height] = numbers as [number, number, number, number];
  return width > 0 && height > 0 ? { x, y, width, height } : undefined;
}

/**
 * The picture's size in pixels when drawn `widthPx` wide, as resvg sizes it (its width and height
 * attributes scaled, rounded to whole pixels), or undefined when the root has no view box filling
 * that size exactly, which bands could not cut without shifting the drawing (then draw it whole).
 */
export function pixelSizeAtWidth(svg: string, widthPx: number): PixelSize | undefined {
  const tag = ROOT_TAG.exec(svg)?.[0];
  const box = tag && viewBoxOf(tag);
  if (!box || attribute(tag, 'preserveAspectRatio') !== undefined) return undefined;
  const width = Number(attribute(tag, 'width') ?? box.width);
  const height = Number(attribute(tag, 'height') ?? box.height);
  if (!(width > 0 && height > 0) || Math.abs(width / height - box.width / box.height) > 1e-6 * (width / height)) return undefined;
  return { width: widthPx, height: Math.round((height * widthPx) / width) };
}

/** `count` bands of nearly equal heights covering the picture drawn `widthPx` wide, top to bottom. */
export function rowBands(svg: string, widthPx: number, count: number): RowBand[] | undefined {
  const tag = ROOT_TAG.exec(svg)?.[0];
  const size = pixelSizeAtWidth(svg, widthPx);
  if (!tag || !size || count < 1 || size.height < count) return undefined;
  const box = viewBoxOf(tag)!;
  const unitsPerPixel = box.width / widthPx;
  const rest = svg.slice(tag.length);
  const bareTag = tag.replace(/\s(?:width|height|viewBox)="[^"]*"/g, '');
  const bands: RowBand[] = [];
  for (let index = 0; index < count; index += 1) {
    const firstRow = Math.floor((size.height * index) / count);
    const rows = Math.floor((size.height * (index + 1)) / count) - firstRow;
    const viewBox = `${box.x} ${box.y + firstRow * unitsPerPixel} ${box.width} ${rows * unitsPerPixel}`;
    const root = bareTag.replace(/^(\s*(?:<\?xml[^>]*>\s*)?<svg)/, `$1 width="${widthPx}" height="${rows}" viewBox="${viewBox}"`);
    bands.push({ svg: root + rest, firstRow, rows });
  }
  return bands;
}
