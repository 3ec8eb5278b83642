/**
 * fontkit with shaping turned off. The chart label measurer calls `font.layout()` for every label,
 * and fontkit's full OpenType shaping costs about half a millisecond per call. Satori does not
 * shape either (no ligatures, no kerning in its layout), and the PDF draws each character's cmap
 * glyph (pdf-font-subset.ts), so mapping characters straight to glyphs measures exactly the text
 * that is drawn.
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
 * page, and the renderer measures and subsets the same few faces again and again. A parsed face is
 * only read from.
 */
const parsed = new WeakMap<Uint8Array, FontLike>();

export function createPlainFont(bytes: Uint8Array): FontLike {
  const known = parsed.get(bytes);
  if (known) return known;
  const font = fontkit.create(bytes) as unknown as FontLike;
  parsed.set(bytes, font);
  withPostHeaderOnly(font, bytes);
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

interface TableEntry {
  offset: number;
  length: number;
}
interface FontInternals {
  directory: { tables: Record<string, TableEntry | undefined> };
  _getTable(table: TableEntry): Record<string, unknown> | undefined;
}

/** Fields of the `post` table that glyph names are not needed for, and where they sit. */
const POST_HEADER_LENGTH = 32;
const POST_GLYPH_NAME_FIELDS = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'];

/**
 * The PDF's font descriptor reads `italicAngle` and `post.isFixedPitch`, and fontkit decodes
 * the whole `post` table for them, a string per glyph name: a cold process's or a cold Worker
 * isolate's first PDF spent about a third of its time there. The header is read from its fixed
 * place instead; glyph names, which nothing here asks for, are still decoded on first use.
 */
function withPostHeaderOnly(font: FontLike, bytes: Uint8Array): void {
  const internals = font as unknown as FontInternals;
  const table = internals.directory?.tables?.post;
  if (!table || table.length < POST_HEADER_LENGTH || typeof internals._getTable !== 'function') return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + table.offset, POST_HEADER_LENGTH);
  const fixed = (at: number) => view.getInt32(at) / 65536;
  const header: Record<string, unknown> = {
    version: fixed(0),
    italicAngle: fixed(4),
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  for (const field of POST_GLYPH_NAME_FIELDS) {
    Object.defineProperty(header, field, { enumerable: true, get: () => internals._getTable(table)?.[field] });
  }
  Object.defineProperty(font, 'post', { configurable: true, get: () => header });
}
