/**
 * The Worker's rasterizer sets resvg up on the first PNG only (a PDF request never pays for it):
 * real resvg-wasm, the bytes the Worker bundle ships.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createWasmRasterizer, lazyWasmRasterizer } from '../../src/adapters/raster-wasm.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="5" y="5" width="30" height="10" fill="#000091"/></svg>';
const resvgBytes = async () => new Uint8Array(await readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')));

describe('the lazy wasm rasterizer', () => {
  it('reads nothing of its wasm until the first PNG, and then fails there', async () => {
    const rasterizer = lazyWasmRasterizer(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]));
    await expect(rasterizer.toPng(SVG, 80)).rejects.toThrow();
    // Not kept: the next PNG tries the set-up again (and fails again with the same bad bytes).
    await expect(rasterizer.toPng(SVG, 80)).rejects.toThrow();
  });

  it('gives concurrent first PNGs the same bytes as an eagerly set-up rasterizer', async () => {
    const wasm = await resvgBytes();
    const lazy = lazyWasmRasterizer(wasm);
    const [first, second] = await Promise.all([lazy.toPng(SVG, 80), lazy.toPng(SVG, 120)]);
    const eager = await createWasmRasterizer(wasm);
    expect(first).toEqual(await eager.toPng(SVG, 80));
    expect(second).toEqual(await eager.toPng(SVG, 120));
    expect(Buffer.from(first.subarray(1, 4)).toString()).toBe('PNG');
  });
});
