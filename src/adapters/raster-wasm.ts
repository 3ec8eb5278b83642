/**
 * PNG rasterisation with resvg compiled to wasm, for Workers. `initWasm` throws when called twice
 * in one isolate, so the first call's promise is shared.
 */
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import type { Rasterizer } from '../ports';

let ready: Promise<void> | undefined;

/** The compiled module on Workers (which refuse to compile wasm at run time), or its bytes on Node (render:all --runtime workers). */
export type ResvgWasm = Parameters<typeof initWasm>[0];

export async function createWasmRasterizer(wasm: ResvgWasm): Promise<Rasterizer> {
  ready ??= initWasm(wasm).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  await ready;
  return {
    async toPng(svg, widthPx) {
      const renderer = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, font: { loadSystemFonts: false }, background: '#ffffff' });
      try {
        const image = renderer.render();
        try {
          return image.asPng();
        } finally {
          image.free();
        }
      } finally {
        renderer.free();
      }
    },
  };
}

/**
 * resvg set up on the first PNG only: a Worker's PDF, SVG or HTML request never pays for it. A failed
 * set-up is tried again on the next PNG rather than kept.
 */
export function lazyWasmRasterizer(wasm: ResvgWasm): Rasterizer {
  let rasterizer: Promise<Rasterizer> | undefined;
  return {
    async toPng(svg, widthPx) {
      rasterizer ??= createWasmRasterizer(wasm).catch((error: unknown) => {
        rasterizer = undefined;
        throw error;
      });
      return (await rasterizer).toPng(svg, widthPx);
    },
  };
}
