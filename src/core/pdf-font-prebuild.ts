/**
 * Makes the renderer's shared font subsets as data, at build time: the same PdfFontSet the renderer
 * uses computes them, from the fonts the renderer would be given, so copying them gives the same
 * bytes as computing them.
 */
import type { Deflate, FontFiles } from '../ports';
import { unshapedFonts } from './font-tables';
import { encodePrebuiltFontSubsets } from './pdf-font-prebuilt';
import { PdfFontSet } from './pdf-font-set';

export function prebuildPdfFontSubsets(fonts: FontFiles, deflate: Deflate): Uint8Array {
  return encodePrebuiltFontSubsets(new PdfFontSet(unshapedFonts(fonts), deflate).prebuiltSubsets());
}
