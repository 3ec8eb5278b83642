/**
 * Warms the renderer before the service says it is ready: one whole factsheet from the current data
 * version per render thread (different départements, so that each thread gets one). The first render
 * of a thread pays for loading fonts and the layout engine and for compiling the rendering code.
 * More rounds did not pay: measured in CPU time per request (bench start-up A/B, 4 runs each), the
 * first PDF after ready took 1.86× a steady one's CPU after one round, 1.89× after two, 1.87× after
 * three (V8 keeps optimising over many more renders), while each round delayed readiness by a render.
 */
import type { Renderer } from '../core/render.js';
import { DataSource } from './data-source.js';
import type { Clock, Storage } from './ports-app.js';

/** Rounds of one factsheet per thread. */
export const WARM_UP_ROUNDS = 1;

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
