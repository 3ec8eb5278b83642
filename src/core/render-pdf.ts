/**
 * Satori's SVG (with `<text>` elements rather than glyph outlines) to vector PDF pages with
 * pdf-lib: boxes and bands become PDF paths, text becomes real text in the embedded, subset fonts,
 * so that a reader can select, search and copy it. Only what Satori and our drawings emit is read:
 * rect, path, line, text, nested svg and the rectangles Satori clips borders with; the masks it
 * adds around every box are skipped, since no template relies on them.
 */
import { PDFDocument, PDFName, PDFString, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { plainFontkit } from './plain-fontkit';
import { createGlyphEncoder, type GlyphEncoder } from './pdf-glyph-encoder';
import { n, svgPathToPdf } from './svg-path-to-pdf';
import type { Deflate, FontFiles } from '../ports';

export interface PdfPageSource {
  svg: string;
  width: number;
  height: number;
  links: readonly { text: string; url: string }[];
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

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

export async function svgPagesToPdf(pages: readonly PdfPageSource[], fontFiles: FontFiles, metadata: PdfMetadata, options: PdfOptions): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  if (options.deflate) compressWith(document, options.deflate);
  document.registerFontkit(plainFontkit);
  const fonts: Fonts = {
    regular: await document.embedFont(fontFiles.regular, { subset: true, customName: 'FCEAAA+SourceSans3-Regular' }),
    bold: await document.embedFont(fontFiles.bold, { subset: true, customName: 'FCEAAB+SourceSans3-Bold' }),
    italic: await document.embedFont(fontFiles.italic ?? fontFiles.regular, { subset: true, customName: fontFiles.italic ? 'FCEAAC+SourceSans3-Italic' : 'FCEAAD+SourceSans3-Regular' }),
  };
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords(metadata.keywords);
  document.setCreator(metadata.creator);
  document.setProducer(metadata.creator);
  document.setLanguage('fr-FR');
  document.setCreationDate(metadata.date);
  document.setModificationDate(metadata.date);

  const encoders: Record<keyof Fonts, GlyphEncoder> = {
    regular: createGlyphEncoder(fonts.regular),
    bold: createGlyphEncoder(fonts.bold),
    italic: createGlyphEncoder(fonts.italic),
  };
  for (const source of pages) {
    const page = document.addPage([source.width, source.height]);
    drawSvg(page, source, fonts, encoders, options);
  }
  return document.save({ useObjectStreams: true });
}

interface TextRun {
  x: number;
  y: number;
  width: number;
  size: number;
  font: keyof Fonts;
  fill: string;
  opacity: number;
  text: string;
}

const TOKEN = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([a-zA-Z:-]+)="([^"]*)"/g;
const SKIPPED = new Set(['mask', 'title', 'desc', 'pattern', 'linearGradient', 'radialGradient', 'filter']);
const FONT_KEYS: Record<keyof Fonts, string> = { regular: 'F1', bold: 'F2', italic: 'F3' };

interface Transform {
  x: number;
  y: number;
  scale: number;
}

/**
 * One page's content stream, written as text: shapes in the coordinates of the svg element that
 * holds them (one `cm` per svg element), then the merged text runs in page coordinates.
 */
