/**
 * Greedy line breaking of running text made of styled runs, with the advances of the very fonts
 * the text is drawn in. Words break at spaces only; non-breaking spaces (as in « 1 340,7 M€ ») keep
 * their words together, punctuation glued to a word wraps with it, and French high punctuation
 * written after a plain space (« exportations : ») never starts a line.
 */
import type { FontWeight, TextMeasurer } from './text-measure';

export interface StyledRun<S> {
  text: string;
  weight: FontWeight;
  style: S;
}

/** Consecutive words of one run on one line, placed from the line's left edge. */
export interface PlacedSegment<S> {
  text: string;
  x: number;
  width: number;
  weight: FontWeight;
  style: S;
}

const NEVER_STARTS_A_LINE = /^[:;!?»%)\]]/;

interface Word<S> {
  text: string;
  run: StyledRun<S>;
  spaceBefore: boolean;
}

export function breakLines<S>(runs: readonly StyledRun<S>[], maxWidth: number, size: number, measure: TextMeasurer): PlacedSegment<S>[][] {
  const words: Word<S>[] = [];
  let previousEndedWithSpace = false;
  for (const run of runs) {
    run.text.split(/[ \t\n]+/).forEach((part, index) => {
      if (part === '') return;
      words.push({ text: part, run, spaceBefore: words.length > 0 && (index > 0 || previousEndedWithSpace) });
    });
    previousEndedWithSpace = /[ \t\n]$/.test(run.text);
  }

  const lines: Word<S>[][] = [];
  let lineWidth = 0;
  for (const word of words) {
    const advance = measure.width(word.text, size, word.run.weight);
    const space = word.spaceBefore ? measure.width(' ', size, word.run.weight) : 0;
    const line = lines[lines.length - 1];
    if (line && lineWidth + space + advance <= maxWidth) {
      line.push(word);
      lineWidth += space + advance;
    } else if (line && (!word.spaceBefore || NEVER_STARTS_A_LINE.test(word.text))) {
      line.push(word);
      lineWidth += space + advance;
    } else {
      lines.push([word]);
      lineWidth = advance;
    }
  }

  return lines.map((line) => {
    const segments: PlacedSegment<S>[] = [];
    let x = 0;
    for (const word of line) {
      const last = segments[segments.length - 1];
      const advance = measure.width(word.text, size, word.run.weight);
      // Unshaped fonts: a phrase is as wide as its words and spaces, measured once each.
      if (last && last.style === word.run.style && last.weight === word.run.weight) {
        const space = word.spaceBefore ? measure.width(' ', size, last.weight) : 0;
        last.text += (word.spaceBefore ? ' ' : '') + word.text;
        last.width += space + advance;
        x = last.x + last.width;
        continue;
      }
      if (last && word.spaceBefore) x += measure.width(' ', size, last.weight);
      segments.push({ text: word.text, x, width: advance, weight: word.run.weight, style: word.run.style });
      x += advance;
    }
    return segments;
  });
}
