/**
 * The factsheet's content in the printed pages' order (templates/pages.ts), with the same words
 * (templates/texts.ts) and the same charts (templates/charts): titles and alternative texts come
 * from the chart builders, so the HTML page cannot say something the PDF does not.
 */
import type { ChartSlug, FactsheetInput } from '../../src/core/factsheet';
import { formatMillions, formatShareOfFrance } from '../../src/core/format';
import type { TextMeasurer } from '../../src/core/text-measure';
import { buildChartCard } from '../chart-card';
import { buildChart } from '../charts/charts';
import * as texts from '../texts';
import { chartTable } from './chart-table';
import type { Block, FactsheetContent, FigureBlock, Section } from './model';

type Flow = 'exports' | 'imports';

const plain = (text: string): texts.Run[] => [{ text }];
const rich = (content: string | texts.Rich): texts.Run[] => (typeof content === 'string' ? plain(content) : content.map((run) => ({ ...run })));
const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
const paragraph = (content: string | texts.Rich): Block => ({ kind: 'paragraph', runs: rich(content) });
const linkRun = (link: texts.Link): texts.Run => ({ text: link.text, link: link.url });

export function factsheetContent(input: FactsheetInput, measure: TextMeasurer): FactsheetContent {
  const { departement, manifest } = input;
  const figure = (slug: ChartSlug): FigureBlock => {
    const chart = buildChart(slug, input, measure);
    const card = buildChartCard(chart, input, measure);
    return { kind: 'figure', chart: slug, title: chart.title, alt: chart.figure.desc, width: card.width, height: card.height, table: chartTable(slug, input, chart.title) };
  };
  const sections: Omit<Section, 'page'>[] = [
    cover(input),
    contextSection(manifest.year),
    balanceSection(figure),
    flowSection('exports', input, figure),
    comparedSection('exports', input, figure),
    flowSection('imports', input, figure),
    comparedSection('imports', input, figure),
    practicalSection(),
  ];
  return {
    furniture: {
      title: texts.title,
      departement: { code: input.requested?.code ?? departement.code, name: texts.departementName(input) },
      year: manifest.year,
      dataVersion: manifest.dataVersion,
      publisher: texts.footerPublisher,
      source: texts.sourceLine(manifest.year, manifest.dataVersion),
      sample: manifest.sample ? { notice: texts.sampleNotice, detail: texts.sampleNoticeDetail } : null,
    },
    sections: sections.map((section, index) => ({ ...section, page: index + 1 })),
  };
}

function cover(input: FactsheetInput): Omit<Section, 'page'> {
  const territories = input.departement.territoiresIndustrie;
  const shown = texts.territoriesOf(input);
  const name = texts.departementName(input);
  const coverage = texts.coverageNote(input);
  const blocks: Block[] = [heading(1, texts.title), heading(2, texts.subtitle(name))];
  if (coverage) blocks.push(paragraph(coverage));
  blocks.push(
    heading(3, texts.introduction.heading),
    ...texts.introduction.paragraphs.map(paragraph),
    heading(3, territories.principaux ? texts.territoires.headingPrincipaux : texts.territoires.heading),
    shown.length === 0 ? paragraph(texts.territoires.none) : { kind: 'list', items: shown.map((item) => plain(item.name)) },
  );
  if (territories.principaux) blocks.push({ kind: 'note', runs: plain(texts.territoires.footnotePrincipaux) });
  blocks.push(...keyFigures(input));
  return { title: texts.subtitle(name), blocks };
}

/** The cover's panel: one item per figure, its label, amount and detail on lines of their own as the tiles print them. */
function keyFigures(input: FactsheetInput): Block[] {
  const { heading: title, items } = texts.keyFigures(input);
  const lines = (item: (typeof items)[number]): texts.Run[] => [
    { text: item.label, bold: true },
    { text: `\n${item.value}` },
    ...(item.detail === '' ? [] : [{ text: `\n${item.detail}` }]),
  ];
  return [heading(3, title), { kind: 'list', items: items.map(lines) }];
}

