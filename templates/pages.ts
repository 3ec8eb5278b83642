/**
 * The factsheet's pages, in the reference's order: cover, context and method, trade balance,
 * exports (département, then région and France), imports (the same), practical information.
 */
import type { FactsheetInput } from '../src/core/factsheet';
import { formatMillions, formatShareOfFrance } from '../src/core/format';
import type { TextMeasurer } from '../src/core/text-measure';
import { PAGE_COUNT } from '../src/core/renderer-constants';
import { FOOTER, HEADER } from '../src/core/pdf-tags';
import { BULLET_INDENT, bullets, chartTitle, heading, tagged } from './blocks';
import { buildChart } from './charts/charts';
import { figureElement } from './charts/figure-element';
import { div, type Element } from './h';
import type { NestedSvgs } from './nested-svg';
import { textBlock, textLine, type TextBlockStyle, type TextContext } from './text-block';
import * as texts from './texts';
import { colors, fontFamily, page, type } from './theme';

export interface PageDraft {
  element: Element;
  /** The page's nested drawings, charts and running text (see nested-svg). */
  nested: NestedSvgs;
  /** Links whose text the page prints in the link colour. */
  links: texts.Link[];
  title: string;
}

type PageBuilder = (input: FactsheetInput, context: TextContext) => { title: string; body: Element[]; links?: texts.Link[] };

const builders: PageBuilder[] = [cover, contextPage, balancePage, flowPage('exports'), comparedPage('exports'), flowPage('imports'), comparedPage('imports'), practicalPage];

export { PAGE_COUNT };
if (builders.length !== PAGE_COUNT) throw new Error(`templates/pages.ts builds ${builders.length} pages, PAGE_COUNT says ${PAGE_COUNT}`);

const CONTENT_WIDTH = page.width - 2 * page.margin;
const BULLET_WIDTH = CONTENT_WIDTH - BULLET_INDENT;
const INTRO_PADDING = 14;
/** The running header's place for the département's name and year, right of the title. */
const HEADER_PLACE_WIDTH = CONTENT_WIDTH / 2;
/** The totals' rule and the gap after it. */
const TOTALS_INDENT = 13;

/** Running text across the page's width. */
function paragraph(content: string | texts.Rich, context: TextContext, style: TextBlockStyle = {}): Element {
  return textBlock(content, CONTENT_WIDTH, context, style);
}

function bulletItem(content: string | texts.Rich, context: TextContext): Element {
  return textBlock(content, BULLET_WIDTH, context, { marginBottom: 0 });
}

export function buildPage(number: number, input: FactsheetInput, measure: TextMeasurer): PageDraft {
  const builder = builders[number - 1];
  if (!builder) throw new RangeError(`page ${number} does not exist (1–${PAGE_COUNT})`);
  const nested: NestedSvgs = [];
  const context: TextContext = { measure, nested };
  const { title, body, links = [] } = builder(input, context);
  return { element: frame(input, number, body, context), nested, links, title };
}

function frame(input: FactsheetInput, number: number, body: Element[], context: TextContext): Element {
  const { manifest } = input;
  const small = { fontSize: type.small, lineHeight: 1.3, color: colors.muted, marginBottom: 0 };
  return div(
    { flexDirection: 'column', width: page.width, height: page.height, backgroundColor: colors.white, color: colors.text, fontFamily, padding: `24px ${page.margin}px 20px ${page.margin}px` },
    div(
      { justifyContent: 'space-between', borderBottom: `1px solid ${colors.rule}`, paddingBottom: 5, marginBottom: 8 },
      textLine(texts.title, context, { ...small, color: colors.blueFrance, bold: true, tag: HEADER }),
      // A box of fixed width whatever the name's: the page's layout, which Satori draws, is then the
      // same for every département and laid out once where the rest of the page is too.
      textBlock(`${texts.departementName(input)} · ${manifest.year}`, HEADER_PLACE_WIDTH, context, { ...small, align: 'right', tag: HEADER }),
    ),
    manifest.sample ? sampleBanner(context) : null,
    div({ flexDirection: 'column', flexGrow: 1, width: CONTENT_WIDTH }, ...body),
    div(
      { justifyContent: 'space-between', borderTop: `1px solid ${colors.rule}`, paddingTop: 5 },
      // One line: the full data version is in the document's metadata (its creator field).
      textLine(texts.footerPublisher + ' · ' + texts.footerSource(manifest.year, manifest.dataVersion), context, { ...small, tag: FOOTER }),
      textLine(`${number}/${PAGE_COUNT}`, context, { ...small, tag: FOOTER }),
    ),
  );
}

