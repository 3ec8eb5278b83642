/**
 * The renderer: indicator documents and fonts in, bytes out. It reads no file, no network and no
 * runtime global; the entry points hand it fonts, the layout engine's wasm and a rasteriser.
 */
import type { Deflate, FontFiles, Rasterizer } from '../ports';
import { buildChartCard } from '../../templates/chart-card';
import { buildChart } from '../../templates/charts/charts';
import { buildPage } from '../../templates/pages';
import { PAGE_COUNT, PNG_WIDTH, RENDERER_VERSION } from './renderer-constants';
import * as texts from '../../templates/texts';
import { colors, page } from '../../templates/theme';
import type { NestedSvg } from '../../templates/nested-svg';
import { CHART_SLUGS, isChartSlug, type ChartSlug, type FactsheetInput } from './factsheet';
import { svgPagesToPdf, type PdfMetadata, type PdfPageSource } from './render-pdf';
import { drawingOrder } from './pdf-drawing-order';
import { PdfFontSet } from './pdf-font-set';
import { renderSvg, satoriFonts, type SatoriFont } from './render-svg';
import { createTextMeasurer, type TextMeasurer } from './text-measure';
import { createSatoriCache } from './satori-cache';
import { svgBands } from './svg-bands';
import { unshapedFonts } from './font-tables';
import { factsheetContent } from '../../templates/content/factsheet-content';
import type { FactsheetContent } from '../../templates/content/model';

export { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH, RENDERER_VERSION };
export type { ChartSlug, FactsheetInput, FactsheetContent };
export { initLayoutEngine } from './render-svg';

export interface Renderer {
  chartSvg(input: FactsheetInput, slug: ChartSlug): Promise<string>;
  chartPng(input: FactsheetInput, slug: ChartSlug, widthPx: number): Promise<Uint8Array>;
  chartPdf(input: FactsheetInput, slug: ChartSlug): Promise<Uint8Array>;
  pageSvg(input: FactsheetInput, page: number): Promise<string>;
  pagePng(input: FactsheetInput, page: number, widthPx: number): Promise<Uint8Array>;
  pagePdf(input: FactsheetInput, page: number): Promise<Uint8Array>;
  factsheetPdf(input: FactsheetInput): Promise<Uint8Array>;
  /** The factsheet's words, headings, lists and figures in reading order, for the HTML page. */
  factsheetContent(input: FactsheetInput): Promise<FactsheetContent>;
}

/**
 * A page as the PDF step reads it: real `<text>` in the theme's font family instead of glyph
 * outlines. Not served; the input a browser prints in the benchmark's peer until the HTML factsheet.
 */
export interface TextPageSource {
  pageTextSvg(input: FactsheetInput, page: number): Promise<string>;
}

export interface RendererDeps {
  fonts: FontFiles;
  rasterizer: Rasterizer;
  /** The runtime's zlib for PDF streams, if it has a faster one than pdf-lib's JavaScript deflate. */
  deflate?: Deflate;
  /**
   * The PDF fonts' shared subsets made at build time (`prebuildPdfFontSubsets`), so that the first
   * PDF copies them instead of subsetting three faces. Without them, or when they were made from
   * other fonts, the renderer computes them: the PDF bytes are the same either way.
   */
  pdfFontSubsets?: Uint8Array;
  /** Told why the prebuilt subsets were not used (then computed). */
  onStalePdfFontSubsets?: (reason: string) => void;
}

interface Drawing {
  element: Parameters<typeof renderSvg>[0]['element'];
  nested: readonly NestedSvg[];
  width: number;
  height: number;
  title: string;
  desc: string;
  links: readonly texts.Link[];
}

