/**
 * The building blocks of a page: headings, paragraphs, rich paragraphs with bold or linked runs,
 * bullet lists.
 */
import { div, type Element } from './h';
import { colors, fontFamily, type } from './theme';
import type { Rich, Run } from './texts';
import type { TextMeasurer } from '../src/core/text-measure';

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

/**
 * A paragraph with bold or linked runs. Satori has no inline formatting, so the lines are broken
 * here, with the same font advances Satori uses, and each line is a row of a few same-style
 * segments: far fewer blocks than one per word, and whole phrases in the PDF's text.
 */
export function rich(runs: Rich, measure: TextMeasurer, width: number, style: Record<string, string | number> = {}): Element {
  const size = typeof style.fontSize === 'number' ? style.fontSize : type.body;
  const baseColor = (style.color as string | undefined) ?? colors.text;
  interface Word {
    text: string;
    run: Run;
    spaceBefore: boolean;
  }
  const words: Word[] = [];
  let previousEndedWithSpace = false;
  for (const run of runs) {
    run.text.split(' ').forEach((part, index) => {
      if (part === '') return;
      words.push({ text: part, run, spaceBefore: words.length > 0 && (index > 0 || previousEndedWithSpace) });
    });
    previousEndedWithSpace = run.text.endsWith(' ');
  }
  const weight = (run: Run): 400 | 700 => (run.bold ? 700 : 400);
  const lines: Word[][] = [];
  let lineWidth = 0;
  for (const word of words) {
    const advance = measure.width(word.text, size, weight(word.run));
    const space = word.spaceBefore ? measure.width(' ', size, weight(word.run)) : 0;
    const line = lines[lines.length - 1];
    if (line && lineWidth + space + advance <= width - 1) {
      line.push(word);
      lineWidth += space + advance;
    } else if (line && !word.spaceBefore) {
      // Punctuation glued to the previous word wraps with it.
      line.push(word);
      lineWidth += advance;
    } else {
      lines.push([word]);
      lineWidth = advance;
    }
  }
  const rows = lines.map((line) => {
    const segments: { text: string; run: Run; spaceAfter: boolean }[] = [];
    line.forEach((word, index) => {
      const last = segments[segments.length - 1];
      if (last && last.run === word.run) last.text += (word.spaceBefore ? ' ' : '') + word.text;
      else {
        if (last && word.spaceBefore) last.spaceAfter = true;
        segments.push({ text: word.text, run: word.run, spaceAfter: false });
      }
      if (index === line.length - 1) segments[segments.length - 1]!.spaceAfter = false;
    });
    return div(
      { flexDirection: 'row' },
      ...segments.map((segment) =>
        div(
          {
            fontWeight: weight(segment.run),
            color: segment.run.link ? colors.link : baseColor,
            marginRight: segment.spaceAfter ? measure.width(' ', size, weight(segment.run)) : 0,
            flexShrink: 0,
            whiteSpace: 'nowrap',
            ...(segment.run.link ? { textDecoration: 'underline', textDecorationSkipInk: 'none' } : {}),
          },
          segment.text,
        ),
      ),
    );
  });
  return div({ flexDirection: 'column', fontFamily, fontSize: size, lineHeight: type.lineHeight, color: colors.text, marginBottom: 5, ...style }, ...rows);
}

/** Room the bullet marker takes before an item's text. */
export const BULLET_INDENT = 14;

export function bullets(items: readonly (string | Element)[], marker = '•', style: Record<string, string | number> = {}): Element {
  return div(
    { flexDirection: 'column', marginBottom: 5, ...style },
    ...items.map((item) =>
      div(
        { flexDirection: 'row', fontFamily, fontSize: type.body, lineHeight: type.lineHeight, color: colors.text, marginBottom: 3 },
        div({ width: BULLET_INDENT, flexShrink: 0, color: colors.blueFrance, fontWeight: 700 }, marker),
        div({ flex: 1 }, item),
      ),
    ),
  );
}

export function chartTitle(text: string): Element {
  return div({ fontFamily, fontSize: type.h3, fontWeight: 700, color: colors.blueFrance, lineHeight: 1.25, marginTop: 6, marginBottom: 6 }, text);
}
