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
  advance: number;
  /** The space before the word, in its own weight; 0 when glued to the previous word. */
  space: number;
}

export function breakLines<S>(runs: readonly StyledRun<S>[], maxWidth: number, size: number, measure: TextMeasurer): PlacedSegment<S>[][] {
  const words: Word<S>[] = [];
  let previousEndedWithSpace = false;
  for (const run of runs) {
    const runSpace = measure.width(' ', size, run.weight);
    run.text.split(/[ \t\n]+/).forEach((part, index) => {
      if (part === '') return;
      const spaceBefore = words.length > 0 && (index > 0 || previousEndedWithSpace);
      words.push({ text: part, run, spaceBefore, advance: measure.width(part, size, run.weight), space: spaceBefore ? runSpace : 0 });
    });
    previousEndedWithSpace = /[ \t\n]$/.test(run.text);
  }

  const lines: Word<S>[][] = [];
  let lineWidth = 0;
  for (const word of words) {
    const line = lines[lines.length - 1];
    const fits = lineWidth + word.space + word.advance <= maxWidth;
    if (line && (fits || !word.spaceBefore || NEVER_STARTS_A_LINE.test(word.text))) {
      line.push(word);
      lineWidth += word.space + word.advance;
    } else {
      lines.push([word]);
      lineWidth = word.advance;
    }
  }

  return lines.map((line) => {
    const segments: PlacedSegment<S>[] = [];
    let x = 0;
    for (const word of line) {
      const last = segments[segments.length - 1];
      // Unshaped fonts: a phrase is as wide as its words and spaces.
      if (last && last.style === word.run.style && last.weight === word.run.weight) {
        last.text += (word.spaceBefore ? ' ' : '') + word.text;
        last.width += word.space + word.advance;
        x = last.x + last.width;
        continue;
      }
      // Between phrases of different styles, the space takes the style of the phrase it ends.
      if (last && word.spaceBefore) x += measure.width(' ', size, last.weight);
      segments.push({ text: word.text, x, width: word.advance, weight: word.run.weight, style: word.run.style });
      x += word.advance;
    }
    return segments;
  });
}
