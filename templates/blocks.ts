/**
 * The building blocks of a page: headings, paragraphs, rich paragraphs with bold or linked runs,
 * bullet lists. Rich paragraphs are laid out word by word in a wrapping row, because Satori has no
 * inline formatting context.
 */
import { div, type Element } from './h';
import { colors, fontFamily, type } from './theme';
import type { Rich } from './texts';

const SPACE_EM = 0.2; // the advance of a space in Source Sans 3

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

export function paragraph(text: string, style: Record<string, string | number> = {}): Element {
  return div({ fontFamily, fontSize: type.body, lineHeight: type.lineHeight, color: colors.text, marginBottom: 5, ...style }, text);
}

export function rich(runs: Rich, style: Record<string, string | number> = {}): Element {
  const size = typeof style.fontSize === 'number' ? style.fontSize : type.body;
  const words: Element[] = [];
  for (const run of runs) {
    const parts = run.text.split(' ');
    parts.forEach((part, index) => {
      const followedBySpace = index < parts.length - 1;
      if (part === '') {
        // A run that starts with a space: widen the previous word's gap instead of adding an empty block.
        const previous = words[words.length - 1];
        if (previous && index === 0) previous.props.style = { ...previous.props.style, marginRight: size * SPACE_EM };
        return;
      }
      const word = div(
        {
          fontWeight: run.bold ? 700 : 400,
          color: run.link ? colors.link : (style.color as string | undefined) ?? colors.text,
          marginRight: followedBySpace ? size * SPACE_EM : 0,
          ...(run.link ? { textDecoration: 'underline', textDecorationSkipInk: 'none' } : {}),
        },
        part,
      );
      const previous = words[words.length - 1];
      if (index === 0 && previous && !previous.props.style?.marginRight) {
        // No space between two runs (« rouge » then « . »): keep them on one line, as one unit.
        words[words.length - 1] = div({ flexDirection: 'row', marginRight: word.props.style?.marginRight ?? 0 }, previous, { ...word, props: { ...word.props, style: { ...word.props.style, marginRight: 0 } } });
        return;
      }
      words.push(word);
    });
  }
  return div({ flexWrap: 'wrap', fontFamily, fontSize: size, lineHeight: type.lineHeight, color: colors.text, marginBottom: 5, ...style }, ...words);
}

export function bullets(items: readonly (string | Element)[], marker = '•', style: Record<string, string | number> = {}): Element {
  return div(
    { flexDirection: 'column', marginBottom: 5, ...style },
    ...items.map((item) =>
      div(
        { flexDirection: 'row', fontFamily, fontSize: type.body, lineHeight: type.lineHeight, color: colors.text, marginBottom: 3 },
        div({ width: 14, flexShrink: 0, color: colors.blueFrance, fontWeight: 700 }, marker),
        typeof item === 'string' ? div({ flex: 1 }, item) : div({ flex: 1 }, item),
      ),
    ),
  );
}

export function chartTitle(text: string): Element {
  return div({ fontFamily, fontSize: type.h3, fontWeight: 700, color: colors.blueFrance, lineHeight: 1.25, marginTop: 6, marginBottom: 6 }, text);
}
