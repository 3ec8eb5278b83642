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
}

export const CHART_SLUGS = ['pays', 'activites', 'export', 'export-region', 'export-france', 'import', 'import-region', 'import-france'] as const;
export type ChartSlug = (typeof CHART_SLUGS)[number];

export function isChartSlug(value: string): value is ChartSlug {
  return (CHART_SLUGS as readonly string[]).includes(value);
}
