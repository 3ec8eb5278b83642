/**
 * Satori's SVG (with `<text>` elements rather than glyph outlines) to vector PDF pages: boxes and
 * bands become PDF paths, text becomes real text in the embedded subset fonts (subset once per
 * renderer, pdf-font-set.ts), so that a reader can select, search and copy it. Only what Satori and
 * our drawings emit is read (pdf-svg-scanner.ts): rect, path, line, text, nested svg and the
 * rectangles Satori clips borders with; the masks it adds around every box are skipped, since no
 * template relies on them. Content streams are written as bytes (pdf-content-writer.ts); pdf-lib
 * holds the document's objects, and pdf-file-writer.ts writes the file.
 *
 * The PDF is tagged (PDF/UA-1): each block's drawing is one marked-content sequence with the role
 * its template gave it (see pdf-tags.ts), everything else — running header and footer, boxes and
 * rules Satori draws — is an artifact, and the structure tree is built alongside (pdf-structure.ts).
 * Which drawn piece is which block is found from the element tree's order (pdf-drawing-order.ts).
 */
import { PDFDocument, PDFName, PDFString, rgb, type PDFDict, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import type { DocumentFonts, FaceKey, PdfFontSet } from './pdf-font-set';
import { writePdfFile } from './pdf-file-writer';
import { pdfLibDeflate } from './pdf-deflate';
import { utf8, xmpMetadata } from './pdf-metadata';
import { letterCount, type SatoriText } from './pdf-drawing-order';
import { PageStructure, StructureTree } from './pdf-structure';
import type { StructTag } from './pdf-tags';
import { n, writeSvgPath } from './svg-path-to-pdf';
import { ContentWriter } from './pdf-content-writer';
import { SvgScanner } from './pdf-svg-scanner';
import type { Deflate } from '../ports';

export interface PdfPageSource {
  svg: string;
  width: number;
  height: number;
  links: readonly { text: string; url: string }[];
  /** The tags of the page's nested drawings, in the order they are drawn. */
  tags: readonly (StructTag | undefined)[];
  /** The texts Satori draws itself, in drawing order, with their tags. */
  satoriTexts: readonly SatoriText[];
}

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** Fixed from the data version, so that the same data gives the same bytes. */
  date: Date;
}

export interface PdfOptions {
  /** The colour templates use for link text only; see templates/theme.ts. */
  linkColor: string;
  /** Compression for the document's streams; pdf-lib's own JavaScript deflate when absent. */
  deflate?: Deflate;
}

const LANGUAGE = 'fr-FR';

/** `fontSet` belongs to the renderer: its faces are subset once for all the documents it writes. */
export async function svgPagesToPdf(pages: readonly PdfPageSource[], fontSet: PdfFontSet, metadata: PdfMetadata, options: PdfOptions): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  if (options.deflate) compressWith(document, options.deflate);
  const fonts = fontSet.document();
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords(metadata.keywords);
  document.setCreator(metadata.creator);
  document.setProducer(metadata.creator);
  document.setLanguage(LANGUAGE);
  document.setCreationDate(metadata.date);
  document.setModificationDate(metadata.date);
  markTagged(document, metadata);

  const structure = new StructureTree(document.context, pages.length);
  for (const [index, source] of pages.entries()) {
    const page = document.addPage([source.width, source.height]);
    const pageStructure = structure.page(page, index);
    drawSvg(page, source, fonts, options, structure, pageStructure);
    pageStructure.finish();
  }
  structure.finish(document.catalog);
  fonts.writeFonts(document.context);
  await document.flush();
  return writePdfFile(document.context, options.deflate ?? pdfLibDeflate);
}

/** What PDF/UA asks of the catalog besides the structure tree: marked, its language, and XMP naming the title and the standard. */
function markTagged(document: PDFDocument, metadata: PdfMetadata): void {
  const context = document.context;
  document.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  const xmp = xmpMetadata({ ...metadata, language: LANGUAGE });
  // Left uncompressed, as metadata is meant to be readable by tools that do not parse PDF.
  document.catalog.set(PDFName.of('Metadata'), context.register(context.stream(utf8(xmp), { Type: 'Metadata', Subtype: 'XML' })));
}

interface TextRun {
  x: number;
  y: number;
  width: number;
  size: number;
  font: FaceKey;
  fill: string;
  opacity: number;
  text: string;
}

const SKIPPED = new Set(['mask', 'title', 'desc', 'pattern', 'linearGradient', 'radialGradient', 'filter']);
const FONT_KEYS: Record<FaceKey, string> = { regular: 'F1', bold: 'F2', italic: 'F3' };

