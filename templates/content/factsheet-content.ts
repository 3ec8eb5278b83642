/**
 * The factsheet's content in the printed pages' order (templates/pages.ts), with the same words
 * (templates/texts.ts) and the same charts (templates/charts): titles and alternative texts come
 * from the chart builders, so the HTML page cannot say something the PDF does not.
 */
import type { ChartSlug, FactsheetInput } from '../../src/core/factsheet';
import { formatMillions, formatShareOfFrance, formatShareOfRegion } from '../../src/core/format';
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
    const sample = manifest.sample ? ` ${texts.sampleNotice}.` : '';
    return { kind: 'figure', chart: slug, title: chart.title, alt: chart.figure.desc + sample, width: card.width, height: card.height, table: chartTable(slug, input, chart.title) };
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
      departement: { code: departement.code, name: departement.name },
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
  const blocks: Block[] = [
    heading(1, texts.title),
    heading(2, texts.subtitle(input.departement.name)),
    heading(3, texts.introduction.heading),
    ...texts.introduction.paragraphs.map(paragraph),
    heading(3, territories.principaux ? texts.territoires.headingPrincipaux : texts.territoires.heading),
    territories.items.length === 0 ? paragraph(texts.territoires.none) : { kind: 'list', items: territories.items.map((item) => plain(item.name)) },
  ];
  if (territories.principaux) blocks.push({ kind: 'note', runs: plain(texts.territoires.footnotePrincipaux) });
  return { title: texts.subtitle(input.departement.name), blocks };
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
  return {
    title: `${t.heading} : comparaison`,
    blocks: [
      paragraph(t.comparison),
      figure(`${prefix(flow)}-region`),
      ...totals(flow, input, 'region'),
      figure(`${prefix(flow)}-france`),
      ...totals(flow, input, 'france'),
    ],
  };
}

/** The total under a chart, and for the département its shares of the région and of France, one per line (`\n`) as printed. */
function totals(flow: Flow, input: FactsheetInput, scope: 'departement' | 'region' | 'france'): Block[] {
  const t = flowTexts(flow);
  const document = input[scope];
  const total = texts.totalLine(t.totalLabel, formatMillions(document.totals[flow]));
  if (scope !== 'departement') return [paragraph(total)];
  const shares = document.shares[flow];
  const runs: texts.Run[] = [{ text: total, bold: true }];
  if (shares.region !== null) runs.push({ text: `\n${texts.shareOfRegionLine(formatShareOfRegion(shares.region), t.valueVerb, input.region.name)}` });
  if (shares.france !== null) runs.push({ text: `\n${texts.shareOfFranceLine(formatShareOfFrance(shares.france), t.valueVerb)}` });
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
