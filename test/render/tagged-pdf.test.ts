/**
 * The tagged PDF (PDF/UA-1), read back as a screen reader's PDF library and pdf.js see it: the
 * structure tree's roles, texts and alternative texts in reading order, the marked content around
 * every text shown, and the machine-checkable requirements on catalog, pages, annotations and fonts
 * (the Matterhorn Protocol's checkpoints that do not need a person).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream, decodePDFRawStream, type PDFRawStream } from '@cantoo/pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import { formatMillions } from '../../src/core/format';
import { CHART_SLUGS, PAGE_COUNT, type ChartSlug, type FactsheetInput, type Renderer } from '../../src/core/render';
import { createTextMeasurer, type TextMeasurer } from '../../src/core/text-measure';
import { buildChart } from '../../templates/charts/charts';
import { keyFigures, regionRelation } from '../../templates/texts';
import { loadInput, nodeRenderer } from '../helpers-render/inputs';
import { normalise } from '../helpers/pdf-text';
import * as texts from '../../templates/texts';

interface Element {
  role: string;
  alt?: string;
  text: string;
  page: number;
  kids: Element[];
  /** Annotations (links) the element owns. */
  annotations: number;
}

interface TaggedPdf {
  /** The Document element's children, all pages in order. */
  elements: Element[];
  markInfo: Record<string, unknown> | null;
  viewerPreferences: Record<string, unknown> | null;
  info: Record<string, unknown>;
  metadata: { get(name: string): unknown } | null;
  textItems: number;
  /** Every text item, as extracted through the fonts' ToUnicode maps. */
  allText: string;
  /** Text shown outside any marked content, per page. */
  untagged: string[][];
}

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

interface ContentItem {
  type?: string;
  id?: string;
  str?: string;
}

async function readTagged(bytes: Uint8Array): Promise<TaggedPdf> {
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const elements: Element[] = [];
  const untagged: string[][] = [];
  let textItems = 0;
  let allText = '';
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const textOf = new Map<string, string>();
    const open: (string | undefined)[] = [];
    const outside: string[] = [];
    for (const item of content.items as ContentItem[]) {
      if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') open.push(item.id);
      else if (item.type === 'endMarkedContent') open.pop();
      else if (item.str !== undefined && item.str.trim() !== '') {
        textItems++;
        allText += item.str;
        if (open.length === 0) outside.push(item.str);
        const id = [...open].reverse().find((candidate) => candidate !== undefined);
        if (id) textOf.set(id, (textOf.get(id) ?? '') + item.str);
      }
    }
    untagged.push(outside);
    const root = (await page.getStructTree()) as StructNode | null;
    const toElement = (node: StructNode): Element => {
      const kids: Element[] = [];
      let text = '';
      let annotations = 0;
      for (const child of node.children ?? []) {
        if (child.type === 'content') text += textOf.get(child.id!) ?? '';
        else if (child.type === 'annotation' || child.type === 'object') annotations++;
        else {
          const kid = toElement(child);
          kids.push(kid);
          text += ' ' + kid.text;
        }
      }
      return { role: node.role!, ...(node.alt !== undefined ? { alt: node.alt } : {}), text: normalise(text), page: number, kids, annotations };
    };
    const documentNode = root?.children?.find((child) => child.role === 'Document');
    if (documentNode) elements.push(...toElement(documentNode).kids);
  }
  const { info, metadata } = await document.getMetadata();
  const result: TaggedPdf = {
    elements,
    markInfo: (await document.getMarkInfo()) as Record<string, unknown> | null,
    viewerPreferences: (await document.getViewerPreferences()) as Record<string, unknown> | null,
    info: info as Record<string, unknown>,
    metadata: metadata as TaggedPdf['metadata'],
    textItems,
    allText,
    untagged,
  };
  await document.destroy();
  return result;
}

function flatten(elements: readonly Element[]): Element[] {
  return elements.flatMap((element) => [element, ...flatten(element.kids)]);
}

/** Roles in reading order, nesting in brackets and a run of paragraphs as one `P`: a page's shape, not its word count. */
function roleSequence(elements: readonly Element[]): string {
  const parts: string[] = [];
  for (const element of elements) {
    const part = element.kids.length > 0 && element.role !== 'LBody' && element.role !== 'P' ? `${element.role}[${roleSequence(element.kids)}]` : element.role;
    if (part !== 'P' || parts[parts.length - 1] !== 'P') parts.push(part);
  }
  return parts.join(' ');
}