interface Transform {
  x: number;
  y: number;
  scale: number;
  /** The svg element's box on the page, for a figure's bounding box. */
  width: number;
  height: number;
  /** Its `cm` operator, written once for all the shapes it holds. */
  matrix?: string;
}

/** What a piece of drawing belongs to: a tagged block, or the page's furniture (tag absent). */
interface Target {
  id: string;
  tag: StructTag | undefined;
  bbox?: readonly number[];
}

/** One marked-content sequence being written: its shapes now, its text runs when it closes. */
interface Segment {
  target: Target;
  /** The current `cm` its shapes are drawn in, if any is open. */
  matrix: string | undefined;
  runs: TextRun[];
  /** Whether its BDC/BMC is written yet: nothing is written for a block that draws nothing. */
  open: boolean;
}

const FURNITURE: Target = { id: 'furniture', tag: undefined };

/**
 * One page's content stream, written as text in drawing order, one marked-content sequence per
 * block: its shapes in the coordinates of the svg element that holds them (one `cm` per change),
 * then its merged text runs in page coordinates.
 */
function drawSvg(
  page: PDFPage,
  source: PdfPageSource,
  fonts: DocumentFonts,
  options: PdfOptions,
  structure: StructureTree,
  pageStructure: PageStructure,
): void {
  const height = source.height;
  const out = new ContentWriter();
  const graphicsStates = new Map<number, string>();
  const graphicsState = (alpha: number): string => {
    let key = graphicsStates.get(alpha);
    if (!key) {
      key = `GS${graphicsStates.size + 1}`;
      graphicsStates.set(alpha, key);
      page.node.setExtGState(PDFName.of(key), page.doc.context.obj({ Type: 'ExtGState', ca: alpha, CA: alpha }));
    }
    return key;
  };
  // Each svg element (the root, then nested drawings) maps its viewBox onto its box in the parent.
  const transforms: Transform[] = [];
  // Coordinates for content outside any svg element, which Satori does not write.
  const pageUnits: Transform = { x: 0, y: 0, scale: 1, width: source.width, height };
  const clipRects = new Map<string, string>();
  let clipId: string | undefined;
  let skipDepth = 0;
  let openText: TextRun | undefined;
  // The nested drawing being read, if any, and how many were read before it.
  let drawingTarget: Target | undefined;
  let drawingsSeen = 0;
  // Satori's own texts: which one the next drawn word belongs to, and how many letters it has left.
  const satoriTargets: Target[] = [];
  let satoriIndex = -1;
  let lettersLeft = 0;
  const usedFonts = new Set<FaceKey>();
  let segment: Segment | undefined;

  const svg = source.svg;
  const scanner = new SvgScanner(svg);
  for (let kind = scanner.next(); kind !== 'end'; kind = scanner.next()) {
    if (kind === 'text') {
      if (openText && skipDepth === 0) openText.text += scanner.text();
      continue;
    }
    const name = scanner.name;
    const closing = kind === 'close';
    if (!name) continue;
    if (SKIPPED.has(name)) {
      if (closing) skipDepth--;
      else if (!scanner.selfClosing) skipDepth++;
      continue;
    }
    if (skipDepth > 0) continue;
    // Satori clips each border to its box with a rectangle; other clip shapes are not produced.
    if (name === 'clipPath') {
      clipId = closing ? undefined : scanner.attr('id');
      continue;
    }
    if (clipId !== undefined) {
      if (name === 'rect' && !closing) clipRects.set(clipId, `${rectangle(scanner)} W n`);
      continue;
    }
    if (name === 'svg') {
      if (closing) {
        transforms.pop();
        if (transforms.length === 1) drawingTarget = undefined;
      } else {
        transforms.push(nestedTransform(transforms[transforms.length - 1], scanner));
        if (transforms.length === 2) drawingTarget = nestedTarget(drawingsSeen++);
      }
      continue;
    }
    if (closing) {
      if (name === 'text' && openText) {
        const target = drawingTarget ?? satoriTarget(openText.text);
        if (target) into(target).runs.push(openText);
        openText = undefined;
      }
      continue;
    }
    const t = transforms[transforms.length - 1] ?? pageUnits;
    switch (name) {
      case 'rect': {
        const fill = parseColor(scanner.attr('fill'));
        if (!fill) break;
        const isolated = beginShape(t, fill, opacityOf(scanner) * fill.alpha, null, 0, scanner.attr('clip-path'));
        out.number(scanner.number('x')).number(scanner.number('y')).number(scanner.number('width')).number(scanner.number('height')).line('re');
        endShape('f', isolated);
        break;
      }
      case 'path': {
        const d = scanner.span('d');
        if (!d || d[0] === d[1]) break;
        const fill = parseColor(scanner.attr('fill') ?? 'black');
        const stroke = parseColor(scanner.attr('stroke'));
        if (!fill && !stroke) break;
        const evenOdd = scanner.is('fill-rule', 'evenodd');
        const paint = fill && stroke ? (evenOdd ? 'B*' : 'B') : fill ? (evenOdd ? 'f*' : 'f') : 'S';
        const isolated = beginShape(t, fill, fill ? opacityOf(scanner) * fill.alpha : (stroke?.alpha ?? 1), stroke, scanner.number('stroke-width', 1), scanner.attr('clip-path'));
        writeSvgPath(out, svg, d[0], d[1]);
        endShape(paint, isolated);
        break;
      }
      case 'line': {
        const stroke = parseColor(scanner.attr('stroke'));
        if (!stroke) break;
        const isolated = beginShape(t, null, stroke.alpha, stroke, scanner.number('stroke-width', 1), scanner.attr('clip-path'));
        out.number(scanner.number('x1')).number(scanner.number('y1')).text('m ').number(scanner.number('x2')).number(scanner.number('y2')).line('l');
        endShape('S', isolated);
        break;
      }
      case 'text': {
        if (scanner.selfClosing) break;
        const weight = scanner.attr('font-weight') ?? '400';
        const bold = weight === 'bold' || Number(weight) >= 600;
        const italic = scanner.is('font-style', 'italic');
        openText = {
          x: t.x + t.scale * scanner.number('x'),
          y: t.y + t.scale * scanner.number('y'),
          width: t.scale * scanner.number('width'),
          size: t.scale * scanner.number('font-size', 16),
          font: bold ? 'bold' : italic ? 'italic' : 'regular',
          fill: (scanner.attr('fill') ?? 'black').toLowerCase(),
          opacity: opacityOf(scanner),
          text: '',
        };
        break;
      }
      default:
        break;
    }
  }
  close();
  // A template the element-tree walk does not read as Satori draws it would tag the wrong blocks.
  if (drawingsSeen !== source.tags.length) throw new Error(`PDF tagging: ${drawingsSeen} nested drawings drawn, ${source.tags.length} in the element tree`);
  if (satoriIndex !== source.satoriTexts.length - 1 || lettersLeft !== 0) throw new Error('PDF tagging: the words Satori drew do not add up to the texts of the element tree');

  function nestedTarget(index: number): Target {
    const tag = once(source.tags[index]);
    const box = transforms[transforms.length - 1];
    const target: Target = { id: `n${index}`, tag };
    if (tag?.role === 'Figure' && box) target.bbox = [box.x, height - box.y - box.height, box.x + box.width, height - box.y];
    return target;
  }

  /** The Satori text a drawn word belongs to; spaces go with the text they stand in. */
  function satoriTarget(text: string): Target | undefined {
    const letters = letterCount(text);
    if (letters === 0) return satoriTargets[satoriIndex];
    while (lettersLeft <= 0 && satoriIndex < source.satoriTexts.length - 1) {
      const previous = source.satoriTexts[satoriIndex];
      const next = source.satoriTexts[++satoriIndex]!;
      lettersLeft = next.letters;
      satoriTargets[satoriIndex] = previous?.block === next.block ? satoriTargets[satoriIndex - 1]! : { id: `s${next.block}`, tag: once(next.tag) };
    }
    lettersLeft -= letters;
    return satoriTargets[satoriIndex];
  }

  function once(tag: StructTag | undefined): StructTag | undefined {
    return tag?.once !== undefined && !structure.firstMention(tag.once) ? undefined : tag;
  }

  function into(target: Target): Segment {
    if (segment?.target === target) return segment;
    close();
    segment = { target, matrix: undefined, runs: [], open: false };
    return segment;
  }

  function begin(current: Segment): void {
    if (current.open) return;
    current.open = true;
    const tag = current.target.tag;
    if (!tag || tag.role === 'Artifact') {
      out.line(tag?.artifact ? `/Artifact <</Type /Pagination /Subtype /${tag.artifact}>> BDC` : '/Artifact BMC');
    } else {
      const node = pageStructure.element(current.target.id, tag, current.target.bbox);
      out.line(`/${tag.role} <</MCID ${pageStructure.markedContent(node)}>> BDC`);
    }
  }

  /** Opens a shape's drawing: its sequence, transform, clip, transparency and colours; returns whether it saved the graphics state. */
  function beginShape(t: Transform, fill: Colour | null, alpha: number, stroke: Colour | null, strokeWidth: number, clipPath: string | undefined): boolean {
    const current = into(drawingTarget ?? FURNITURE);
    begin(current);
    const matrix = (t.matrix ??= `${n(t.scale)} 0 0 ${n(-t.scale)} ${n(t.x)} ${n(height - t.y)} cm`);
    if (current.matrix !== matrix) {
      if (current.matrix) out.line('Q');
      out.line('q').line(matrix);
      current.matrix = matrix;
    }
    const clip = clipPath ? clipRects.get(/url\(#([^)]+)\)/.exec(clipPath)?.[1] ?? '') : undefined;
    const isolated = alpha < 1 || clip !== undefined;
    if (isolated) out.line('q');
    if (clip) out.line(clip);
    if (alpha < 1) out.text('/').text(graphicsState(round3(alpha))).line(' gs');
    if (fill) out.text(fill.operands).line(' rg');
    if (stroke) out.text(stroke.operands).text(' RG ').number(strokeWidth).line('w');
    return isolated;
  }

  function endShape(paint: string, isolated: boolean): void {
    out.line(paint);
    if (isolated) out.line('Q');
  }

  /** Ends the current sequence: its shapes' transform, then its text, each link in a Link element of its own. */
  function close(): void {
    const current = segment;
    segment = undefined;
    if (!current) return;
    if (current.matrix) out.line('Q');
    const runs = mergeRuns(current.runs);
    if (runs.length > 0) begin(current);
    if (!current.open) return;
    const tag = current.target.tag;
    const tagged = tag !== undefined && tag.role !== 'Artifact';
    let inBlock = true;
    for (const run of runs) {
      const link = tagged && run.fill === options.linkColor.toLowerCase() ? source.links.find((candidate) => candidate.text.includes(run.text.trim()) || run.text.includes(candidate.text)) : undefined;
      if (link) {
        const block = pageStructure.element(current.target.id, tag!);
        const { ref, dict } = addLink(page, link.url, run.x, height - run.y - run.size * 0.3, run.width, run.size * 1.2);
        const element = pageStructure.link(block);
        if (inBlock) out.line('EMC');
        out.line(`/Link <</MCID ${pageStructure.markedContent(element)}>> BDC`);
        pageStructure.annotate(element, ref, dict, link.text);
        drawRun(run);
        out.line('EMC');
        inBlock = false;
        continue;
      }
      if (!inBlock) {
        out.line(`/${tag!.role} <</MCID ${pageStructure.markedContent(pageStructure.element(current.target.id, tag!))}>> BDC`);
        inBlock = true;
      }
      drawRun(run);
    }
    if (inBlock) out.line('EMC');
  }

  function drawRun(run: TextRun): void {
    usedFonts.add(run.font);
    const colour = parseColor(run.fill) ?? BLACK;
    const encoded = fonts.encode(run.font, run.text);
    // Satori placed the words of a merged run one by one; spread the difference between its width
    // and the font's plain advance over the letters, so the run ends where Satori ended it.
    const glyphGaps = encoded.glyphCount - 1;
    const spacing = glyphGaps > 0 ? (run.width - (encoded.advance * run.size) / 1000) / glyphGaps : 0;
    const adjust = Math.abs(spacing) > 0.001 && Math.abs(spacing) < run.size * 0.1;
    const alpha = round3(run.opacity * colour.alpha);
    out.line('q');
    if (alpha < 1) out.text('/').text(graphicsState(alpha)).line(' gs');
    out.line('BT').text('/').text(FONT_KEYS[run.font]).text(' ').number(run.size).line('Tf');
    out.text(colour.operands).line(' rg');
    if (adjust) out.number(spacing).line('Tc');
    out.text('1 0 0 1 ').number(run.x).number(height - run.y).line('Tm');
    out.codes(encoded.codes).line(' Tj').line('ET').line('Q');
  }

  const context = page.doc.context;
  for (const key of usedFonts) page.node.setFontDictionary(PDFName.of(FONT_KEYS[key]), fonts.ref(context, key));
  page.node.addContentStream(context.register(context.flateStream(out.finish())));
}

/** pdf-lib compresses every stream it writes (page contents, font files, their cmaps) through this one method. */
function compressWith(document: PDFDocument, deflate: Deflate): void {
  const context = document.context;
  context.flateStream = (contents, dict = {}) => context.stream(deflate(typeof contents === 'string' ? latin1(contents) : contents), { ...dict, Filter: 'FlateDecode' });
}

/** A string of byte values as bytes, as pdf-lib reads the strings it writes into streams. */
function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index) & 0xff;
  return bytes;
}