function contextSection(year: number): Omit<Section, 'page'> {
  const c = texts.context;
  return {
    title: c.heading,
    blocks: [
      heading(2, c.heading),
      heading(3, c.contextHeading),
      ...c.contextParagraphs(year).map(paragraph),
      heading(3, c.methodHeading),
      paragraph(c.methodIntro),
      { kind: 'list', items: c.methodBullets.map(plain) },
      paragraph(c.methodClosing(year)),
    ],
  };
}

function balanceSection(figure: (slug: ChartSlug) => FigureBlock): Omit<Section, 'page'> {
  const b = texts.balance;
  return {
    title: b.heading,
    blocks: [heading(2, b.heading), paragraph(b.intro), figure('pays'), paragraph(b.readingKey), paragraph(b.activitiesIntro), figure('activites')],
  };
}

const flowTexts = (flow: Flow) => (flow === 'exports' ? texts.exportsTexts : texts.importsTexts);
const prefix = (flow: Flow) => (flow === 'exports' ? 'export' : 'import');

function flowSection(flow: Flow, input: FactsheetInput, figure: (slug: ChartSlug) => FigureBlock): Omit<Section, 'page'> {
  const t = flowTexts(flow);
  return {
    title: t.heading,
    blocks: [heading(2, t.heading), paragraph(t.intro), figure(prefix(flow)), ...totals(flow, input, 'departement'), paragraph(t.sides)],
  };
}

function comparedSection(flow: Flow, input: FactsheetInput, figure: (slug: ChartSlug) => FigureBlock): Omit<Section, 'page'> {
  const t = flowTexts(flow);
  // As on the printed page: a région that is the territory itself gets one sentence instead of a chart repeating the previous page's.
  const regional: Block[] =
    texts.regionRelation(input) === 'same' ? [paragraph(texts.sameRegionNote(input))] : [figure(`${prefix(flow)}-region`), ...totals(flow, input, 'region')];
  return {
    title: `${t.heading} : comparaison`,
    blocks: [paragraph(texts.comparisonIntro(input, flow)), ...regional, figure(`${prefix(flow)}-france`), ...totals(flow, input, 'france')],
  };
}

/** The total under a chart, and for the département its place in the région and in France, one per line (`\n`) as printed. */
function totals(flow: Flow, input: FactsheetInput, scope: 'departement' | 'region' | 'france'): Block[] {
  const t = flowTexts(flow);
  const document = input[scope];
  const total = texts.totalLine(t.totalLabel, formatMillions(document.totals[flow]));
  if (scope !== 'departement') return [paragraph(total)];
  const franceShare = document.shares[flow].france;
  const regionLine = texts.regionShareLine(input, flow);
  const runs: texts.Run[] = [{ text: total, bold: true }];
  if (regionLine !== null) runs.push({ text: `\n${regionLine}` });
  if (franceShare !== null) runs.push({ text: `\n${texts.shareOfFranceLine(formatShareOfFrance(franceShare), t.valueVerb)}` });
  return [{ kind: 'note', runs }];
}

function practicalSection(): Omit<Section, 'page'> {
  const p = texts.practical;
  return {
    title: p.heading,
    blocks: [
      heading(2, p.heading),
      paragraph(p.purpose),
      paragraph(p.portraits),
      { kind: 'list', items: [[linkRun(p.portraitsLink)]] },
      paragraph(p.assembly),
      { kind: 'list', items: [[linkRun(p.assemblyLink)]] },
      { kind: 'paragraph', runs: [{ text: p.contactBefore }, linkRun(p.contactLink), { text: p.contactAfter }] },
      heading(2, p.furtherHeading),
      { kind: 'list', items: p.further.map((item) => [{ text: item.before }, linkRun(item.link)]) },
    ],
  };
}