const BANNER = { border: 1.5, paddingX: 8 } as const;

function sampleBanner(context: TextContext): Element {
  return div(
    { border: `${BANNER.border}px solid ${colors.redMarianne}`, padding: `3px ${BANNER.paddingX}px`, marginBottom: 8 },
    textBlock([{ text: texts.sampleNotice, bold: true }, { text: ' — ' + texts.sampleNoticeDetail }], CONTENT_WIDTH - 2 * (BANNER.border + BANNER.paddingX), context, {
      fontSize: type.small + 1,
      lineHeight: 1.3,
      color: colors.redMarianne,
      marginBottom: 0,
      tag: { role: 'P', once: 'sample-notice' },
    }),
  );
}

function cover(input: FactsheetInput, context: TextContext): { title: string; body: Element[] } {
  const territories = input.departement.territoiresIndustrie;
  const shown = texts.territoriesOf(input);
  const name = texts.departementName(input);
  const coverage = texts.coverageNote(input);
  const publisherBlock = div(
    { justifyContent: 'space-between', alignItems: 'flex-start', marginTop: 6, marginBottom: 40 },
    div(
      { flexDirection: 'column', fontFamily, color: colors.text, borderLeft: `3px solid ${colors.blueFrance}`, paddingLeft: 8 },
      div({ fontSize: 12, fontWeight: 700, letterSpacing: 0.5 }, texts.publisher.state),
      tagged({ role: 'P' }, div({ flexDirection: 'column', fontSize: 9, fontStyle: 'italic', lineHeight: 1.2, marginTop: 3 }, ...texts.publisher.motto.map((line) => div({}, line)))),
    ),
    tagged(
      { role: 'P' },
      div(
        { flexDirection: 'column', alignItems: 'flex-end', fontFamily, fontSize: 10, fontWeight: 700, color: colors.blueFrance, lineHeight: 1.2 },
        ...texts.publisher.agency.map((line) => div({}, line)),
      ),
    ),
  );
  const list =
    shown.length === 0
      ? [paragraph(texts.territoires.none, context)]
      : [bullets(shown.map((item) => bulletItem(item.name, context)), context, '■')];
  return {
    title: texts.subtitle(name),
    body: ([
      publisherBlock,
      heading(1, texts.title, CONTENT_WIDTH, context, { fontSize: 28 }),
      heading(2, texts.subtitle(name), CONTENT_WIDTH, context, { marginTop: 0, marginBottom: coverage ? 8 : 26, color: colors.text }),
      coverage ? paragraph(coverage, context, { fontSize: type.body + 0.5, color: colors.blueFrance, bold: true, marginBottom: 18 }) : null,
      div(
        { flexDirection: 'column', backgroundColor: colors.surface, padding: `10px ${INTRO_PADDING}px 6px ${INTRO_PADDING}px`, marginBottom: 18 },
        heading(3, texts.introduction.heading, CONTENT_WIDTH - 2 * INTRO_PADDING, context, { marginTop: 0 }),
        ...texts.introduction.paragraphs.map((text) => textBlock(text, CONTENT_WIDTH - 2 * INTRO_PADDING, context)),
      ),
      heading(3, territories.principaux ? texts.territoires.headingPrincipaux : texts.territoires.heading, CONTENT_WIDTH, context),
      ...list,
      territories.principaux ? paragraph(texts.territoires.footnotePrincipaux, context, { fontSize: type.small + 0.5, color: colors.muted, marginTop: 4 }) : null,
      // The rest of the cover holds the figures the reader came for.
      keyFiguresPanel(input, context),
    ] as (Element | null)[]).filter((element): element is Element => element !== null),
  };
}

