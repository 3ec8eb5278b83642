/**
 * The PDF file around a document's objects: every cross-reference entry points at its object —
 * at `N 0 obj` for the objects written as they are, into the object stream for the others — and
 * pdf-lib and pdf.js read the file back whole.
 */
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from '@cantoo/pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeDeflate } from '../../src/adapters/deflate-node';
import { writePdfFile } from '../../src/core/pdf-file-writer';

async function sample(): Promise<{ bytes: Uint8Array; objects: number }> {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.setTitle('Essai');
  for (let index = 0; index < 3; index++) {
    const page = document.addPage([595, 842]);
    page.node.set(PDFName.of('Essai'), document.context.obj({ numéro: index, liste: [1, 2.5, 'trois'] }));
    page.node.addContentStream(document.context.register(document.context.flateStream(`0 0 ${index + 1} 1 re f`)));
  }
  return { bytes: writePdfFile(document.context, nodeDeflate(4)), objects: document.context.enumerateIndirectObjects().length };
}

describe('PDF file writer', () => {
  it('indexes every object where it is, through a cross-reference stream', async () => {
    const { bytes, objects } = await sample();
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-1.7\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF$/.exec(text)![1]);
    const xref = /^(\d+) 0 obj\n<<([^]*?)>>\nstream\n/.exec(text.slice(startxref))!;
    expect(xref[2]).toContain('/Type /XRef');
    const size = Number(/\/Size (\d+)/.exec(xref[2]!)![1]);
    const length = Number(/\/Length (\d+)/.exec(xref[2]!)![1]);
    const table = inflateSync(bytes.subarray(startxref + xref[0].length, startxref + xref[0].length + length));
    expect(table.length).toBe(size * 7);
    let direct = 0;
    let packed = 0;
    for (let number = 0; number < size; number++) {
      const entry = table.subarray(number * 7, number * 7 + 7);
      const second = entry.readUInt32BE(1);
      if (entry[0] === 1) {
        direct++;
        expect(text.startsWith(`${number} 0 obj\n`, second)).toBe(true);
      } else if (entry[0] === 2) {
        packed++;
        expect(table[second * 7]).toBe(1);
      } else {
        expect(number).toBe(0);
      }
    }
    // The document's objects, the object stream and the cross-reference stream itself.
    expect(direct + packed).toBe(objects + 2);
    expect(packed).toBeGreaterThan(0);
  });

  it('reads back in pdf-lib and pdf.js with its pages, objects and info', async () => {
    const { bytes } = await sample();
    const document = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(document.getPageCount()).toBe(3);
    expect(document.getTitle()).toBe('Essai');
    const essai = document.getPage(2).node.lookup(PDFName.of('Essai'));
    expect(String(essai)).toContain('/liste [ 1 2.5 /trois ]');
    const contents = document.getPage(2).node.lookup(PDFName.of('Contents'), PDFArray).lookup(0, PDFRawStream);
    expect(Buffer.from(decodePDFRawStream(contents).decode()).toString('latin1')).toBe('0 0 3 1 re f');
    const pdfjs = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
    expect(pdfjs.numPages).toBe(3);
    expect((await pdfjs.getMetadata()).info).toMatchObject({ Title: 'Essai' });
    await pdfjs.destroy();
  });
});
