/**
 * Prebuilt shared font subsets (made at build time for the Worker) give the PDF bytes the renderer
 * computes without them, are really what the PDF copies, and are not used when they were made from
 * other fonts, another charset or another deflate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFactsheetFromDisk } from '../../src/adapters/factsheet-fs.js';
import { PDF_DEFLATE_LEVEL, nodeDeflate } from '../../src/adapters/deflate-node.js';
import { loadNodeFonts } from '../../src/adapters/fonts-node.js';
import { createNodeRasterizer } from '../../src/adapters/raster-node.js';
import { loadYogaWasm } from '../../src/adapters/layout-node.js';
import { createRenderer, initLayoutEngine, type FactsheetInput } from '../../src/core/render.js';
import { prebuildPdfFontSubsets } from '../../src/core/pdf-font-prebuild.js';
import { decodePrebuiltFontSubsets, encodePrebuiltFontSubsets, fontSubsetsIdentity, type PrebuiltFontSubsets } from '../../src/core/pdf-font-prebuilt.js';
import { unshapedFonts } from '../../src/core/font-tables.js';
import type { FontFiles } from '../../src/ports.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';
import { pdfPagesText } from '../helpers/pdf-text.js';

let fonts: FontFiles;
let prebuilt: Uint8Array;
const deflate = nodeDeflate(PDF_DEFLATE_LEVEL);

beforeAll(async () => {
  await initLayoutEngine(await loadYogaWasm());
  fonts = await loadNodeFonts();
  prebuilt = prebuildPdfFontSubsets(fonts, deflate);
});

function renderer(subsets?: Uint8Array, stale: string[] = []) {
  return createRenderer({ fonts, rasterizer: createNodeRasterizer(), deflate, ...(subsets ? { pdfFontSubsets: subsets, onStalePdfFontSubsets: (reason) => stale.push(reason) } : {}) });
}

/** A département whose name has a letter outside the prebuilt charset (Latin Extended-A). */
function withRareLetter(input: FactsheetInput): FactsheetInput {
  return { ...input, departement: { ...input.departement, name: `${input.departement.name} Ŵ` } };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('prebuilt PDF font subsets', () => {
  it('give the bytes of computed subsets, for several départements and a character outside the set', async () => {
    const stale: string[] = [];
    const computed = renderer();
    const copied = renderer(prebuilt, stale);
    const inputs = await Promise.all(['55', '75', '976', '2A'].map((code) => loadFactsheetFromDisk(SAMPLE_DIR, code)));
    inputs.push(withRareLetter(inputs[0]!));
    for (const input of inputs) {
      const expected = await computed.factsheetPdf(input);
      const actual = await copied.factsheetPdf(input);
      expect(same(actual, expected), input.departement.code).toBe(true);
    }
    expect((await pdfPagesText(await copied.factsheetPdf(inputs.at(-1)!))).join(' ')).toContain('Ŵ');
    // A single page and a chart draw fewer faces: still the same bytes.
    expect(same(await copied.pagePdf(inputs[1]!, 4), await computed.pagePdf(inputs[1]!, 4))).toBe(true);
    expect(same(await copied.chartPdf(inputs[2]!, 'export'), await computed.chartPdf(inputs[2]!, 'export'))).toBe(true);
    expect(stale).toEqual([]);
  });

  it('are what the PDF copies: a changed byte in the data shows in the PDF', async () => {
    const decoded = decodePrebuiltFontSubsets(prebuilt) as PrebuiltFontSubsets;
    const program = decoded.faces.regular!.program.slice();
    program[program.length - 10]! ^= 0xff;
    const tampered = encodePrebuiltFontSubsets({ ...decoded, faces: { ...decoded.faces, regular: { ...decoded.faces.regular!, program } } });
    const input = await loadFactsheetFromDisk(SAMPLE_DIR, '55');
    expect(same(await renderer(tampered).factsheetPdf(input), await renderer().factsheetPdf(input))).toBe(false);
  });

  it('are not used when made from other fonts, and the renderer says why', async () => {
    const input = await loadFactsheetFromDisk(SAMPLE_DIR, '48');
    const expected = await renderer().factsheetPdf(input);
    const swapped = prebuildPdfFontSubsets({ regular: fonts.bold, bold: fonts.regular, italic: fonts.italic! }, deflate);
    const stale: string[] = [];
    expect(same(await renderer(swapped, stale).factsheetPdf(input), expected)).toBe(true);
    expect(stale).toEqual([expect.stringMatching(/made for .*, these fonts and charset are/)]);
  });

  it('are not used when compressed otherwise: the rebuilt ToUnicode map gives other bytes', async () => {
    const input = await loadFactsheetFromDisk(SAMPLE_DIR, '59');
    const expected = await renderer().factsheetPdf(input);
    const stale: string[] = [];
    expect(same(await renderer(prebuildPdfFontSubsets(fonts, nodeDeflate(9)), stale).factsheetPdf(input), expected)).toBe(true);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale[0]).toMatch(/ToUnicode map compresses to other bytes/);
  });

  it('are not used when unreadable', async () => {
    const input = await loadFactsheetFromDisk(SAMPLE_DIR, '2B');
    const stale: string[] = [];
    expect(same(await renderer(prebuilt.subarray(0, 40), stale).factsheetPdf(input), await renderer().factsheetPdf(input))).toBe(true);
    expect(stale).toEqual([expect.stringMatching(/^prebuilt font subsets: /)]);
  });

  it('name the fonts they were made from: a changed table, or a missing italic, is another identity', () => {
    const base = fontSubsetsIdentity(unshapedFonts(fonts));
    const edited = fonts.regular.slice();
    const view = new DataView(edited.buffer);
    view.setUint32(12 + 4, view.getUint32(12 + 4) ^ 1); // the first table's checksum, as a font tool rewrites it
    expect(fontSubsetsIdentity(unshapedFonts({ ...fonts, regular: edited }))).not.toBe(base);
    expect(fontSubsetsIdentity(unshapedFonts({ regular: fonts.regular, bold: fonts.bold }))).not.toBe(base);
    expect(fontSubsetsIdentity(unshapedFonts(fonts))).toBe(base);
  });
});