function drawSvg(page: PDFPage, source: PdfPageSource, fonts: Fonts, encoders: Record<keyof Fonts, GlyphEncoder>, options: PdfOptions): void {
  const height = source.height;
  const ops: string[] = [];
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
  const clipRects = new Map<string, string>();
  let clipId: string | undefined;
  let skipDepth = 0;
  let openText: TextRun | undefined;
  const runs: TextRun[] = [];

  for (const match of source.svg.matchAll(TOKEN)) {
    const [, closing, name, attributeText, selfClosing, content] = match;
    if (content !== undefined) {
      if (openText && skipDepth === 0) openText.text += decodeEntities(content);
      continue;
    }
    if (!name) continue;
    if (SKIPPED.has(name)) {
      if (closing) skipDepth--;
      else if (!selfClosing) skipDepth++;
      continue;
    }
    if (skipDepth > 0) continue;
    // Satori clips each border to its box with a rectangle; other clip shapes are not produced.
    if (name === 'clipPath') {
      clipId = closing ? undefined : parseAttributes(attributeText ?? '').id;
      continue;
    }
    const attributes = parseAttributes(attributeText ?? '');
    if (clipId !== undefined) {
      if (name === 'rect') clipRects.set(clipId, `${rectangle(attributes)} W n`);
      continue;
    }
    if (name === 'svg') {
      if (closing) {
        transforms.pop();
        ops.push('Q');
      } else {
        const parent = transforms[transforms.length - 1];
        const t = nestedTransform(parent, attributes);
        transforms.push(t);
        // The root also flips the y axis: SVG grows downwards, PDF upwards.
        const relative = parent ? `${n(t.scale / parent.scale)} 0 0 ${n(t.scale / parent.scale)} ${n(num(attributes.x))} ${n(num(attributes.y))}` : `${n(t.scale)} 0 0 ${n(-t.scale)} 0 ${n(height)}`;
        ops.push('q', `${relative} cm`);
      }
      continue;
    }
    if (closing) {
      if (name === 'text' && openText) {
        runs.push(openText);
        openText = undefined;
      }
      continue;
    }
    const t = transforms[transforms.length - 1] ?? { x: 0, y: 0, scale: 1 };
    const opacity = num(attributes.opacity, 1) * num(attributes['fill-opacity'], 1);
    switch (name) {
      case 'rect': {
        const fill = parseColor(attributes.fill);
        if (!fill) break;
        shape(rectangle(attributes), fill, opacity * fill.alpha, null, 0, 'f', attributes['clip-path']);
        break;
      }
      case 'path': {
        const d = attributes.d;
        if (!d) break;
        const fill = parseColor(attributes.fill ?? 'black');
        const stroke = parseColor(attributes.stroke);
        if (!fill && !stroke) break;
        const evenOdd = attributes['fill-rule'] === 'evenodd';
        const paint = fill && stroke ? (evenOdd ? 'B*' : 'B') : fill ? (evenOdd ? 'f*' : 'f') : 'S';
        shape(svgPathToPdf(d), fill, fill ? opacity * fill.alpha : (stroke?.alpha ?? 1), stroke, num(attributes['stroke-width'], 1), paint, attributes['clip-path']);
        break;
      }
      case 'line': {
        const stroke = parseColor(attributes.stroke);
        if (!stroke) break;
        const path = `${n(num(attributes.x1))} ${n(num(attributes.y1))} m ${n(num(attributes.x2))} ${n(num(attributes.y2))} l`;
        shape(path, null, stroke.alpha, stroke, num(attributes['stroke-width'], 1), 'S', attributes['clip-path']);
        break;
      }
      case 'text': {
        const weight = attributes['font-weight'] ?? '400';
        const bold = weight === 'bold' || Number(weight) >= 600;
        const italic = attributes['font-style'] === 'italic';
        openText = {
          x: t.x + t.scale * num(attributes.x),
          y: t.y + t.scale * num(attributes.y),
          width: t.scale * num(attributes.width),
          size: t.scale * num(attributes['font-size'], 16),
          font: bold ? 'bold' : italic ? 'italic' : 'regular',
          fill: (attributes.fill ?? 'black').toLowerCase(),
          opacity,
          text: '',
        };
        if (selfClosing) openText = undefined;
        break;
      }
      default:
        break;
    }
  }
  while (transforms.pop()) ops.push('Q');

  function shape(path: string, fill: Colour | null, alpha: number, stroke: Colour | null, strokeWidth: number, paint: string, clipPath: string | undefined): void {
    const clip = clipPath ? clipRects.get(/url\(#([^)]+)\)/.exec(clipPath)?.[1] ?? '') : undefined;
    const isolated = alpha < 1 || clip !== undefined;
    if (isolated) ops.push('q');
    if (clip) ops.push(clip);
    if (alpha < 1) ops.push(`/${graphicsState(round3(alpha))} gs`);
    if (fill) ops.push(`${colourOperands(fill)} rg`);
    if (stroke) ops.push(`${colourOperands(stroke)} RG ${n(strokeWidth)} w`);
    ops.push(path, paint);
    if (isolated) ops.push('Q');
  }

  const usedFonts = new Set<keyof Fonts>();
  for (const run of mergeRuns(runs)) {
    usedFonts.add(run.font);
    const colour = parseColor(run.fill) ?? { ...rgb(0, 0, 0), alpha: 1 };
    const encoded = encoders[run.font].encode(run.text);
    // Satori placed the words of a merged run one by one; spread the difference between its width
    // and the font's plain advance over the letters, so the run ends where Satori ended it.
    const glyphGaps = encoded.glyphCount - 1;
    const spacing = glyphGaps > 0 ? (run.width - (encoded.advance * run.size) / 1000) / glyphGaps : 0;
    const adjust = Math.abs(spacing) > 0.001 && Math.abs(spacing) < run.size * 0.1;
    const alpha = round3(run.opacity * colour.alpha);
    ops.push('q');
    if (alpha < 1) ops.push(`/${graphicsState(alpha)} gs`);
    ops.push(
      'BT',
      `/${FONT_KEYS[run.font]} ${n(run.size)} Tf`,
      `${colourOperands(colour)} rg`,
      adjust ? `${n(spacing)} Tc` : '',
      `1 0 0 1 ${n(run.x)} ${n(height - run.y)} Tm`,
      `<${encoded.hex}> Tj`,
      'ET',
      'Q',
    );
    if (run.fill === options.linkColor.toLowerCase()) {
      const link = source.links.find((candidate) => candidate.text.includes(run.text.trim()) || run.text.includes(candidate.text));
      if (link) addLink(page, link.url, run.x, height - run.y - run.size * 0.3, run.width, run.size * 1.2);
    }
  }

  for (const key of usedFonts) page.node.setFontDictionary(PDFName.of(FONT_KEYS[key]), fonts[key].ref);
  const context = page.doc.context;
  page.node.addContentStream(context.register(context.flateStream(ops.filter(Boolean).join('\n'))));
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

function rectangle(attributes: Record<string, string>): string {
  return `${n(num(attributes.x))} ${n(num(attributes.y))} ${n(num(attributes.width))} ${n(num(attributes.height))} re`;
}

function colourOperands(colour: Colour): string {
  return `${n(colour.red)} ${n(colour.green)} ${n(colour.blue)}`;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function nestedTransform(parent: Transform | undefined, attributes: Record<string, string>): Transform {
  const width = num(attributes.width);
  const viewBox = (attributes.viewBox ?? '').split(/[\s,]+/).map(Number);
  const scale = viewBox.length === 4 && viewBox[2]! > 0 && width > 0 ? width / viewBox[2]! : 1;
  const base = parent ?? { x: 0, y: 0, scale: 1 };
  // The root element's x and y are absent (0); a nested drawing's are in its parent's units.
  return { x: base.x + base.scale * num(attributes.x), y: base.y + base.scale * num(attributes.y), scale: base.scale * scale };
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

function addLink(page: PDFPage, url: string, x: number, y: number, width: number, height: number): void {
  const context = page.doc.context;
  const annotation = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [x, y, x + width, y + height],
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
    }),
  );
  const existing = page.node.lookup(PDFName.of('Annots'));
  if (existing && 'push' in existing) (existing as unknown as { push(ref: unknown): void }).push(annotation);
  else page.node.set(PDFName.of('Annots'), context.obj([annotation]));
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, key, value] of text.matchAll(ATTRIBUTE)) attributes[key!] = decodeEntities(value!);
  return attributes;
}

function num(value: string | undefined, fallback = 0): number {
  if (value === undefined) return fallback;
  const parsed = Number.parseFloat(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}

type Colour = ReturnType<typeof rgb> & { alpha: number };

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
    return { ...rgb(r!, g!, b!), alpha: 1 };
  }
  match = /^#([0-9a-f]{6})$/i.exec(colour);
  if (match) {
    const hex = match[1]!;
    return { ...rgb(parseInt(hex.slice(0, 2), 16) / 255, parseInt(hex.slice(2, 4), 16) / 255, parseInt(hex.slice(4, 6), 16) / 255), alpha: 1 };
  }
  match = /^rgba?\(([^)]+)\)$/i.exec(colour);
  if (match) {
    const [r, g, b, a] = match[1]!.split(/[\s,/]+/).map(Number);
    return { ...rgb((r ?? 0) / 255, (g ?? 0) / 255, (b ?? 0) / 255), alpha: a ?? 1 };
  }
  return null;
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_match, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_match, decimal: string) => String.fromCodePoint(parseInt(decimal, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