const KEY_FIGURES = { gap: 10, padding: 10, rule: 3 } as const;

function keyFiguresPanel(input: FactsheetInput, context: TextContext): Element {
  const { heading: title, items } = texts.keyFigures(input);
  const tileWidth = (CONTENT_WIDTH - (items.length - 1) * KEY_FIGURES.gap) / items.length;
  const textWidth = tileWidth - 2 * KEY_FIGURES.padding - KEY_FIGURES.rule;
  const list = { role: 'L', key: context.nested.length } as const;
  return div(
    { flexDirection: 'column', marginTop: 22, marginBottom: 6 },
    heading(3, title, CONTENT_WIDTH, context, { marginBottom: 8 }),
    div(
      { flexDirection: 'row', justifyContent: 'space-between' },
      ...items.map((item) => {
        // Read as a list of three items, as the web page gives it: each tile's label, amount and detail are one item's body.
        const key = context.nested.length;
        const tag = { role: 'P', groups: [list, { role: 'LI', key }, { role: 'LBody', key }] } as const;
        return div(
          { flexDirection: 'column', width: tileWidth, backgroundColor: colors.surface, borderLeft: `${KEY_FIGURES.rule}px solid ${colors.blueFrance}`, padding: KEY_FIGURES.padding },
          textBlock(item.label, textWidth, context, { fontSize: type.small + 0.5, color: colors.muted, bold: true, marginBottom: 2, tag }),
          textBlock(item.value, textWidth, context, { fontSize: type.h3 + 1, color: colors.blueFrance, bold: true, lineHeight: 1.2, marginBottom: 3, tag }),
          textBlock(item.detail, textWidth, context, { fontSize: type.small + 0.5, lineHeight: 1.3, marginBottom: 0, tag }),
        );
      }),
    ),
  );
}

function contextPage(input: FactsheetInput, context: TextContext): { title: string; body: Element[] } {
  const year = input.manifest.year;
  return {
    title: texts.context.heading,
    body: [
      heading(2, texts.context.heading, CONTENT_WIDTH, context, { marginTop: 2 }),
      heading(3, texts.context.contextHeading, CONTENT_WIDTH, context),
      ...texts.context.contextParagraphs(year).map((text) => paragraph(text, context)),
      heading(3, texts.context.methodHeading, CONTENT_WIDTH, context),
      paragraph(texts.context.methodIntro, context),
      bullets(texts.context.methodBullets.map((text) => bulletItem(text, context)), context),
      paragraph(texts.context.methodClosing(year), context, { marginTop: 6 }),
    ],
  };
}

function balancePage(input: FactsheetInput, context: TextContext): { title: string; body: Element[] } {
  const { measure, nested } = context;
  const partners = buildChart('pays', input, measure);
  const activities = buildChart('activites', input, measure);
  return {
    title: texts.balance.heading,
    body: [
      heading(2, texts.balance.heading, CONTENT_WIDTH, context, { marginTop: 2 }),
      paragraph(texts.balance.intro, context),
      chartTitle(partners.title, CONTENT_WIDTH, context),
      figureElement(partners.figure, nested, measure),
      paragraph(texts.balance.readingKey, context, { marginTop: 6 }),
      paragraph(texts.balance.activitiesIntro, context, { marginTop: 4 }),
      chartTitle(activities.title, CONTENT_WIDTH, context),
      figureElement(activities.figure, nested, measure),
    ],
  };
}

