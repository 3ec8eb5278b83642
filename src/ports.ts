/**
 * The small interfaces between the runtime-free code and each runtime. Entry points choose the
 * adapters (src/adapters/*) that implement them.
 */
import type { SvgBand } from './core/svg-bands';

/**
 * Turns an SVG into a PNG of the given pixel width (resvg-js on Node, resvg-wasm on Workers). For a
 * large picture the renderer also gives the SVG cut into two bands (core/svg-bands.ts) that a
 * rasteriser with two cores can draw at once; one that draws the whole SVG ignores them.
 */
export interface Rasterizer {
  toPng(svg: string, widthPx: number, bands?: readonly [SvgBand, SvgBand]): Promise<Uint8Array>;
}

/** Font files the renderer lays text out with and embeds in PDFs (TTF/OTF bytes). */
export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
  italic?: Uint8Array;
}

/**
 * zlib-format compression (RFC 1950), synchronous. The runtime's native zlib where there is one
 * is several times faster than a JavaScript deflate.
 */
export type Deflate = (data: Uint8Array) => Uint8Array;
