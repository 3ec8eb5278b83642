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
import type { SatoriCache } from './satori-cache';

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
  const raw = await layOut(request, fonts, cache);
  const inlined = inlineNestedSvgs(raw, request.nested.map((svg) => (request.glyphs === 'paths' ? svg.paths() : svg.text())));
  // The drawing keeps its layout units in the viewBox; its size is the page's or the chart's own.
  const sized = inlined.replace(/^<svg width="[\d.]+" height="[\d.]+"/, `<svg width="${request.width}" height="${request.height}"`);
  return withAccessibleName(sized, request.title, request.desc);
}

/** Satori's SVG of the tree; the same tree, size and glyph form give the same SVG (fonts are the renderer's). */
async function layOut(request: SvgRequest, fonts: SatoriFont[], cache: SatoriCache | undefined): Promise<string> {
  const element = scaleElement(request.element, LAYOUT_SCALE);
  const key = cache ? `${request.width}×${request.height} ${request.glyphs} ${JSON.stringify(element)}` : '';
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  const raw = await satori(element as never, {
    width: request.width * LAYOUT_SCALE,
    height: request.height * LAYOUT_SCALE,
    fonts,
    embedFont: request.glyphs === 'paths',
  });
  cache?.set(key, raw);
  return raw;
}

const NESTED_IMAGE = /<image x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" href="(data:image\/svg\+xml[^"]*)"[^>]*\/>/g;

function inlineNestedSvgs(svg: string, nested: readonly string[]): string {
  const placed = new Set<number>();
  const result = svg.replace(NESTED_IMAGE, (_match, x: string, y: string, width: string, height: string, href: string) => {
    const number = Number(NESTED_NUMBER.exec(placeholderSource(href))?.[1] ?? -1);
    const source = nested[number];
    if (source === undefined || placed.has(number)) throw new Error(`nested drawing placeholder ${number} is unknown or placed twice`);
    placed.add(number);
    const viewBox = /viewBox="([^"]+)"/.exec(source)?.[1] ?? `0 0 ${width} ${height}`;
    const body = source.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
    const [, , drawnWidth, drawnHeight] = viewBox.split(/[\s,]+/).map(Number);
    // The drawing at its own size, not at the box Satori laid out: Satori snaps boxes to whole
    // layout units, and a box a fraction shorter than its drawing would shrink the drawing to fit
    // and centre it, moving a text block's lines right by up to a point and a half.
    const size = drawnWidth && drawnHeight ? { width: layoutUnits(drawnWidth), height: layoutUnits(drawnHeight) } : { width, height };
    // No clipping to its box: the drawing stays inside it (tested), and resvg would otherwise paint
    // each nested drawing on a layer of its own, which doubled the time to rasterise a chart.
    return `<svg x="${x}" y="${y}" width="${size.width}" height="${size.height}" viewBox="${viewBox}" overflow="visible">${body}</svg>`;
  });
  if (placed.size !== nested.length) throw new Error(`${nested.length} nested drawings registered, ${placed.size} found in the layout`);
  return result;
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

function withAccessibleName(svg: string, title?: string, desc?: string): string {
  if (!title && !desc) return svg;
  const parts = [title ? `<title id="title">${escapeXml(title)}</title>` : '', desc ? `<desc id="desc">${escapeXml(desc)}</desc>` : ''].join('');
  const labelledBy = [title ? 'title' : '', desc ? 'desc' : ''].filter(Boolean).join(' ');
  return svg.replace(/^<svg([^>]*)>/, `<svg$1 role="img" aria-labelledby="${labelledBy}">${parts}`);
}
