/**
 * Each chart of the factsheet by its slug: which document and which data it draws, at which size,
 * with which title. Pages and standalone charts share these, so a chart looks the same everywhere.
 */
import type { ChartSlug, FactsheetInput } from '../../src/core/factsheet';
import type { Figure } from '../../src/core/figure';
import { layoutButterfly } from '../../src/core/layout/butterfly';
import { layoutSankey } from '../../src/core/layout/sankey';
import { layoutTreemap } from '../../src/core/layout/treemap';
import type { TextMeasurer } from '../../src/core/text-measure';
import { colors, page, type } from '../theme';
import { FRANCE_NAME, balance, exportsTexts, importsTexts, regionName, regionRelation, sampleNotice } from '../texts';
import { withReadableLabels } from './readable-labels';
import type { FlowMatrix } from '../../src/core/schema';

export const CHART_WIDTH = page.width - 2 * page.margin;

/** The département's Sankey has a page of its own: twelve labels a side with room to breathe. */
const sankeyHeights = { departement: 530, compared: 262 } as const;
/** About 7 pt printed: the smallest a label inside a treemap compartment may get. */
const MIN_LABEL_SIZE = 7;

export interface Chart {
  figure: Figure;
  title: string;
}

export function buildChart(slug: ChartSlug, input: FactsheetInput, measure: TextMeasurer): Chart {
  const chart = drawChart(slug, input, measure);
  // Sample figures say so wherever the description is read (SVG <desc>, PDF /Alt, the web page's alt): a chart is often read on its own.
  if (!input.manifest.sample || chart.figure.desc === '') return chart;
  return { ...chart, figure: { ...chart.figure, desc: `${chart.figure.desc} ${sampleNotice}.` } };
}

function drawChart(slug: ChartSlug, input: FactsheetInput, measure: TextMeasurer): Chart {
  const { departement, region, france, manifest } = input;
  const year = manifest.year;
  switch (slug) {
    case 'pays': {
      const figure = layoutButterfly(withReadableLabels(departement.partners), {
        width: CHART_WIDTH,
        rowHeight: 19,
        fontSize: type.chart + 0.5,
        measure,
        palette: { imports: colors.imports, exports: colors.exports, positive: colors.positive, negative: colors.negative, text: colors.text, muted: colors.muted, axis: colors.text },
      });
      return { figure, title: balance.partnersTitle(departement.name, year) };
    }
    case 'activites': {
      const activities = { imports: withReadableLabels(departement.activities.imports), exports: withReadableLabels(departement.activities.exports) };
      const figure = layoutTreemap(activities, departement.totals, {
        width: CHART_WIDTH,
        height: 200,
        fontSize: type.chart,
        minFontSize: MIN_LABEL_SIZE,
        measure,
        colors: { imports: colors.imports, exports: colors.exports, label: colors.white, header: colors.text, text: colors.text, muted: colors.muted },
      });
      return { figure, title: balance.activitiesTitle(departement.name, year) };
    }
    default: {
      const flow = slug.startsWith('export') ? 'exports' : 'imports';
      const texts = flow === 'exports' ? exportsTexts : importsTexts;
      const scope = slug.endsWith('-region') ? 'region' : slug.endsWith('-france') ? 'france' : 'departement';
      const document = scope === 'region' ? region : scope === 'france' ? france : departement;
      const figure = layoutSankey(readableMatrix(document.flows[flow]), {
        width: CHART_WIDTH,
        height: sankeyHeight(scope, input),
        fontSize: type.chart,
        measure,
        colors: { node: colors.node, flow: colors.flow, highlight: colors.flowHighlight, text: colors.text, muted: colors.muted },
      });
      const title =
        scope === 'departement'
          ? texts.chartTitle(departement.name, year)
          : texts.comparedTitle(scope === 'france' ? FRANCE_NAME : regionName(input), year);
      return { figure, title };
    }
  }
}

/**
 * Where the région is the territory itself (Corse), its chart gives way to one sentence and France's
 * has the comparison page to itself: drawn as tall as the département's, it fills the page instead of
 * leaving its lower half empty.
 */
function sankeyHeight(scope: 'departement' | 'region' | 'france', input: FactsheetInput): number {
  if (scope === 'departement' || (scope === 'france' && regionRelation(input) === 'same')) return sankeyHeights.departement;
  return sankeyHeights.compared;
}

function readableMatrix(matrix: FlowMatrix): FlowMatrix {
  return { ...matrix, sources: withReadableLabels(matrix.sources), targets: withReadableLabels(matrix.targets) };
}
