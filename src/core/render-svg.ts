/**
 * Element trees to SVG with Satori. Satori's standalone build takes its layout engine (yoga) as
 * wasm from the caller, which is what Workers require; initialisation is idempotent because an
 * isolate may receive many requests. Nested drawings (charts, running text), which Satori can only
 * embed as images, are put back inline so that the result stays vector everywhere, including in
 * the PDF step.
 */
import satori, { init } from 'satori/standalone';
import type { FontFiles } from '../ports';
import type { Element } from '../../templates/h';
import { NESTED_NUMBER, type NestedSvg } from '../../templates/nested-svg';
import { fontFamily } from '../../templates/theme';
import { scaleElement } from './element-scale';
import { escapeXml } from './escape-xml';
import { decodeBase64Ascii } from './base64';
import type { NestedSlot, SatoriCache, SatoriLayout } from './satori-cache';

/** Layout units per output unit; see element-scale.ts. */
export const LAYOUT_SCALE = 4;

let engineReady: Promise<void> | undefined;

export function initLayoutEngine(yogaWasm: WebAssembly.Module | ArrayBuffer | Uint8Array): Promise<void> {
  engineReady ??= init(yogaWasm as Parameters<typeof init>[0]).catch((error: unknown) => {
    engineReady = undefined;
    throw error;
  });
  return engineReady;
}

export interface SatoriFont {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: 'normal' | 'italic';
}

export function satoriFonts(fonts: FontFiles): SatoriFont[] {
  const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const list: SatoriFont[] = [
    { name: fontFamily, data: buffer(fonts.regular), weight: 400, style: 'normal' },
    { name: fontFamily, data: buffer(fonts.bold), weight: 700, style: 'normal' },
  ];
  if (fonts.italic) list.push({ name: fontFamily, data: buffer(fonts.italic), weight: 400, style: 'italic' });
  return list;
}

export interface SvgRequest {
  element: Element;
  width: number;
  height: number;
  /** Glyphs as paths (standalone SVG, PNG) or as `<text>` elements (input of the PDF step). */
  glyphs: 'paths' | 'text';
  /** The nested drawings, by the number their placeholder image carries. */
  nested: readonly NestedSvg[];
  title?: string;
  desc?: string;
}

export async function renderSvg(request: SvgRequest, fonts: SatoriFont[], cache?: SatoriCache): Promise<string> {
  if (!engineReady) throw new Error('layout engine not initialised: call initLayoutEngine(yogaWasm) first');
  await engineReady;
  const layout = await layOut(request, fonts, cache);
  if (layout.slots.length !== request.nested.length) throw new Error(`${request.nested.length} nested drawings registered, ${layout.slots.length} found in the layout`);
  const pieces: string[] = [withAccessibleName(layout.open, request.title, request.desc), layout.parts[0]!];
  layout.slots.forEach((slot, index) => {
    const drawing = request.nested[slot.number];
    if (!drawing) throw new Error(`nested drawing placeholder ${slot.number} is unknown`);
    pieces.push(inlined(request.glyphs === 'paths' ? drawing.paths() : drawing.text(), slot), layout.parts[index + 1]!);
  });
  return pieces.join('');
}

/**
 * Satori's SVG of the tree, cut at the nested drawings' placeholders. The same tree, size and glyph
 * form give the same layout (the fonts are the renderer's), so it is kept under the tree as the
 * templates built it; scaling it for Satori is part of the work a kept layout saves.
 */
async function layOut(request: SvgRequest, fonts: SatoriFont[], cache: SatoriCache | undefined): Promise<SatoriLayout> {
  const key = cache ? `${request.width}×${request.height} ${request.glyphs} ${JSON.stringify(request.element)}` : '';
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  const raw = await satori(scaleElement(request.element, LAYOUT_SCALE) as never, {
    width: request.width * LAYOUT_SCALE,
    height: request.height * LAYOUT_SCALE,
    fonts,
    embedFont: request.glyphs === 'paths',
  });
  const layout = splitAtPlaceholders(raw, request.width, request.height);
  cache?.set(key, layout);
  return layout;
}

