/**
 * A document's objects as a PDF file, in place of pdf-lib's writer: the same layout (streams, the
 * catalog and the page objects as they are, every other object in an object stream, a
 * cross-reference stream), but the object stream and the cross-reference stream are compressed with
 * the runtime's deflate instead of pdf-lib's JavaScript one, which took a tenth of a factsheet's
 * PDF time, and all objects go into one object stream, so its dictionaries compress together.
 */
import { PDFCatalog, PDFPageLeaf, PDFPageTree, PDFStream, type PDFContext, type PDFObject, type PDFRef } from '@cantoo/pdf-lib';
import type { Deflate } from '../ports';
import { ContentWriter } from './pdf-content-writer';

/** Bytes of a cross-reference entry: type, offset (or object stream number), generation (or index in the stream). */
const ENTRY_WIDTHS = [1, 4, 2] as const;

export function writePdfFile(context: PDFContext, deflate: Deflate): Uint8Array {
  const out = new ContentWriter();
  out.object(context.header).text('\n\n');
  const objects = context.enumerateIndirectObjects();
  const direct: [PDFRef, PDFObject][] = [];
  const packed: [PDFRef, PDFObject][] = [];
  for (const entry of objects) {
    const object = entry[1];
    const keepDirect = object instanceof PDFStream || object instanceof PDFCatalog || object instanceof PDFPageTree || object instanceof PDFPageLeaf || entry[0].generationNumber !== 0;
    (keepDirect ? direct : packed).push(entry);
  }
  const size = context.largestObjectNumber + 3;
  const objectStreamNumber = size - 2;
  const xrefNumber = size - 1;
  // Per object number: type (0 free, 1 at an offset, 2 in the object stream) and its two fields.
  const types = new Uint8Array(size);
  const fields = new Float64Array(size * 2);

  for (const [ref, object] of direct) {
    types[ref.objectNumber] = 1;
    fields[ref.objectNumber * 2] = out.position;
    fields[ref.objectNumber * 2 + 1] = ref.generationNumber;
    writeIndirect(out, ref.objectNumber, ref.generationNumber, object);
  }

  if (packed.length > 0) {
    const offsets = new ContentWriter();
    const bodies = new ContentWriter();
    packed.forEach(([ref, object], index) => {
      types[ref.objectNumber] = 2;
      fields[ref.objectNumber * 2] = objectStreamNumber;
      fields[ref.objectNumber * 2 + 1] = index;
      offsets.number(ref.objectNumber).number(bodies.position);
      bodies.object(object).text('\n');
    });
    const header = offsets.line('').bytes();
    const contents = new Uint8Array(header.length + bodies.position);
    contents.set(header, 0);
    contents.set(bodies.bytes(), header.length);
    const objectStream = context.stream(deflate(contents), { Type: 'ObjStm', N: packed.length, First: header.length, Filter: 'FlateDecode' });
    types[objectStreamNumber] = 1;
    fields[objectStreamNumber * 2] = out.position;
    writeIndirect(out, objectStreamNumber, 0, objectStream);
  }

  types[xrefNumber] = 1;
  const xrefOffset = out.position;
  fields[xrefNumber * 2] = xrefOffset;
  const table = new Uint8Array(size * (ENTRY_WIDTHS[0] + ENTRY_WIDTHS[1] + ENTRY_WIDTHS[2]));
  for (let number = 0, at = 0; number < size; number++) {
    const second = fields[number * 2]!;
    const third = fields[number * 2 + 1]!;
    table[at++] = types[number]!;
    table[at++] = (second / 0x1000000) & 0xff;
    table[at++] = (second >> 16) & 0xff;
    table[at++] = (second >> 8) & 0xff;
    table[at++] = second & 0xff;
    table[at++] = (third >> 8) & 0xff;
    table[at++] = third & 0xff;
  }
  const trailer = context.trailerInfo;
  const xrefStream = context.stream(deflate(table), {
    Type: 'XRef',
    Size: size,
    W: [...ENTRY_WIDTHS],
    Filter: 'FlateDecode',
    Root: trailer.Root,
    ...(trailer.Info ? { Info: trailer.Info } : {}),
    ...(trailer.ID ? { ID: trailer.ID } : {}),
  });
  writeIndirect(out, xrefNumber, 0, xrefStream);
  out.text('startxref\n').digits(xrefOffset).text('\n%%EOF');
  return out.bytes();
}

function writeIndirect(out: ContentWriter, objectNumber: number, generation: number, object: PDFObject): void {
  out.number(objectNumber).number(generation).text('obj\n').object(object).text('\nendobj\n\n');
}
