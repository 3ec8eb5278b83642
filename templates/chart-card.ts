/**
 * A chart on its own, as pasted into a newsletter: its title, the figure, the source and, for
 * sample data, the notice that the figures are fictitious. Its texts are text blocks, so the card's
 * height is known before Satori lays it out.
 */
import type { FactsheetInput } from '../src/core/factsheet';
import type { TextMeasurer } from '../src/core/text-measure';
import type { Chart } from './charts/charts';
import { figureElement } from './charts/figure-element';
import { div, type Element } from './h';
import type { NestedSvgs } from './nested-svg';
import { textBlock } from './text-block';
import * as texts from './texts';
import { colors, fontFamily, type } from './theme';

const PADDING = 16;
const TITLE = { fontSize: 12, lineHeight: 1.25, color: colors.blueFrance, bold: true, marginBottom: 8, tag: { role: 'H1' } } as const;
const FOOTER = { fontSize: type.small, lineHeight: 1.3, color: colors.muted, marginBottom: 0 } as const;
const FIGURE_GAP = 8;

export interface CardDraft {
  element: Element;
  nested: NestedSvgs;
  width: number;
  height: number;
}

export function buildChartCard(chart: Chart, input: FactsheetInput, measure: TextMeasurer): CardDraft {
  const innerWidth = chart.figure.width;
  const width = innerWidth + 2 * PADDING;
  const nested: NestedSvgs = [];
  const context = { measure, nested };
  const title = textBlock(chart.title, innerWidth, context, TITLE);
  const notice = input.manifest.sample
    ? textBlock(`${texts.sampleNotice} — ${texts.sampleNoticeDetail}`, innerWidth, context, { ...FOOTER, color: colors.redMarianne, bold: true })
    : null;
  const source = textBlock(texts.sourceLine(input.manifest.year, input.manifest.dataVersion), innerWidth, context, FOOTER);
  const figure = figureElement(chart.figure, nested, measure, { marginBottom: FIGURE_GAP });
  const blocks = [title, figure, notice, source].filter((block): block is Element => block !== null);
  const height = Math.ceil(2 * PADDING + blocks.reduce((sum, block) => sum + blockHeight(block), 0));
  const element = div({ flexDirection: 'column', width, height, padding: PADDING, backgroundColor: colors.white, color: colors.text, fontFamily }, ...blocks);
  return { element, nested, width, height };
}

/** A text block's or figure's placeholder height with its vertical margins. */
function blockHeight(block: Element): number {
  const style = block.props.style ?? {};
  const length = (value: string | number | undefined): number => (typeof value === 'number' ? value : 0);
  return length(style.height) + length(style.marginTop) + length(style.marginBottom);
}