function rectangle(rect: SvgScanner): string {
  return `${n(rect.number('x'))} ${n(rect.number('y'))} ${n(rect.number('width'))} ${n(rect.number('height'))} re`;
}

function opacityOf(element: SvgScanner): number {
  return element.number('opacity', 1) * element.number('fill-opacity', 1);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function nestedTransform(parent: Transform | undefined, element: SvgScanner): Transform {
  const width = element.number('width');
  const viewBox = element.numbers('viewBox');
  const scale = viewBox.length === 4 && viewBox[2]! > 0 && width > 0 ? width / viewBox[2]! : 1;
  const base = parent ?? { x: 0, y: 0, scale: 1 };
  // The root element's x and y are absent (0); a nested drawing's are in its parent's units.
  return {
    x: base.x + base.scale * element.number('x'),
    y: base.y + base.scale * element.number('y'),
    scale: base.scale * scale,
    width: base.scale * width,
    height: base.scale * element.number('height'),
  };
}

/**
 * Satori writes one `<text>` per word and per space. Words that follow each other on a line in the
 * same style become one text run, so that copied text reads as sentences.
 */
function mergeRuns(runs: readonly TextRun[]): TextRun[] {
  const merged: TextRun[] = [];
  for (const run of runs) {
    const previous = merged[merged.length - 1];
    if (
      previous &&
      Math.abs(previous.y - run.y) < 0.01 &&
      previous.size === run.size &&
      previous.font === run.font &&
      previous.fill === run.fill &&
      previous.opacity === run.opacity
    ) {
      const gap = run.x - (previous.x + previous.width);
      if (gap > -0.5 && gap < run.size * 0.4) {
        const needsSpace = gap > run.size * 0.1 && !previous.text.endsWith(' ') && !run.text.startsWith(' ');
        previous.text += (needsSpace ? ' ' : '') + run.text;
        previous.width = run.x + run.width - previous.x;
        continue;
      }
    }
    merged.push({ ...run });
  }
  return merged.filter((run) => run.text.trim() !== '').map((run) => ({ ...run, text: run.text.replace(/\s+$/, '') }));
}

function addLink(page: PDFPage, url: string, x: number, y: number, width: number, height: number): { ref: PDFRef; dict: PDFDict } {
  const context = page.doc.context;
  const dict = context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [x, y, x + width, y + height],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
  });
  const annotation = context.register(dict);
  const existing = page.node.lookup(PDFName.of('Annots'));
  if (existing && 'push' in existing) (existing as unknown as { push(ref: unknown): void }).push(annotation);
  else page.node.set(PDFName.of('Annots'), context.obj([annotation]));
  return { ref: annotation, dict };
}

