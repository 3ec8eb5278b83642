/**
 * What one factsheet is made from: the département's document, the documents it is compared with,
 * and the manifest of the data version they come from.
 */
import type { IndicatorDocument, Manifest } from './schema';

export interface FactsheetInput {
  departement: IndicatorDocument;
  region: IndicatorDocument;
  france: IndicatorDocument;
  manifest: Manifest;
  /**
   * The département the reader asked for, when it is not the document's own: 2A and 2B are both
   * served from the Corse document (`20`), each under its own name and with its own territories.
   */
  requested?: { code: string; name: string };
}

export const CHART_SLUGS = ['pays', 'activites', 'export', 'export-region', 'export-france', 'import', 'import-region', 'import-france'] as const;
export type ChartSlug = (typeof CHART_SLUGS)[number];

export function isChartSlug(value: string): value is ChartSlug {
  return (CHART_SLUGS as readonly string[]).includes(value);
}