function totalsBlock(input: FactsheetInput, context: TextContext, flow: 'exports' | 'imports', scope: 'departement' | 'region' | 'france'): Element {
  const flowTexts = flow === 'exports' ? texts.exportsTexts : texts.importsTexts;
  const document = input[scope];
  const total = texts.totalLine(flowTexts.totalLabel, formatMillions(document.totals[flow]));
  if (scope !== 'departement') return paragraph(total, context, { marginTop: 4 });
  const shares = document.shares[flow];
  const regionLine = texts.regionShareLine(input, flow);
  const line = { fontSize: type.body + 1, lineHeight: 1.35, marginBottom: 0 };
  const width = CONTENT_WIDTH - TOTALS_INDENT;
  return div(
    { flexDirection: 'column', borderLeft: `3px solid ${colors.blueFrance}`, paddingLeft: TOTALS_INDENT - 3, marginTop: 8, marginBottom: 8 },
    textBlock(total, width, context, { ...line, bold: true }),
    regionLine === null ? null : textBlock(regionLine, width, context, line),
    shares.france === null ? null : textBlock(texts.shareOfFranceLine(formatShareOfFrance(shares.france), flowTexts.valueVerb), width, context, line),
  );
}

function flowPage(flow: 'exports' | 'imports'): PageBuilder {
  return (input, context) => {
    const { measure, nested } = context;
    const flowTexts = flow === 'exports' ? texts.exportsTexts : texts.importsTexts;
    const chart = buildChart(flow === 'exports' ? 'export' : 'import', input, measure);
    return {
      title: flowTexts.heading,
      body: [
        heading(2, flowTexts.heading, CONTENT_WIDTH, context, { marginTop: 2 }),
        paragraph(flowTexts.intro, context),
        chartTitle(chart.title, CONTENT_WIDTH, context),
        figureElement(chart.figure, nested, measure),
        totalsBlock(input, context, flow, 'departement'),
        paragraph(flowTexts.sides, context),
      ],
    };
  };
}

function comparedPage(flow: 'exports' | 'imports'): PageBuilder {
  return (input, context) => {
    const { measure, nested } = context;
    const flowTexts = flow === 'exports' ? texts.exportsTexts : texts.importsTexts;
    const prefix = flow === 'exports' ? 'export' : 'import';
    const national = buildChart(`${prefix}-france`, input, measure);
    // A région that is the territory itself would repeat the previous page's chart: one sentence says so.
    const regionalBlocks = (): Element[] => {
      if (texts.regionRelation(input) === 'same') return [paragraph(texts.sameRegionNote(input), context, { marginTop: 6, marginBottom: 8 })];
      const regional = buildChart(`${prefix}-region`, input, measure);
      return [chartTitle(regional.title, CONTENT_WIDTH, context), figureElement(regional.figure, nested, measure), totalsBlock(input, context, flow, 'region')];
    };
    return {
      title: `${flowTexts.heading} : comparaison`,
      body: [
        paragraph(texts.comparisonIntro(input, flow), context, { marginTop: 2 }),
        ...regionalBlocks(),
        chartTitle(national.title, CONTENT_WIDTH, context),
        figureElement(national.figure, nested, measure),
        totalsBlock(input, context, flow, 'france'),
      ],
    };
  };
}

function practicalPage(_input: FactsheetInput, context: TextContext): { title: string; body: Element[]; links: texts.Link[] } {
  const p = texts.practical;
  const linkRun = (link: texts.Link): texts.Run => ({ text: link.text, link: link.url });
  return {
    title: p.heading,
    links: [p.portraitsLink, p.assemblyLink, p.contactLink, ...p.further.map((item) => item.link)],
    body: [
      heading(2, p.heading, CONTENT_WIDTH, context, { marginTop: 2 }),
      paragraph(p.purpose, context),
      paragraph(p.portraits, context),
      bullets([bulletItem([linkRun(p.portraitsLink)], context)], context),
      paragraph(p.assembly, context),
      bullets([bulletItem([linkRun(p.assemblyLink)], context)], context),
      paragraph([{ text: p.contactBefore }, linkRun(p.contactLink), { text: p.contactAfter }], context),
      heading(2, p.furtherHeading, CONTENT_WIDTH, context, { marginTop: 18 }),
      bullets(p.further.map((item) => bulletItem([{ text: item.before }, linkRun(item.link)], context)), context),
    ],
  };
}