const OPENING_TAG = /^<svg width="[\d.]+" height="[\d.]+"([^>]*)>/;
const NESTED_IMAGE = /<image x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" href="(data:image\/svg\+xml[^"]*)"[^>]*\/>/g;

function splitAtPlaceholders(svg: string, width: number, height: number): SatoriLayout {
  const opening = OPENING_TAG.exec(svg);
  if (!opening) throw new Error('Satori wrote an SVG without its size');
  // The drawing keeps its layout units in the viewBox; its size is the page's or the chart's own.
  const open = `<svg width="${width}" height="${height}"${opening[1]}>`;
  const parts: string[] = [];
  const slots: NestedSlot[] = [];
  const numbers = new Set<number>();
  let from = opening[0].length;
  for (const match of svg.matchAll(NESTED_IMAGE)) {
    const [whole, x, y, boxWidth, boxHeight, href] = match as unknown as [string, string, string, string, string, string];
    const number = Number(NESTED_NUMBER.exec(placeholderSource(href))?.[1] ?? -1);
    if (number < 0 || numbers.has(number)) throw new Error(`nested drawing placeholder ${number} is unknown or placed twice`);
    numbers.add(number);
    parts.push(svg.slice(from, match.index));
    slots.push({ number, x, y, width: boxWidth, height: boxHeight });
    from = match.index! + whole.length;
  }
  parts.push(svg.slice(from));
  return { open, parts, slots, chars: open.length + parts.reduce((sum, part) => sum + part.length, 0) };
}

/** A nested drawing in its placeholder's place. */
function inlined(source: string, slot: NestedSlot): string {
  const viewBox = /viewBox="([^"]+)"/.exec(source)?.[1] ?? `0 0 ${slot.width} ${slot.height}`;
  const bodyStart = source.indexOf('>') + 1;
  const body = source.endsWith('</svg>') ? source.slice(bodyStart, source.length - '</svg>'.length) : source.slice(bodyStart);
  const [, , drawnWidth, drawnHeight] = viewBox.split(/[\s,]+/).map(Number);
  // The drawing at its own size, not at the box Satori laid out: Satori snaps boxes to whole
  // layout units, and a box a fraction shorter than its drawing would shrink the drawing to fit
  // and centre it, moving a text block's lines right by up to a point and a half.
  const size = drawnWidth && drawnHeight ? { width: layoutUnits(drawnWidth), height: layoutUnits(drawnHeight) } : slot;
  // No clipping to its box: the drawing stays inside it (tested), and resvg would otherwise paint
  // each nested drawing on a layer of its own, which doubled the time to rasterise a chart.
  return `<svg x="${slot.x}" y="${slot.y}" width="${size.width}" height="${size.height}" viewBox="${viewBox}" overflow="visible">${body}</svg>`;
}

function layoutUnits(length: number): number {
  return Math.round(length * LAYOUT_SCALE * 1000) / 1000;
}

/** Satori writes image sources back base64-encoded. */
function placeholderSource(href: string): string {
  const comma = href.indexOf(',');
  const data = href.slice(comma + 1);
  return href.slice(0, comma).endsWith(';base64') ? decodeBase64Ascii(data) : decodeURIComponent(data);
}

/** The accessible name goes just inside the opening tag. */
function withAccessibleName(open: string, title?: string, desc?: string): string {
  if (!title && !desc) return open;
  const parts = [title ? `<title id="title">${escapeXml(title)}</title>` : '', desc ? `<desc id="desc">${escapeXml(desc)}</desc>` : ''].join('');
  const labelledBy = [title ? 'title' : '', desc ? 'desc' : ''].filter(Boolean).join(' ');
  return `${open.slice(0, -1)} role="img" aria-labelledby="${labelledBy}">${parts}`;
}
