/**
 * Drawings that Satori cannot make (curved bands) or makes slowly (many labels, running text),
 * kept as nested SVGs. Satori lays out a placeholder image of the drawing's size; the SVG step then
 * puts the drawing in its place. Each placeholder carries its drawing's number, so drawings may be
 * made in any order.
 */
import type { StructTag } from '../src/core/pdf-tags';
import { img, type Element, type Style } from './h';

/** Each form is drawn only when asked for: a PDF needs no outlines, an SVG no `<text>`. */
export interface NestedSvg {
  /** Text as glyph outlines, for standalone SVG and PNG. */
  paths(): string;
  /** Text as `<text>` elements, which the PDF step turns into real, selectable text. */
  text(): string;
  /** What the drawing is for a reader of the tagged PDF; drawings without one are artifacts. */
  tag?: StructTag;
}

/** The nested SVGs of one render, indexed by the number their placeholder carries. */
export type NestedSvgs = NestedSvg[];

/**
 * Registers a drawing and returns its placeholder. The drawing is made with an id prefix of its
 * own, for the ids it defines to stay unique once all drawings share one document.
 */
export function nestedElement(draw: (idPrefix: string) => NestedSvg, width: number, height: number, nested: NestedSvgs, style: Style = {}, tag?: StructTag): Element {
  const number = nested.length;
  const drawing = draw(`n${number}-`);
  if (tag) drawing.tag = tag;
  nested.push(drawing);
  const placeholder = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" id="nested-${number}"/>`;
  return img('data:image/svg+xml,' + encodeURIComponent(placeholder), { width, height, flexShrink: 0, ...style });
}

/** Finds the drawing's number in a placeholder's address as Satori writes it back. */
export const NESTED_NUMBER = /nested-(\d+)/;

/**
 * The number of the drawing a placeholder element stands for; undefined for any other element. The
 * number reads the same in the address's percent-encoded form, so it is not decoded first.
 */
export function placeholderNumber(element: Element): number | undefined {
  if (element.type !== 'img') return undefined;
  const number = NESTED_NUMBER.exec(String(element.props.src ?? ''))?.[1];
  return number === undefined ? undefined : Number(number);
}

/** The drawing a placeholder element stands for, to tag it after it was made. */
export function nestedOf(element: Element, nested: NestedSvgs): NestedSvg {
  const drawing = nested[placeholderNumber(element) ?? -1];
  if (!drawing) throw new Error('element is not a nested drawing of this page');
  return drawing;
}
