/**
 * What Satori's SVG no longer says: which drawn piece is which block. Satori keeps no trace of its
 * elements in the SVG it writes, but it paints the element tree depth first. So the n-th nested
 * drawing in the SVG is the n-th placeholder in the tree, and the texts Satori draws itself
 * (headings, chart titles, the cover's publisher block), one `<text>` per word or space, follow the
 * tree's strings in order: the PDF writer hands each drawn word to these texts in turn, counting
 * letters. The texts under one tagged element make one block (a column of short lines read as one
 * paragraph); texts without a tag of their own or from an ancestor are paragraphs each.
 */
import type { Child, Element } from '../../templates/h';
import { placeholderNumber } from '../../templates/nested-svg';
import { TAG_PROP, type StructTag } from './pdf-tags';

export interface SatoriText {
  tag: StructTag;
  /** Texts with the same block number belong to the same tagged element. */
  block: number;
  /** Letters other than white space: what the drawn words of this text add up to. */
  letters: number;
}

export interface DrawingOrder {
  /** The nested drawings' numbers, in the order Satori places them. */
  nested: number[];
  texts: SatoriText[];
  blocks: number;
}

const PARAGRAPH: StructTag = { role: 'P' };

export function drawingOrder(element: Element): DrawingOrder {
  const order: DrawingOrder = { nested: [], texts: [], blocks: 0 };
  walk(element, undefined, order);
  return order;
}

function walk(child: Child, inherited: { tag: StructTag; block: number } | undefined, order: DrawingOrder): void {
  if (child === null || child === undefined || child === false) return;
  if (typeof child === 'string') {
    const letters = letterCount(child);
    if (letters > 0) order.texts.push({ ...(inherited ?? { tag: PARAGRAPH, block: order.blocks++ }), letters });
    return;
  }
  const number = placeholderNumber(child);
  if (number !== undefined) {
    order.nested.push(number);
    return;
  }
  const own = child.props[TAG_PROP] as StructTag | undefined;
  const block = own ? { tag: own, block: order.blocks++ } : inherited;
  const children = child.props.children;
  if (Array.isArray(children)) for (const grandchild of children) walk(grandchild, block, order);
  else walk(children, block, order);
}

export function letterCount(text: string): number {
  let count = 0;
  for (const character of text) if (character.trim() !== '') count++;
  return count;
}
