/**
 * Drops a TrueType font's shaping tables (GSUB, GPOS, kern). Satori then measures words without
 * looking up ligature and kerning features for each of them (a fifth of a factsheet's time), and
 * its layout matches the PDF's text exactly, since the PDF draws glyphs without shaping either.
 * Only the sfnt table directory is rewritten; the remaining tables are copied unchanged.
 */
import type { FontFiles } from '../ports';

const DROPPED = new Set(['GSUB', 'GPOS', 'kern']);

/** The faces as the renderer uses them everywhere: Satori's layout, the label measurer and the PDF see the same advances. */
export function unshapedFonts(fonts: FontFiles): FontFiles {
  return {
    regular: withoutShapingTables(fonts.regular),
    bold: withoutShapingTables(fonts.bold),
    ...(fonts.italic ? { italic: withoutShapingTables(fonts.italic) } : {}),
  };
}

export function withoutShapingTables(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tableCount = view.getUint16(4);
  const tables: { tag: string; checksum: number; offset: number; length: number }[] = [];
  for (let index = 0; index < tableCount; index++) {
    const record = 12 + index * 16;
    const tag = String.fromCharCode(font[record]!, font[record + 1]!, font[record + 2]!, font[record + 3]!);
    tables.push({ tag, checksum: view.getUint32(record + 4), offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
  }
  const kept = tables.filter((table) => !DROPPED.has(table.tag));
  if (kept.length === tables.length) return font;
  const padded = (length: number): number => (length + 3) & ~3;
  const headerLength = 12 + kept.length * 16;
  const out = new Uint8Array(kept.reduce((sum, table) => sum + padded(table.length), headerLength));
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 4), 0); // sfnt version
  const searchPower = 2 ** Math.floor(Math.log2(kept.length));
  outView.setUint16(4, kept.length);
  outView.setUint16(6, searchPower * 16);
  outView.setUint16(8, Math.log2(searchPower));
  outView.setUint16(10, kept.length * 16 - searchPower * 16);
  let offset = headerLength;
  kept.forEach((table, index) => {
    const record = 12 + index * 16;
    for (let char = 0; char < 4; char++) out[record + char] = table.tag.charCodeAt(char);
    outView.setUint32(record + 4, table.checksum);
    outView.setUint32(record + 8, offset);
    outView.setUint32(record + 12, table.length);
    out.set(font.subarray(table.offset, table.offset + table.length), offset);
    offset += padded(table.length);
  });
  return out;
}
