/**
 * The renderer as the app sees it. Structurally the same as src/core/render.ts's `Renderer`, plus
 * the constants the app validates requests against; declared here so that the app compiles and is
 * tested without depending on how the renderer is built.
 */
import type { IndicatorDocument, Manifest } from '../core/schema.js';

export interface FactsheetInput {
  departement: IndicatorDocument;
  region: IndicatorDocument;
  france: IndicatorDocument;
  manifest: Manifest;
}

export interface FactsheetRenderer {
  chartSvg(input: FactsheetInput, slug: string): Promise<string>;
  chartPng(input: FactsheetInput, slug: string, widthPx: number): Promise<Uint8Array>;
  chartPdf(input: FactsheetInput, slug: string): Promise<Uint8Array>;
  pageSvg(input: FactsheetInput, page: number): Promise<string>;
  pagePng(input: FactsheetInput, page: number, widthPx: number): Promise<Uint8Array>;
  pagePdf(input: FactsheetInput, page: number): Promise<Uint8Array>;
  factsheetPdf(input: FactsheetInput): Promise<Uint8Array>;
}

/** What the renderer can produce: request parameters are checked against this before any work. */
export interface RendererInfo {
  version: string;
  chartSlugs: readonly string[];
  pageCount: number;
  pngWidth: { min: number; max: number; default: number };
  /**
   * A lower maximum for whole-page PNGs where memory is tight: a page has about three times a
   * chart's pixels at the same width (Workers: see npm run worker:memory).
   */
  pagePngMaxWidth?: number;
}
