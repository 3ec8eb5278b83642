/**
 * Each chart's figures as a table, from the same part of the same document the chart draws (see
 * templates/charts/charts.ts): the accessible alternative to reading values off the drawing. Its
 * amounts are in the unit the chart and its description use (chosen from the same amounts, see
 * src/core/layout), and its labels are written out as the chart writes them.
 */
import type { ChartSlug, FactsheetInput } from '../../src/core/factsheet';
import { chartUnit, formatChartPercent, formatInUnit, formatSignedInUnit } from '../../src/core/format';
import type { FlowMatrix, IndicatorDocument } from '../../src/core/schema';
import { readableLabel } from '../charts/readable-labels';
import type { DataTable } from './model';

export function chartTable(slug: ChartSlug, input: FactsheetInput, title: string): DataTable {
  const caption = `Données du graphique : ${title}`;
  const { departement } = input;
  if (slug === 'pays') {
    const unit = chartUnit(departement.partners.flatMap((partner) => [partner.imports, partner.exports, partner.balance]));
    return {
      caption,
      columns: ['Pays', 'Importations', 'Exportations', 'Balance commerciale'],
      rows: departement.partners.map((partner) => [
        readableLabel(partner.label),
        formatInUnit(partner.imports, unit),
        formatInUnit(partner.exports, unit),
        formatSignedInUnit(partner.balance, unit),
      ]),
    };
  }
  if (slug === 'activites') {
    const unit = chartUnit([departement.totals.imports, departement.totals.exports]);
    const rows = (flow: 'imports' | 'exports', name: string) =>
      departement.activities[flow].map((activity) => [readableLabel(activity.label), name, formatInUnit(activity.value, unit), formatChartPercent(activity.share)]);
    return {
      caption,
      columns: ['Activité', 'Flux', 'Valeur', 'Part du flux'],
      rows: [...rows('imports', 'Importations'), ...rows('exports', 'Exportations')],
    };
  }
  const flow = slug.startsWith('export') ? 'exports' : 'imports';
  return flowTable(chartDocument(slug, input).flows[flow], caption);
}

function chartDocument(slug: ChartSlug, input: FactsheetInput): IndicatorDocument {
  if (slug.endsWith('-region')) return input.region;
  if (slug.endsWith('-france')) return input.france;
  return input.departement;
}

const KIND = { product: 'Produit', country: 'Pays' } as const;

/** One row per band of the Sankey diagram, largest first, as the chart's legend would read it. */
function flowTable(matrix: FlowMatrix, caption: string): DataTable {
  const labels = (nodes: FlowMatrix['sources']) => new Map(nodes.map((node) => [node.code, readableLabel(node.label)]));
  const unit = chartUnit([...matrix.sources, ...matrix.targets].map((node) => node.value));
  const sources = labels(matrix.sources);
  const targets = labels(matrix.targets);
  const links = [...matrix.links].sort((a, b) => b.value - a.value);
  return {
    caption,
    columns: [KIND[matrix.sourceKind], KIND[matrix.targetKind], 'Valeur', 'Part du total', 'Parmi les cinq principaux flux'],
    rows: links.map((link) => [
      sources.get(link.source) ?? link.source,
      targets.get(link.target) ?? link.target,
      formatInUnit(link.value, unit),
      formatChartPercent(matrix.total === 0 ? 0 : link.value / matrix.total),
      link.highlight ? 'oui' : 'non',
    ]),
  };
}
