/**
 * The building blocks of a page that Satori draws: headings, chart titles, bullet lists. Running
 * text is a text block (text-block.ts).
 */
import { div, type Element } from './h';
import { textBlock, type TextContext } from './text-block';
import { colors, fontFamily, type } from './theme';

export function heading(level: 1 | 2 | 3, text: string, style: Record<string, string | number> = {}): Element {
  const size = level === 1 ? type.h1 : level === 2 ? type.h2 : type.h3;
  return div(
    {
      fontFamily,
      fontSize: size,
      fontWeight: 700,
      color: level === 3 ? colors.text : colors.blueFrance,
      lineHeight: 1.2,
      marginTop: level === 1 ? 0 : level === 2 ? 10 : 8,
      marginBottom: level === 1 ? 6 : 5,
      ...style,
    },
    text,
  );
}

/** Room the bullet marker takes before an item's text. */
export const BULLET_INDENT = 14;

export function bullets(items: readonly Element[], context: TextContext, marker = '•'): Element {
  return div(
    { flexDirection: 'column', marginBottom: 5 },
    ...items.map((item) =>
      div(
        { flexDirection: 'row', marginBottom: 3 },
        textBlock(marker, BULLET_INDENT, context, { color: colors.blueFrance, bold: true, marginBottom: 0 }),
        item,
      ),
    ),
  );
}

export function chartTitle(text: string): Element {
  return div({ fontFamily, fontSize: type.h3, fontWeight: 700, color: colors.blueFrance, lineHeight: 1.25, marginTop: 6, marginBottom: 6 }, text);
}
