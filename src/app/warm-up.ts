/**
 * Warms the renderer before the service says it is ready: one whole factsheet from the current data
 * version per render thread (different départements, so that each thread gets one). The first render
 * of a thread pays for loading fonts and the layout engine and for compiling the rendering code.
 * Rounds trade a faster start against a first reader's PDF closer to the steady ones: a render
 * thread's PDF reaches its steady time only after a dozen renders (its code is optimised as it runs,
 * and layouts shared between départements are kept). Measured with bench:http on two threads:
 * one / three / four / six rounds gave spawn → first PDF byte 0.76–0.82 / 0.94–0.97 / 0.92–1.16 /
 * 0.98–1.00 s and a first PDF after ready 6.0 / 3.0–3.3 / 2.5–2.8 / 2.2–3.0× a steady one (≈ 30 ms).
 * Four rounds keep the start about a second.
 */
import type { Renderer } from '../core/render.js';
import { DataSource } from './data-source.js';
import type { Clock, Storage } from './ports-app.js';

/** Rounds of one factsheet per thread. */
export const WARM_UP_ROUNDS = 4;

/** Asks the service for a path as a reader would, through the app's own fetch (no network). */
export type ServiceRequest = (path: string) => Promise<Response>;

export async function warmRenderer(
  storage: Storage,
  renderer: Renderer,
  threads: number,
  clock: Clock,
  { rounds = WARM_UP_ROUNDS, request }: { rounds?: number; request?: ServiceRequest } = {},
): Promise<void> {
  const data = new DataSource(storage, clock, Number.MAX_SAFE_INTEGER);
  const snapshot = await data.current();
  const departements = snapshot.manifest.geographies.filter((geo) => geo.level === 'departement');
  const perRound = Math.max(1, threads);
  for (let round = 0; round < rounds; round += 1) {
    const chosen = Array.from({ length: perRound }, (_, index) => departements[(round * perRound + index) % departements.length]!);
    // The last round goes through the app, so that the main thread's own path for a PDF (routing,
    // data, render limit, cache, response) is compiled before the first reader's request too.
    const viaApp = round === rounds - 1 ? request : undefined;
    await Promise.all(
      chosen.map(async (geography) => {
        if (!viaApp) return void (await renderer.factsheetPdf(await data.factsheetInput(snapshot, geography)));
        const path = `/fiche/${geography.code}.pdf`;
        const response = await viaApp(path);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`warm-up request ${path} answered ${response.status}`);
      }),
    );
  }
}
