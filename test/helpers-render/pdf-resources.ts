/**
 * What a PDF embeds, read from its objects with pdf-lib and from its drawing operators with pdf.js,
 * so that no system tool (poppler's pdffonts, pdfimages) is needed: each font as a reader's viewer
 * would list it, and every image the pages paint.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream } from '@cantoo/pdf-lib';
import { OPS, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFont {
  baseFont: string;
  subtype: string;
  encoding: string | null;
  /** The descendant CIDFont's subtype for a Type0 font (`CIDFontType2` is TrueType outlines). */
  descendant: string | null;
  /** Which font program stream the descriptor carries: `FontFile2` (TrueType), `FontFile3`, `FontFile`, or none. */
  program: 'FontFile' | 'FontFile2' | 'FontFile3' | null;
  programBytes: number;
  toUnicode: boolean;
}

function nameOf(dict: PDFDict, key: string): string | null {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFName ? value.decodeText() : null;
}

function fontOf(dict: PDFDict): PdfFont {
  let descriptorOwner = dict;
  let descendant: string | null = null;
  const descendants = dict.lookup(PDFName.of('DescendantFonts'));
  if (descendants instanceof PDFArray) {
    descriptorOwner = descendants.lookup(0, PDFDict);
    descendant = nameOf(descriptorOwner, 'Subtype');
  }
  const descriptor = descriptorOwner.lookup(PDFName.of('FontDescriptor'));
  let program: PdfFont['program'] = null;
  let programBytes = 0;
  if (descriptor instanceof PDFDict) {
    for (const key of ['FontFile', 'FontFile2', 'FontFile3'] as const) {
      const stream = descriptor.lookup(PDFName.of(key));
      if (stream instanceof PDFStream) {
        program = key;
        programBytes = stream.getContentsSize();
      }
    }
  }
  return {
    baseFont: nameOf(dict, 'BaseFont') ?? '',
    subtype: nameOf(dict, 'Subtype') ?? '',
    encoding: nameOf(dict, 'Encoding'),
    descendant,
    program,
    programBytes,
    toUnicode: dict.lookup(PDFName.of('ToUnicode')) instanceof PDFStream,
  };
}

/** Every top-level font object of the document (descendant CIDFonts are reported through their Type0 parent). */
export async function pdfFonts(bytes: Uint8Array): Promise<PdfFont[]> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const fonts: PdfFont[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || nameOf(object, 'Type') !== 'Font') continue;
    if (nameOf(object, 'Subtype') === 'CIDFontType2' || nameOf(object, 'Subtype') === 'CIDFontType0') continue;
    fonts.push(fontOf(object));
  }
  return fonts;
}

/** Image XObjects stored in the file, whether a page paints them or not. */
export async function pdfImageObjects(bytes: Uint8Array): Promise<number> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  let images = 0;
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (object instanceof PDFStream && object.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image')) images += 1;
  }
  return images;
}

const IMAGE_OPERATORS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
  OPS.paintImageMaskXObjectGroup,
]);

/** Images each page paints, inline ones included, as pdf.js's interpreter meets them. */
export async function pdfPaintedImages(bytes: Uint8Array): Promise<number[]> {
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const counts: number[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const { fnArray } = await (await document.getPage(number)).getOperatorList();
      counts.push(fnArray.filter((operator) => IMAGE_OPERATORS.has(operator)).length);
    }
    return counts;
  } finally {
    await document.destroy();
  }
}