type Colour = ReturnType<typeof rgb> & {
  alpha: number;
  /** Its three operands for `rg` and `RG`, written once for the thousands of shapes in a colour. */
  operands: string;
};

const BLACK = makeColour(0, 0, 0, 1);

function makeColour(red: number, green: number, blue: number, alpha: number): Colour {
  return { ...rgb(red, green, blue), alpha, operands: `${n(red)} ${n(green)} ${n(blue)}` };
}

const NAMED: Record<string, string> = { black: '#000000', white: '#ffffff', red: '#ff0000' };

/** A drawing uses a handful of colours thousands of times. */
const parsedColours = new Map<string, Colour | null>();

function parseColor(value: string | undefined): Colour | null {
  if (!value || value === 'none' || value === 'transparent') return null;
  let parsed = parsedColours.get(value);
  if (parsed === undefined) {
    parsed = parseColorText(value);
    // Bounded: colours come from the templates, but a stray one must not grow the map forever.
    if (parsedColours.size < 1000) parsedColours.set(value, parsed);
  }
  return parsed;
}

function parseColorText(value: string): Colour | null {
  const colour = NAMED[value.toLowerCase()] ?? value;
  let match = /^#([0-9a-f]{3})$/i.exec(colour);
  if (match) {
    const [r, g, b] = match[1]!.split('').map((digit) => parseInt(digit + digit, 16) / 255);
    return makeColour(r!, g!, b!, 1);
  }
  match = /^#([0-9a-f]{6})$/i.exec(colour);
  if (match) {
    const hex = match[1]!;
    return makeColour(parseInt(hex.slice(0, 2), 16) / 255, parseInt(hex.slice(2, 4), 16) / 255, parseInt(hex.slice(4, 6), 16) / 255, 1);
  }
  match = /^rgba?\(([^)]+)\)$/i.exec(colour);
  if (match) {
    const [r, g, b, a] = match[1]!.split(/[\s,/]+/).map(Number);
    return makeColour((r ?? 0) / 255, (g ?? 0) / 255, (b ?? 0) / 255, a ?? 1);
  }
  return null;
}
