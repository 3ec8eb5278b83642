/**
 * fontkit with shaping turned off. pdf-lib calls `font.layout()` for every string it measures or
 * draws, and fontkit's full OpenType shaping costs about half a millisecond per call: most of a
 * factsheet's PDF time. Satori does not shape either (no ligatures, no kerning in its layout), so
 * mapping characters straight to glyphs through the cmap draws exactly the text Satori laid out.
 */
import fontkit from '@cantoo/fontkit';

interface Glyph {
  id: number;
  advanceWidth: number;
}
interface FontLike {
  unitsPerEm: number;
  glyphsForString(text: string): Glyph[];
  layout(text: string, ...rest: unknown[]): { glyphs: Glyph[]; positions: unknown[]; advanceWidth: number };
}

/**
 * Parsed fonts by their bytes: parsing a face (its glyph names above all) cost more than writing a
 * page, and the renderer embeds the same few faces in every PDF. A parsed face is only read from;
 * pdf-lib keeps each document's subset apart.
 */
const parsed = new WeakMap<Uint8Array, FontLike>();

export function createPlainFont(bytes: Uint8Array): FontLike {
  const known = parsed.get(bytes);
  if (known) return known;
  const font = fontkit.create(bytes) as unknown as FontLike;
  parsed.set(bytes, font);
  font.layout = (text: string) => {
    const glyphs = font.glyphsForString(text);
    let advanceWidth = 0;
    const positions = glyphs.map((glyph) => {
      advanceWidth += glyph.advanceWidth;
      return { xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 };
    });
    return { glyphs, positions, advanceWidth };
  };
  return font;
}

/** What `PDFDocument.registerFontkit` expects, creating unshaped fonts. */
export const plainFontkit = {
  create: (bytes: Uint8Array) => createPlainFont(bytes),
} as unknown as typeof fontkit;
