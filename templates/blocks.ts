/**
 * The building blocks of a page: headings, chart titles, bullet lists, all drawn as text blocks
 * (text-block.ts); and the tag of the few texts Satori still draws itself.
 */
import { TAG_PROP, type StructTag } from '../src/core/pdf-tags';
import { div, type Element } from './h';
import { nestedOf } from './nested-svg';
import { textBlock, type TextBlockStyle, type TextContext } from './text-block';
import { colors, type } from './theme';

/**
 * A heading, drawn as a text block like running text: Satori only reserves its place, instead of
 * measuring its words again at each pass of its layout engine.
 */
export function heading(level: 1 | 2 | 3, text: string, width: number, context: TextContext, style: Omit<TextBlockStyle, 'bold' | 'tag'> = {}): Element {
  return textBlock(text, width, context, {
    fontSize: level === 1 ? type.h1 : level === 2 ? type.h2 : type.h3,
    color: level === 3 ? colors.text : colors.blueFrance,
    lineHeight: 1.2,
    marginTop: level === 1 ? 0 : level === 2 ? 10 : 8,
    marginBottom: level === 1 ? 6 : 5,
    ...style,
    bold: true,
    tag: { role: `H${level}` },
  });
}

/**
 * Tags text that Satori draws itself; the PDF writer finds it by its place in the element tree. All
 * the texts under a tagged element are one block: a column of short lines reads as one paragraph.
 */
export function tagged(tag: StructTag, element: Element): Element {
  return { type: element.type, props: { ...element.props, [TAG_PROP]: tag } };
}

/** Room the bullet marker takes before an item's text. */
export const BULLET_INDENT = 14;

/** A list: in the tagged PDF, L > LI > Lbl (the marker) + LBody (the item's text block). */
export function bullets(items: readonly Element[], context: TextContext, marker = '•'): Element {
  const list = { role: 'L', key: context.nested.length } as const;
  return div(
    { flexDirection: 'column', marginBottom: 5 },
    ...items.map((item) => {
      const groups = [list, { role: 'LI', key: context.nested.length } as const];
      nestedOf(item, context.nested).tag = { role: 'LBody', groups };
      return div(
        { flexDirection: 'row', marginBottom: 3 },
        textBlock(marker, BULLET_INDENT, context, { color: colors.blueFrance, bold: true, marginBottom: 0, tag: { role: 'Lbl', groups } }),
        item,
      );
    }),
  );
}

export function chartTitle(text: string, width: number, context: TextContext): Element {
  return textBlock(text, width, context, { fontSize: type.h3, bold: true, color: colors.blueFrance, lineHeight: 1.25, marginTop: 6, marginBottom: 6, tag: { role: 'H3' } });
}
