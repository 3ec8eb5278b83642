/**
 * The texts Satori draws itself (headings, chart titles, the cover's publisher block), in the
 * order it draws them, with the tag each carries. Satori keeps no trace of its elements in the SVG
 * it writes, but it paints the tree depth first, one `<text>` per word or space: the PDF writer
 * hands each drawn word to these texts in turn, counting letters, and so knows which heading it
 * belongs to. Texts without a tag of their own or from an ancestor are paragraphs.
 */
import type { Child, Element } from '../../templates/h';
import { TAG_PROP, type StructTag } from './pdf-tags';

export interface SatoriText {
  tag: StructTag;
  /** Letters other than white space: what the drawn words of this text add up to. */
  letters: number;
}

const PARAGRAPH: StructTag = { role: 'P' };

export function satoriTexts(element: Element): SatoriText[] {
  const texts: SatoriText[] = [];
  walk(element, PARAGRAPH, texts);
  return texts;
}

function walk(child: Child, inherited: StructTag, texts: SatoriText[]): void {
  if (child === null || child === undefined || child === false) return;
  if (typeof child === 'string') {
    const letters = letterCount(child);
    if (letters > 0) texts.push({ tag: inherited, letters });
    return;
  }
  const tag = (child.props[TAG_PROP] as StructTag | undefined) ?? inherited;
  const children = child.props.children;
  if (Array.isArray(children)) for (const grandchild of children) walk(grandchild, tag, texts);
  else walk(children, tag, texts);
}

export function letterCount(text: string): number {
  let count = 0;
  for (const character of text) if (character.trim() !== '') count++;
  return count;
}
