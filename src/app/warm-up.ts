/**
 * Warms the renderer before the service says it is ready: one whole factsheet per render thread
 * (different départements, so that each thread gets one), from the current data version. The first
 * render of a thread pays for loading fonts, the layout engine and compiling the rendering code;
 * done here, the first reader's PDF is as fast as the next ones.
 */
import type { Renderer } from '../core/render.js';
import { DataSource } from './data-source.js';
import type { Clock, Storage } from './ports-app.js';

export async function warmRenderer(storage: Storage, renderer: Renderer, renders: number, clock: Clock): Promise<void> {
  const data = new DataSource(storage, clock, Number.MAX_SAFE_INTEGER);
  const snapshot = await data.current();
  const departements = snapshot.manifest.geographies.filter((geo) => geo.level === 'departement');
  await Promise.all(
    departements.slice(0, Math.max(1, renders)).map(async (geography) => renderer.factsheetPdf(await data.factsheetInput(snapshot, geography))),
  );
}
