/**
 * What Satori's SVG no longer says: which drawn piece is which block. Satori keeps no trace of its
 * elements in the SVG it writes, but it paints the element tree depth first. So the n-th nested
 * drawing in the SVG is the n-th placeholder in the tree, and the texts Satori draws itself
 * (headings, chart titles, the cover's publisher block), one `<text>` per word or space, follow the
 * tree's strings in order: the PDF writer hands each drawn word to these texts in turn, counting
 * letters. Texts without a tag of their own or from an ancestor are paragraphs.
 */
import type { Child, Element } from '../../templates/h';
import { placeholderNumber } from '../../templates/nested-svg';
import { TAG_PROP, type StructTag } from './pdf-tags';

export interface SatoriText {
  tag: StructTag;
  /** Letters other than white space: what the drawn words of this text add up to. */
  letters: number;
}

export interface DrawingOrder {
  /** The nested drawings' numbers, in the order Satori places them. */
  nested: number[];
  texts: SatoriText[];
}

const PARAGRAPH: StructTag = { role: 'P' };

export function drawingOrder(element: Element): DrawingOrder {
  const order: DrawingOrder = { nested: [], texts: [] };
  walk(element, PARAGRAPH, order);
  return order;
}

function walk(child: Child, inherited: StructTag, order: DrawingOrder): void {
  if (child === null || child === undefined || child === false) return;
  if (typeof child === 'string') {
    const letters = letterCount(child);
    if (letters > 0) order.texts.push({ tag: inherited, letters });
    return;
  }
  const number = placeholderNumber(child);
  if (number !== undefined) {
    order.nested.push(number);
    return;
  }
  const tag = (child.props[TAG_PROP] as StructTag | undefined) ?? inherited;
  const children = child.props.children;
  if (Array.isArray(children)) for (const grandchild of children) walk(grandchild, tag, order);
  else walk(children, tag, order);
}

export function letterCount(text: string): number {
  let count = 0;
  for (const character of text) if (character.trim() !== '') count++;
  return count;
}
