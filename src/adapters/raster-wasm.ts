/**
 * PNG rasterisation with resvg compiled to wasm, for Workers. The wasm is instantiated on the first
 * PNG, not when the renderer is made: an isolate whose first request is a PDF or an SVG does not pay
 * for it. `initWasm` throws when called twice in one isolate, so the first call's promise is shared.
 */
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import type { Rasterizer } from '../ports';

let ready: Promise<void> | undefined;

function resvgReady(wasm: ResvgWasm): Promise<void> {
  ready ??= initWasm(wasm).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

/** The compiled module on Workers (which refuse to compile wasm at run time), or its bytes on Node. */
export type ResvgWasm = Parameters<typeof initWasm>[0];

export async function createWasmRasterizer(wasm: ResvgWasm): Promise<Rasterizer> {
  return {
    async toPng(svg, widthPx) {
      await resvgReady(wasm);
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
