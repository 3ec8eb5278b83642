/** Loads factsheet inputs and the renderer's Node dependencies once per test file. */
import { readdirSync } from 'node:fs';
import { loadFactsheetFromDisk } from '../../src/adapters/factsheet-fs';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import { loadYogaWasm } from '../../src/adapters/layout-node';
import { createNodeRasterizer } from '../../src/adapters/raster-node';
import { createNodeRenderer } from '../../src/adapters/renderer-node';
import type { FactsheetInput } from '../../src/core/factsheet';
import { createRenderer, initLayoutEngine, type Renderer } from '../../src/core/render';
import type { FontFiles } from '../../src/ports';

export const VERSION_DIR = 'data/indicators/2024';

export function departementCodes(): string[] {
  return readdirSync(`${VERSION_DIR}/departement`).map((file) => file.replace(/\.json$/, ''));
}

export function loadInput(code: string): Promise<FactsheetInput> {
  return loadFactsheetFromDisk(VERSION_DIR, code);
}

/** The renderer as the Node service builds it, and the fonts it draws with. */
export async function nodeRenderer(): Promise<{ renderer: Renderer; fonts: FontFiles }> {
  return { renderer: await createNodeRenderer(), fonts: await loadNodeFonts() };
}

/** The renderer with only what every runtime has: pdf-lib's own deflate for PDF streams, as on Workers. */
export async function portableRenderer(): Promise<Renderer> {
  await initLayoutEngine(await loadYogaWasm());
  return createRenderer({ fonts: await loadNodeFonts(), rasterizer: createNodeRasterizer() });
}
