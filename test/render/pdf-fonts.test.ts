/**
 * The renderer's shared font subsets: documents copy one prebuilt subset per face, a character
 * outside its set still shows and copies (the face is subset again for that document, the shared
 * codes unchanged), a character the font lacks does not stop the document, and the shared subsets
 * are not changed by a document that extended its own.
 */
import fontkit from '@cantoo/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, decodePDFRawStream, type PDFRawStream } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import { nodeDeflate } from '../../src/adapters/deflate-node';
import { withoutShapingTables } from '../../src/core/font-tables';
import { PdfFontSet } from '../../src/core/pdf-font-set';
import { PREBUILT_CODE_POINTS } from '../../src/core/pdf-font-charset';
import { svgPagesToPdf, type PdfPageSource } from '../../src/core/render-pdf';
import type { FontFiles } from '../../src/ports';
import { readPdf } from '../helpers/pdf-text';

let files: FontFiles;

beforeAll(async () => {
  const raw = await loadNodeFonts();
  files = { regular: withoutShapingTables(raw.regular), bold: withoutShapingTables(raw.bold), italic: withoutShapingTables(raw.italic!) };
});

/** One page of Satori-like SVG: one `<text>` per line, in the face asked for. */
function page(lines: readonly { text: string; bold?: boolean }[]): PdfPageSource {
  const texts = lines.map((line, index) => `<text x="40" y="${60 + index * 20}" width="400" font-size="12"${line.bold ? ' font-weight="700"' : ''}>${line.text}</text>`);
  return {
    svg: `<svg width="595" height="842" viewBox="0 0 595 842" xmlns="http://www.w3.org/2000/svg">${texts.join('')}</svg>`,
    width: 595,
    height: 842,
    links: [],
    tags: [],
    satoriTexts: lines.map((line, index) => ({ tag: { role: 'P' as const }, block: index, letters: [...line.text].filter((character) => character.trim() !== '').length })),
  };
}

const METADATA = { title: 'Essai', author: 'ANCT', subject: 'Polices', keywords: [], creator: 'test', date: new Date(Date.UTC(2024, 0, 1)) };

async function write(set: PdfFontSet, lines: readonly { text: string; bold?: boolean }[]): Promise<Uint8Array> {
  return svgPagesToPdf([page(lines)], set, METADATA, { linkColor: '#000091', deflate: nodeDeflate(6) });
}

interface WrittenFont {
  baseFont: string;
  program: Uint8Array;
  glyphs: number;
}

async function fontsOf(bytes: Uint8Array): Promise<WrittenFont[]> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const fonts: WrittenFont[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object instanceof PDFStream || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const cidFont = object.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const widths = cidFont.lookup(PDFName.of('W'), PDFArray);
    let glyphs = 0;
    for (let index = 1; index < widths.size(); index += 2) glyphs += widths.lookup(index, PDFArray).size();
    const program = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2')) as PDFRawStream;
    fonts.push({ baseFont: object.lookup(PDFName.of('BaseFont'), PDFName).decodeText(), program: program.getContents(), glyphs });
  }
  return fonts.sort((a, b) => a.baseFont.localeCompare(b.baseFont));
}

/** Each subset glyph's outline beside the outline of the character its ToUnicode entry names, in the face the document was made from. */
async function outlinesOf(bytes: Uint8Array, face: Uint8Array): Promise<{ drawn: string; expected: string; character: string }[]> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const original = fontkit.create(Buffer.from(face)) as unknown as OutlineFont;
  const pairs: { drawn: string; expected: string; character: string }[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object instanceof PDFStream || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const cidFont = object.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const program = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2')) as PDFRawStream;
    const subset = fontkit.create(Buffer.from(decodePDFRawStream(program).decode())) as unknown as OutlineFont;
    const cmap = Buffer.from(decodePDFRawStream(object.lookup(PDFName.of('ToUnicode')) as PDFRawStream).decode()).toString('latin1');
    for (const [, code, unicode] of cmap.matchAll(/^<([0-9A-F]{4})> <([0-9A-F]{4,8})>$/gm)) {
      const character = String.fromCharCode(...unicode!.match(/.{4}/g)!.map((unit) => parseInt(unit, 16)));
      pairs.push({ character, drawn: subset.getGlyph(parseInt(code!, 16)).path.toSVG(), expected: original.glyphForCodePoint(character.codePointAt(0)!).path.toSVG() });
    }
  }
  return pairs;
}

interface OutlineFont {
  getGlyph(id: number): { path: { toSVG(): string } };
  glyphForCodePoint(codePoint: number): { path: { toSVG(): string } };
}

