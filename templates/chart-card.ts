/**
 * A chart on its own, as pasted into a newsletter: its title, the figure, the source and, for
 * sample data, the notice that the figures are fictitious.
 */
import type { FactsheetInput } from '../src/core/factsheet';
import type { TextMeasurer } from '../src/core/text-measure';
import type { Chart } from './charts/charts';
import { figureElement, type NestedSvgs } from './charts/figure-element';
import { div, type Element } from './h';
import * as texts from './texts';
import { colors, fontFamily, type } from './theme';

const PADDING = 16;
const TITLE_SIZE = 12;
const TITLE_LINE = TITLE_SIZE * 1.25;
const FOOTER_LINE = type.small * 1.3;

export interface CardDraft {
  element: Element;
  nested: NestedSvgs;
  width: number;
  height: number;
}

export function buildChartCard(chart: Chart, input: FactsheetInput, measure: TextMeasurer): CardDraft {
  const width = chart.figure.width + 2 * PADDING;
  const titleLines = Math.max(1, measure.wrap(chart.title, TITLE_SIZE, chart.figure.width - 4, 4, 700).length);
  const footer = texts.sourceLine(input.manifest.year, input.manifest.dataVersion);
  const footerLines = Math.max(1, Math.ceil(measure.width(footer, type.small) / (chart.figure.width - 4)));
  const sampleLines = input.manifest.sample ? 1 : 0;
  const height = Math.ceil(2 * PADDING + titleLines * TITLE_LINE + 8 + chart.figure.height + 8 + (footerLines + sampleLines) * FOOTER_LINE + 2);
  const nested: NestedSvgs = [];
  const element = div(
    { flexDirection: 'column', width, height, padding: PADDING, backgroundColor: colors.white, fontFamily },
    div({ fontSize: TITLE_SIZE, fontWeight: 700, color: colors.blueFrance, lineHeight: 1.25, marginBottom: 8 }, chart.title),
    figureElement(chart.figure, nested, measure),
    div({ flexDirection: 'column', marginTop: 8, fontSize: type.small, color: colors.muted, lineHeight: 1.3 },
      input.manifest.sample ? div({ color: colors.redMarianne, fontWeight: 700 }, `${texts.sampleNotice} — ${texts.sampleNoticeDetail}`) : null,
      div({}, footer),
    ),
  );
  return { element, nested, width, height };
}