function headings(elements: readonly Element[]): Element[] {
  return flatten(elements).filter((element) => /^H\d$/.test(element.role));
}

/** The reference's headings: its markdown headings and the chart titles it sets in bold on a line of their own. */
function referenceHeadings(file: string): string[] {
  return readFileSync(join('test/fixtures/reference-factsheets', file), 'utf8')
    .split('\n')
    .filter((line) => /^#+\s/.test(line) || /^\*\*(Principales activités|Flux à l)/.test(line) || /^Flux à l'(export|import), /.test(line))
    .map((line) => normalise(line.replace(/^#+\s*/, '').replace(/\*\*/g, '')));
}

const key = (text: string): string => normalise(text).toLowerCase();

let renderer: Renderer;
let measure: TextMeasurer;
const inputs = new Map<string, FactsheetInput>();
const factsheets = new Map<string, { bytes: Uint8Array; pdf: TaggedPdf }>();
const CODES = ['55', '51', '2A', '976'] as const;

beforeAll(async () => {
  ({ renderer } = await nodeRenderer());
  measure = createTextMeasurer(await loadNodeFonts());
  for (const code of CODES) {
    const input = await loadInput(code);
    inputs.set(code, input);
    const bytes = await renderer.factsheetPdf(input);
    factsheets.set(code, { bytes, pdf: await readTagged(bytes) });
  }
});

function chartAlt(input: FactsheetInput, slug: ChartSlug): string {
  return buildChart(slug, input, measure).figure.desc;
}

describe('factsheet PDF structure (Meuse)', () => {
  it('reads as the reference does: headings, paragraphs, lists and figures in order', () => {
    const { pdf } = factsheets.get('55')!;
    const pages = Array.from({ length: PAGE_COUNT }, (_, index) => roleSequence(pdf.elements.filter((element) => element.page === index + 1)));
    expect(pages).toEqual([
      // The sample notice, the publisher block, then the cover's title and its sections, and its key figures as a list of three tiles.
      'P H1 H2 H3 P H3 L[LI[Lbl LBody]] H3 L[LI[LBody] LI[LBody] LI[LBody]]',
      'H2 H3 P H3 P L[LI[Lbl LBody] LI[Lbl LBody] LI[Lbl LBody]] P',
      'H2 P H3 Figure P H3 Figure',
      'H2 P H3 Figure P',
      'P H3 Figure P H3 Figure P',
      'H2 P H3 Figure P',
      'P H3 Figure P H3 Figure P',
      'H2 P L[LI[Lbl LBody]] P L[LI[Lbl LBody]] P H2 L[LI[Lbl LBody] LI[Lbl LBody]]',
    ]);
  });

  it('opens with the sample notice, then the State, its motto and the agency, one paragraph each', () => {
    const { pdf } = factsheets.get('55')!;
    const beforeTitle = pdf.elements.slice(0, pdf.elements.findIndex((element) => element.role === 'H1'));
    const squeeze = (text: string): string => text.replace(/\s+/g, '');
    expect(beforeTitle.map((element) => element.role)).toEqual(['P', 'P', 'P', 'P']);
    expect(beforeTitle[0]!.text).toMatch(/^Données fictives de démonstration/);
    expect(beforeTitle.slice(1).map((element) => squeeze(element.text))).toEqual(['GOUVERNEMENT', 'LibertéÉgalitéFraternité', 'agencenationaledelacohésiondesterritoires']);
  });

  it('has its headings in the reference\'s order, one H1 and no level skipped', () => {
    const { pdf } = factsheets.get('55')!;
    const found = headings(pdf.elements);
    // The cover's key figures panel, which the reference does not have, closes the cover.
    const reference = referenceHeadings('55-meuse.txt').map(key);
    reference.splice(reference.indexOf(key('Contexte et méthodologie')), 0, key(keyFigures(inputs.get('55')!).heading));
    expect(found.map((heading) => key(heading.text))).toEqual(reference);
    expect(found.filter((heading) => heading.role === 'H1').map((heading) => heading.text)).toEqual(['Les indicateurs clés : commerce extérieur']);
    expect(found[0]!.role).toBe('H1');
    for (let index = 1; index < found.length; index++) expect(Number(found[index]!.role[1]) - Number(found[index - 1]!.role[1])).toBeLessThanOrEqual(1);
  });

  it('lists the Territoires d\'industrie, the methodological points and the links as lists of labelled items', () => {
    const { pdf } = factsheets.get('55')!;
    const input = inputs.get('55')!;
    const lists = flatten(pdf.elements).filter((element) => element.role === 'L');
    expect(lists.length).toBe(6);
    // The cover's key figures (the second list) are tiles without markers: see the next test.
    const bulleted = lists.filter((_, index) => index !== 1);
    for (const list of bulleted) {
      for (const item of list.kids) {
        expect(item.role).toBe('LI');
        expect(item.kids.map((kid) => kid.role)).toEqual(['Lbl', 'LBody']);
        expect(item.kids[0]!.text).toMatch(/^[•■]$/);
      }
    }
    expect(bulleted[0]!.kids.map((item) => item.kids[1]!.text)).toEqual(texts.territoriesOf(input).map((item) => normalise(item.name)));
    expect(bulleted[1]!.kids).toHaveLength(3);
  });

  it('gives the cover\'s key figures a heading and a list of three items, each a tile\'s label, amount and detail', () => {
    const { pdf } = factsheets.get('55')!;
    const { heading, items } = texts.keyFigures(inputs.get('55')!);
    const cover = pdf.elements.filter((element) => element.page === 1);
    const title = cover.findIndex((element) => element.text === normalise(heading));
    expect(cover[title]!.role).toBe('H3');
    const panel = cover[title + 1]!;
    expect(panel.role).toBe('L');
    // pdf.js joins a paragraph's lines without a space: compare the words' letters.
    const squeeze = (text: string): string => text.replace(/\s+/g, '');
    expect(panel.kids.map((item) => item.kids.map((body) => [body.role, ...body.kids.map((part) => `${part.role} ${squeeze(part.text)}`)]))).toEqual(
      items.map((item) => [['LBody', ...[item.label, item.value, item.detail].map((part) => `P ${squeeze(normalise(part))}`)]]),
    );
  });

  it('ties every link to its annotation through a Link element', () => {
    const { pdf } = factsheets.get('55')!;
    const links = flatten(pdf.elements).filter((element) => element.role === 'Link');
    expect(links.map((link) => link.text)).toEqual([
      'Portraits socio-économiques des Territoires d\'Industrie',
      'Dossier de presse de la dernière Assemblée générale',
      'territoires-industrie@anct.gouv.fr',
      'https://anct.gouv.fr/actualites',
      'https://www.entreprises.gouv.fr/la-dge/actualites',
    ]);
    for (const link of links) expect(link.annotations).toBe(1);
  });
});

describe.each(CODES)('factsheet PDF of %s, tagged', (code) => {
  it('has eight figures (six where the région is the territory itself), the charts in order, each with its main figures as alternative text', () => {
    const { pdf } = factsheets.get(code)!;
    const input = inputs.get(code)!;
    const figures = flatten(pdf.elements).filter((element) => element.role === 'Figure');
    const charts = regionRelation(input) === 'same' ? CHART_SLUGS.filter((slug) => !slug.endsWith('-region')) : CHART_SLUGS;
    expect(figures.map((figure) => figure.alt)).toEqual(charts.map((slug) => chartAlt(input, slug)));
    for (const figure of figures) expect(figure.alt!.length).toBeGreaterThan(40);
  });

  it('shows no text outside marked content, and keeps header, footer and the repeated sample notice out of the structure', () => {
    const { pdf } = factsheets.get(code)!;
    expect(pdf.textItems).toBeGreaterThan(400);
    expect(pdf.untagged).toEqual(Array.from({ length: PAGE_COUNT }, () => []));
    const texts = flatten(pdf.elements).map((element) => element.text);
    const input = inputs.get(code)!;
    expect(texts.filter((text) => text.includes(`${input.departement.name} · 2024`))).toEqual([]);
    expect(texts.filter((text) => /^\d\/8$/.test(text) || text.includes('Source : '))).toEqual([]);
    // Every glyph shown maps back to a real character.
    expect(pdf.allText).not.toMatch(/[\uFFFD\uE000-\uF8FF\u0000-\u0008]/);
    // Said once, where it first appears, and not again on every page.
    expect(texts.filter((text) => text.startsWith('Données fictives de démonstration'))).toHaveLength(1);
  });

  it('states it is tagged, its language, its title and the standard it claims', () => {
    const { pdf } = factsheets.get(code)!;
    expect(pdf.markInfo?.Marked).toBe(true);
    expect(pdf.info.Language).toBe('fr-FR');
    expect(pdf.viewerPreferences?.DisplayDocTitle).toBe(true);
    expect(pdf.metadata?.get('dc:title')).toBe(pdf.info.Title);
    expect(pdf.metadata?.get('pdfuaid:part')).toBe('1');
  });
});

describe('factsheet PDF wording that depends on the territory', () => {
  const squeeze = (text: string): string => normalise(text).replace(/\s+/g, '');
  /** A page's elements as role and letters, a figure by its alternative text's start. */
  const pageElements = (code: string, page: number): string[] =>
    factsheets
      .get(code)!
      .pdf.elements.filter((element) => element.page === page)
      .map((element) => `${element.role} ${element.role === 'Figure' ? element.alt!.slice(0, 12) : squeeze(element.text)}`);
  const totalOf = (input: FactsheetInput, scope: 'departement' | 'region' | 'france', flow: 'exports' | 'imports'): string =>
    texts.totalLine((flow === 'exports' ? texts.exportsTexts : texts.importsTexts).totalLabel, formatMillions(input[scope].totals[flow]));
  const flows = [
    { flow: 'exports', own: 4, compared: 5, prefix: 'export' },
    { flow: 'imports', own: 6, compared: 7, prefix: 'import' },
  ] as const;

  it('Corse-du-Sud: the coverage note, and one sentence in place of each région chart, are paragraphs where the page prints them', () => {
    const input = inputs.get('2A')!;
    const { pdf } = factsheets.get('2A')!;
    expect(roleSequence(pdf.elements.filter((element) => element.page === 1))).toBe('P H1 H2 P H3 P H3 L[LI[Lbl LBody]] H3 L[LI[LBody] LI[LBody] LI[LBody]]');
    expect(pageElements('2A', 1).slice(5, 8)).toEqual([`H2 ${squeeze(texts.subtitle(texts.departementName(input)))}`, `P ${squeeze(texts.coverageNote(input)!)}`, `H3 ${squeeze(texts.introduction.heading)}`]);
    for (const { flow, own, compared, prefix } of flows) {
      expect(pageElements('2A', own)).toContain(`P ${squeeze(texts.regionShareLine(input, flow)!)}`);
      const national = buildChart(`${prefix}-france`, input, measure);
      expect(pageElements('2A', compared)).toEqual([
        `P ${squeeze(texts.comparisonIntro(input, flow))}`,
        `P ${squeeze(texts.sameRegionNote(input))}`,
        `H3 ${squeeze(national.title)}`,
        `Figure ${national.figure.desc.slice(0, 12)}`,
        `P ${squeeze(totalOf(input, 'france', flow))}`,
      ]);
    }
  });

  it('Mayotte: the overseas comparison sentences are paragraphs and the overseas charts keep their titles and figures', () => {
    const input = inputs.get('976')!;
    const { pdf } = factsheets.get('976')!;
    expect(roleSequence(pdf.elements.filter((element) => element.page === 1))).toBe('P H1 H2 H3 P H3 P H3 L[LI[LBody] LI[LBody] LI[LBody]]');
    for (const { flow, own, compared, prefix } of flows) {
      expect(pageElements('976', own)).toContain(`P ${squeeze(texts.regionShareLine(input, flow)!)}`);
      const overseas = buildChart(`${prefix}-region`, input, measure);
      const national = buildChart(`${prefix}-france`, input, measure);
      expect(pageElements('976', compared)).toEqual([
        `P ${squeeze(texts.comparisonIntro(input, flow))}`,
        `H3 ${squeeze(overseas.title)}`,
        `Figure ${overseas.figure.desc.slice(0, 12)}`,
        `P ${squeeze(totalOf(input, 'region', flow))}`,
        `H3 ${squeeze(national.title)}`,
        `Figure ${national.figure.desc.slice(0, 12)}`,
        `P ${squeeze(totalOf(input, 'france', flow))}`,
      ]);
    }
  });
});

describe('factsheet PDF objects (Meuse)', () => {
  let document: PDFDocument;
  beforeAll(async () => {
    document = await PDFDocument.load(factsheets.get('55')!.bytes, { updateMetadata: false });
  });

  it('gives every page its tab order and its key in the parent tree, and every link annotation its own', () => {
    const root = document.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    const keys = new Set<number>();
    for (let index = 0; index < nums.size(); index += 2) keys.add((nums.get(index) as PDFNumber).asNumber());
    const used: number[] = [];
    for (const page of document.getPages()) {
      expect(page.node.get(PDFName.of('Tabs'))).toBe(PDFName.of('S'));
      used.push((page.node.get(PDFName.of('StructParents')) as PDFNumber).asNumber());
      for (const annotation of page.node.Annots()?.asArray() ?? []) {
        const dict = document.context.lookup(annotation as PDFRef, PDFDict);
        used.push((dict.get(PDFName.of('StructParent')) as PDFNumber).asNumber());
        expect(dict.get(PDFName.of('Contents'))).toBeDefined();
      }
    }
    expect(new Set(used).size).toBe(used.length);
    expect([...keys].sort((a, b) => a - b)).toEqual([...used].sort((a, b) => a - b));
    expect((root.get(PDFName.of('ParentTreeNextKey')) as PDFNumber).asNumber()).toBe(used.length);
  });

  it('maps every glyph of every font to Unicode, and gives each figure a bounding box', () => {
    let fonts = 0;
    let figures = 0;
    for (const [, object] of document.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object instanceof PDFStream) continue;
      if (object.get(PDFName.of('Type')) === PDFName.of('Font') && object.get(PDFName.of('Subtype')) === PDFName.of('Type0')) {
        fonts++;
        const toUnicode = object.lookup(PDFName.of('ToUnicode'));
        expect(toUnicode).toBeInstanceOf(PDFStream);
        const cmap = new TextDecoder().decode(decodePDFRawStream(toUnicode as PDFRawStream).decode());
        expect(cmap).toMatch(/beginbf(char|range)/);
      }
      if (object.get(PDFName.of('S')) === PDFName.of('Figure')) {
        figures++;
        const bbox = object.lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('BBox'), PDFArray).asArray().map((value) => (value as PDFNumber).asNumber());
        expect(bbox[2]! - bbox[0]!).toBeGreaterThan(100);
        expect(bbox[3]! - bbox[1]!).toBeGreaterThan(50);
        for (const value of bbox) expect(value).toBeGreaterThanOrEqual(0);
        expect(bbox[2]!).toBeLessThanOrEqual(595);
        expect(bbox[3]!).toBeLessThanOrEqual(842);
      }
    }
    expect(fonts).toBeGreaterThanOrEqual(2);
    expect(figures).toBe(8);
  });

  it('gives the same bytes for the same data', async () => {
    const again = await renderer.factsheetPdf(inputs.get('55')!);
    expect(Buffer.from(again).equals(Buffer.from(factsheets.get('55')!.bytes))).toBe(true);
  });
});

describe('page and chart PDFs', () => {
  it.each(Array.from({ length: PAGE_COUNT }, (_, index) => index + 1))('page %i is tagged, starts with an H1 when it has headings, and shows no untagged text', async (number) => {
    const input = inputs.get('55')!;
    const pdf = await readTagged(await renderer.pagePdf(input, number));
    expect(pdf.markInfo?.Marked).toBe(true);
    expect(pdf.untagged).toEqual([[]]);
    expect(pdf.elements.length).toBeGreaterThan(2);
    const found = headings(pdf.elements);
    expect(found[0]?.role).toBe('H1');
    // A page alone still says that its data is a sample, once.
    expect(flatten(pdf.elements).filter((element) => element.text.startsWith('Données fictives de démonstration'))).toHaveLength(1);
  });

  it.each(CHART_SLUGS)('chart %s is a titled figure with its alternative text', async (slug) => {
    const input = inputs.get('55')!;
    const pdf = await readTagged(await renderer.chartPdf(input, slug));
    expect(pdf.untagged).toEqual([[]]);
    expect(pdf.metadata?.get('pdfuaid:part')).toBe('1');
    expect(roleSequence(pdf.elements)).toBe('H1 Figure P');
    expect(pdf.elements[0]!.text).toBe(normalise(buildChart(slug, input, measure).title));
    expect(pdf.elements[1]!.alt).toBe(chartAlt(input, slug));
  });
});