describe('shared font subsets', () => {
  it('draw each code with the glyph of the character it copies as', async () => {
    const bytes = await write(new PdfFontSet(files, nodeDeflate(6)), [{ text: 'Œuvre « déjà » — 1 340,7 € ; Ŵyddgrug Ελλάδα' }]);
    const pairs = await outlinesOf(bytes, files.regular);
    expect(pairs.length).toBeGreaterThan(200);
    for (const pair of pairs) expect(pair.drawn, pair.character).toBe(pair.expected);
    expect(pairs.map((pair) => pair.character)).toEqual(expect.arrayContaining(['Œ', 'é', '€', 'Ŵ', 'λ']));
  });

  it('are copied as they are into each document, which shows and copies its text', async () => {
    const set = new PdfFontSet(files, nodeDeflate(6));
    const first = await write(set, [{ text: 'Exportations : 1 340,7 millions d’euros' }, { text: 'Œuvre « fiche » — 12 %', bold: true }]);
    const second = await write(set, [{ text: 'Importations' }, { text: 'Nord', bold: true }]);
    expect((await readPdf(first)).pages[0]).toBe('Exportations : 1 340,7 millions d’euros Œuvre « fiche » — 12 %');
    const [a, b] = [await fontsOf(first), await fontsOf(second)];
    expect(a.map((font) => font.baseFont)).toEqual(['FCEAAA+SourceSans3-Regular', 'FCEAAB+SourceSans3-Bold']);
    for (const [index, font] of a.entries()) {
      expect(Buffer.from(font.program).equals(Buffer.from(b[index]!.program))).toBe(true);
      expect(font.glyphs).toBeGreaterThan(200);
      expect(font.glyphs).toBeLessThanOrEqual(PREBUILT_CODE_POINTS.length);
    }
  });

  it('write only the faces a document draws', async () => {
    const fonts = await fontsOf(await write(new PdfFontSet(files, nodeDeflate(6)), [{ text: 'Seulement en gras', bold: true }]));
    expect(fonts.map((font) => font.baseFont)).toEqual(['FCEAAB+SourceSans3-Bold']);
  });

  it('take a character outside the shared set into that document’s own subset, without changing the shared one', async () => {
    const set = new PdfFontSet(files, nodeDeflate(6));
    const plain = await write(set, [{ text: 'Gwynedd' }]);
    // ŵ (Latin Extended-A), Greek and Cyrillic are in Source Sans 3 but not in the shared set.
    expect(PREBUILT_CODE_POINTS).not.toContain('ŵ'.codePointAt(0));
    const rare = await write(set, [{ text: 'Ŵyddgrug Ελλάδα Жуков' }]);
    expect((await readPdf(rare)).pages[0]).toBe('Ŵyddgrug Ελλάδα Жуков');
    const [shared, extended] = [(await fontsOf(plain))[0]!, (await fontsOf(rare))[0]!];
    expect(extended.glyphs).toBe(shared.glyphs + new Set('ŴΕλάδαЖуков').size);
    expect(Buffer.from(extended.program).equals(Buffer.from(shared.program))).toBe(false);
    // The document after it gets the shared subset again, byte for byte as before.
    expect(Buffer.from(await write(set, [{ text: 'Gwynedd' }])).equals(Buffer.from(plain))).toBe(true);
  });

  it('hold a rare character met on a later page than the face’s first use', async () => {
    const set = new PdfFontSet(files, nodeDeflate(6));
    const bytes = await svgPagesToPdf([page([{ text: 'Gwynedd' }]), page([{ text: 'Ŵyddgrug Ελλάδα' }])], set, METADATA, { linkColor: '#000091', deflate: nodeDeflate(6) });
    expect((await readPdf(bytes)).pages).toEqual(['Gwynedd', 'Ŵyddgrug Ελλάδα']);
  });

  it('draw a character the fonts lack as the missing-glyph box and keep the rest of the text', async () => {
    const bytes = await write(new PdfFontSet(files, nodeDeflate(6)), [{ text: 'Chine 中国 Japon' }]);
    const text = (await readPdf(bytes)).pages[0]!;
    expect(text).toContain('Chine');
    expect(text).toContain('Japon');
    expect(text).not.toContain('中');
  });

  it('give the same bytes with a fresh set as with a used one', async () => {
    const used = new PdfFontSet(files, nodeDeflate(6));
    await write(used, [{ text: 'Ελλάδα et 中国', bold: true }]);
    const lines = [{ text: 'Total des exportations' }, { text: 'Meuse', bold: true }];
    expect(Buffer.from(await write(used, lines)).equals(Buffer.from(await write(new PdfFontSet(files, nodeDeflate(6)), lines)))).toBe(true);
  });
});
