/**
 * Text and facts of a PDF as a reader's viewer sees them, extracted with pdf.js (no system tools
 * needed): one string per page, words that touch joined without a space, lines joined with one.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Item {
  str: string;
  transform: number[];
  width: number;
}

export interface PdfFacts {
  pages: string[];
  info: Record<string, unknown>;
  links: string[][];
  pageSizes: [number, number][];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  const links: string[][] = [];
  const pageSizes: [number, number][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const viewport = page.getViewport({ scale: 1 });
    pageSizes.push([Math.round(viewport.width), Math.round(viewport.height)]);
    const content = await page.getTextContent();
    let text = '';
    let previous: Item | undefined;
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      const item = raw as Item;
      if (item.str === '') continue;
      if (previous) {
        const sameLine = Math.abs(previous.transform[5]! - item.transform[5]!) < 0.5;
        const gap = item.transform[4]! - (previous.transform[4]! + previous.width);
        text += sameLine && gap < 0.8 ? '' : ' ';
      }
      text += item.str;
      previous = item;
    }
    pages.push(normalise(text));
    const annotations = await page.getAnnotations();
    links.push(annotations.filter((annotation) => annotation.subtype === 'Link').map((annotation) => String(annotation.url ?? annotation.unsafeUrl ?? '')));
  }
  const { info } = await document.getMetadata();
  await document.destroy();
  return { pages, info: info as Record<string, unknown>, links, pageSizes };
}

/** The text of each page, as readPdf extracts it. */
export async function pdfPagesText(bytes: Uint8Array): Promise<string[]> {
  return (await readPdf(bytes)).pages;
}

/** One space for any run of spaces (including the no-break ones); words broken after a hyphen mended. */
export function normalise(text: string): string {
  return text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/(\p{L})- (\p{L})/gu, '$1-$2')
    .trim();
}
