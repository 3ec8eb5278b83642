/**
 * Text to the hex glyph codes of an embedded subset font, one character at a time and cached.
 * The fonts are unshaped (see plain-fontkit.ts): a string's glyphs are its characters' glyphs, so
 * asking pdf-lib once per distinct character registers the same subset glyphs as asking per
 * string, at a fraction of the cost.
 */
import type { PDFFont } from '@cantoo/pdf-lib';

export interface EncodedText {
  /** The glyph codes, four hex digits each, as a PDF hex string's contents. */
  hex: string;
  /** Sum of the advances in thousandths of the font size. */
  advance: number;
  glyphCount: number;
}

export interface GlyphEncoder {
  encode(text: string): EncodedText;
}

export function createGlyphEncoder(font: PDFFont): GlyphEncoder {
  const glyphs = new Map<string, { hex: string; advance: number }>();
  return {
    encode(text) {
      let hex = '';
      let advance = 0;
      let glyphCount = 0;
      for (const character of text) {
        let glyph = glyphs.get(character);
        if (!glyph) {
          glyph = { hex: font.encodeText(character).asString(), advance: font.widthOfTextAtSize(character, 1000) };
          glyphs.set(character, glyph);
        }
        hex += glyph.hex;
        advance += glyph.advance;
        glyphCount++;
      }
      return { hex, advance, glyphCount };
    },
  };
}
