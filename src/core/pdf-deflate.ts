/** Where the runtime brings no zlib (Workers): pdf-lib's own JavaScript deflate, as pdf-lib compresses streams. */
import { PDFContext, type PDFRawStream } from '@cantoo/pdf-lib';
import type { Deflate } from '../ports';

export const pdfLibDeflate: Deflate = (data) => (PDFContext.create().flateStream(data) as PDFRawStream).getContents();