export function createRenderer(deps: RendererDeps): Renderer & TextPageSource {
  const fontFiles: FontFiles = unshapedFonts(deps.fonts);
  const fonts: SatoriFont[] = satoriFonts(fontFiles);
  const measure: TextMeasurer = createTextMeasurer(fontFiles);
  const layouts = createSatoriCache();
  const pdfFonts = new PdfFontSet(fontFiles, deps.deflate, { subsets: deps.pdfFontSubsets, onStale: deps.onStalePdfFontSubsets });

  function chartDrawing(input: FactsheetInput, slug: ChartSlug): Drawing {
    if (!isChartSlug(slug)) throw new RangeError(`unknown chart ${slug}`);
    const chart = buildChart(slug, input, measure);
    const card = buildChartCard(chart, input, measure);
    return { element: card.element, nested: card.nested, width: card.width, height: card.height, title: chart.title, desc: chart.figure.desc, links: [] };
  }

  function pageDrawing(input: FactsheetInput, number: number): Drawing {
    const draft = buildPage(number, input, measure);
    const title = `${texts.title} — ${texts.departementName(input)} (${input.manifest.year}), page ${number} : ${draft.title}`;
    const sample = input.manifest.sample ? ` ${texts.sampleNotice}.` : '';
    return { element: draft.element, nested: draft.nested, width: page.width, height: page.height, title, desc: title + sample, links: draft.links };
  }

  const svg = (drawing: Drawing, glyphs: 'paths' | 'text'): Promise<string> =>
    renderSvg({ element: drawing.element, nested: drawing.nested, width: drawing.width, height: drawing.height, glyphs, title: drawing.title, desc: drawing.desc }, fonts, layouts);

  async function pdf(input: FactsheetInput, drawings: readonly Drawing[], subject: string): Promise<Uint8Array> {
    const sources: PdfPageSource[] = [];
    for (const drawing of drawings) {
      const order = drawingOrder(drawing.element);
      sources.push({
        svg: await svg(drawing, 'text'),
        width: drawing.width,
        height: drawing.height,
        links: drawing.links,
        tags: order.nested.map((number) => drawing.nested[number]?.tag),
        satoriTexts: order.texts,
      });
    }
    return svgPagesToPdf(sources, pdfFonts, metadata(input, subject), { linkColor: colors.link, ...(deps.deflate ? { deflate: deps.deflate } : {}) });
  }

  const png = async (drawing: Drawing, widthPx: number, { banded }: { banded: boolean }): Promise<Uint8Array> => {
    const source = await svg(drawing, 'paths');
    const width = checkWidth(widthPx);
    const pixels = width * Math.ceil((width * drawing.height) / drawing.width);
    const bands = banded && pixels >= BANDS_FROM_PIXELS ? svgBands(source, width) : null;
    return bands ? deps.rasterizer.toPng(source, width, bands) : deps.rasterizer.toPng(source, width);
  };

  // Async throughout, so that a bad page number or width is a rejected promise, never a throw.
  return {
    chartSvg: async (input, slug) => svg(chartDrawing(input, slug), 'paths'),
    chartPng: async (input, slug, widthPx) => png(chartDrawing(input, slug), widthPx, { banded: true }),
    chartPdf: async (input, slug) => {
      const drawing = chartDrawing(input, slug);
      return pdf(input, [drawing], drawing.title);
    },
    pageSvg: async (input, number) => svg(pageDrawing(input, number), 'paths'),
    pageTextSvg: async (input, number) => svg(pageDrawing(input, number), 'text'),
    pagePng: async (input, number, widthPx) => png(pageDrawing(input, number), widthPx, { banded: false }),
    pagePdf: async (input, number) => pdf(input, [pageDrawing(input, number)], `${texts.title} — page ${number}`),
    factsheetPdf: async (input) =>
      pdf(
        input,
        Array.from({ length: PAGE_COUNT }, (_, index) => pageDrawing(input, index + 1)),
        `${texts.title} — ${texts.subtitle(texts.departementName(input))}`,
      ),
    factsheetContent: async (input) => factsheetContent(input, measure),
  };
}

/**
 * Charts of a megapixel or more (the Sankeys at 1200 px, any chart at 2x) are handed to the rasteriser
 * in two bands too: drawn on two cores at once, the export Sankey's parsing and drawing went from
 * 38 to 23 ms for the same CPU. Smaller charts gain less than the second band's fixed cost, and
 * pages keep being drawn whole.
 */
const BANDS_FROM_PIXELS = 1_000_000;

function checkWidth(widthPx: number): number {
  if (!Number.isInteger(widthPx) || widthPx < PNG_WIDTH.min || widthPx > PNG_WIDTH.max) {
    throw new RangeError(`PNG width must be an integer between ${PNG_WIDTH.min} and ${PNG_WIDTH.max}, got ${widthPx}`);
  }
  return widthPx;
}

function metadata(input: FactsheetInput, subject: string): PdfMetadata {
  const { departement, manifest } = input;
  const name = texts.departementName(input);
  // Corse asked as 2A: « Corse-du-Sud », then the document's « Corse », never the same word twice.
  const places = [...new Set([name, departement.name, departement.region ? texts.regionName(input) : ''])];
  return {
    title: `${texts.title} — ${name} (${manifest.year})`,
    author: 'Agence nationale de la cohésion des territoires (ANCT)',
    subject: manifest.sample ? `${subject} — ${texts.sampleNotice}` : subject,
    keywords: ['commerce extérieur', 'exportations', 'importations', "Territoires d'industrie", ...places, String(manifest.year), 'DGDDI'].filter(Boolean),
    creator: `fiches-commerce-exterieur ${RENDERER_VERSION} · données ${manifest.dataVersion}`,
    date: new Date(manifest.generatedAt),
  };
}
