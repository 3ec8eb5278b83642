/**
 * Text widths from the very font files Satori and the PDF use, so that chart layouts can decide
 * whether a label fits before anything is drawn.
 */
import { createPlainFont } from './plain-fontkit';
import { createGlyphOutliner, type GlyphOutliner, type OutlineFont } from './glyph-outlines';
import type { FontFiles } from '../ports';

export type FontWeight = 400 | 700;

const MAX_CACHED_WIDTHS = 50_000;

export interface TextMeasurer extends GlyphOutliner {
  width(text: string, size: number, weight?: FontWeight): number;
  /** Greedy word wrap into at most `maxLines` lines; the last kept line ends with « … » when words are left over. */
  wrap(text: string, size: number, maxWidth: number, maxLines: number, weight?: FontWeight): string[];
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

  return { width, wrap, ...outliner };
}
