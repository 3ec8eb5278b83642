/**
 * Warms the renderer before the service says it is ready: whole factsheets from the current data
 * version, one per render thread at a time (different départements, so that each thread gets one),
 * for a few rounds. The first render of a thread pays for loading fonts and the layout engine and
 * for compiling the rendering code; the next ones are still slower until V8 has optimised the hot
 * paths. Done here, the first reader's PDF is close to the steady ones.
 */
import type { Renderer } from '../core/render.js';
import { DataSource } from './data-source.js';
import type { Clock, Storage } from './ports-app.js';

/** Rounds of one factsheet per thread; the bench measured the first PDFs after ready against steady ones. */
export const WARM_UP_ROUNDS = 3;

export async function warmRenderer(storage: Storage, renderer: Renderer, threads: number, clock: Clock, rounds = WARM_UP_ROUNDS): Promise<void> {
  const data = new DataSource(storage, clock, Number.MAX_SAFE_INTEGER);
  const snapshot = await data.current();
  const departements = snapshot.manifest.geographies.filter((geo) => geo.level === 'departement');
  const perRound = Math.max(1, threads);
  for (let round = 0; round < rounds; round += 1) {
    const chosen = Array.from({ length: perRound }, (_, index) => departements[(round * perRound + index) % departements.length]!);
    await Promise.all(chosen.map(async (geography) => renderer.factsheetPdf(await data.factsheetInput(snapshot, geography))));
  }
}
