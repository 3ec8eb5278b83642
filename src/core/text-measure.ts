/**
 * Text widths from the very font files Satori and the PDF use, so that chart layouts can decide
 * whether a label fits before anything is drawn.
 */
import { createPlainFont } from './plain-fontkit';
import { createGlyphOutliner, type GlyphOutliner, type OutlineFont } from './glyph-outlines';
import type { FontFiles } from '../ports';
import { breakLines, type PlacedSegment } from './line-break';

export type FontWeight = 400 | 700;

const MAX_CACHED_WIDTHS = 50_000;
const MAX_CACHED_TEXTS = 2_000;

export interface TextMeasurer extends GlyphOutliner {
  width(text: string, size: number, weight?: FontWeight): number;
  /** Greedy word wrap into at most `maxLines` lines; the last kept line ends with « … » when words are left over. */
  wrap(text: string, size: number, maxWidth: number, maxLines: number, weight?: FontWeight): string[];
  /**
   * Running text of one style broken into lines (see line-break.ts), kept: most paragraphs are the
   * same words in the same box in every factsheet. The lines are shared; do not change them.
   */
  plainLines(text: string, maxWidth: number, size: number, weight?: FontWeight): readonly (readonly PlacedSegment<null>[])[];
}

interface LayoutFont {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
}

export function createTextMeasurer(fonts: FontFiles): TextMeasurer {
  const faces: Record<FontWeight, LayoutFont & OutlineFont> = {
    400: createPlainFont(fonts.regular) as unknown as LayoutFont & OutlineFont,
    700: createPlainFont(fonts.bold) as unknown as LayoutFont & OutlineFont,
  };
  const outliner = createGlyphOutliner(faces);
  // One map per weight: a key made of weight and text would be a new string to build and hash at
  // every call, and text layout calls this for every word of every line.
  const cached: Record<FontWeight, Map<string, number>> = { 400: new Map(), 700: new Map() };

  function width(text: string, size: number, weight: FontWeight = 400): number {
    const cache = cached[weight];
    let units = cache.get(text);
    if (units === undefined) {
      const face = faces[weight];
      units = face.layout(text).advanceWidth / face.unitsPerEm;
      // Words and labels repeat across factsheets; figures do not, so a long-lived process starts over now and then.
      if (cache.size >= MAX_CACHED_WIDTHS / 2) cache.clear();
      cache.set(text, units);
    }
    return units * size;
  }

  function wrap(text: string, size: number, maxWidth: number, maxLines: number, weight: FontWeight = 400): string[] {
    const lines: string[] = [];
    for (const word of text.split(/\s+/).filter(Boolean)) {
      // A single word wider than the box: the label does not fit at all.
      if (width(word, size, weight) > maxWidth) return [];
      const last = lines[lines.length - 1];
      if (last !== undefined && width(last + ' ' + word, size, weight) <= maxWidth) lines[lines.length - 1] = last + ' ' + word;
      else lines.push(word);
    }
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1]!;
    while (last && width(last + '…', size, weight) > maxWidth) last = last.split(' ').slice(0, -1).join(' ');
    if (!last) return [];
    kept[maxLines - 1] = last.replace(/[\s,;:]+$/, '') + '…';
    return kept;
  }

  // By text first: texts are mostly the templates' own constants, whose hash the engine keeps.
  const linesOf = new Map<string, Map<string, PlacedSegment<null>[][]>>();
  const measurer: TextMeasurer = { width, wrap, plainLines, ...outliner };

  function plainLines(text: string, maxWidth: number, size: number, weight: FontWeight = 400): readonly (readonly PlacedSegment<null>[])[] {
    let boxes = linesOf.get(text);
    if (boxes === undefined) {
      if (linesOf.size >= MAX_CACHED_TEXTS) linesOf.clear();
      boxes = new Map();
      linesOf.set(text, boxes);
    }
    const box = `${maxWidth} ${size} ${weight}`;
    let lines = boxes.get(box);
    if (lines === undefined) {
      lines = breakLines([{ text, weight, style: null }], maxWidth, size, measurer);
      boxes.set(box, lines);
    }
    return lines;
  }

  return measurer;
}
