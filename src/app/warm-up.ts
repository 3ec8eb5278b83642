/**
 * Warms the renderer before the service says it is ready: rounds of one whole factsheet from the
 * current data version per render thread (different départements, so that each thread gets one).
 * The first render of a thread pays for loading fonts and the layout engine and for what the code
 * cache leaves to compile; later ones let V8 optimise the rendering code and fill the kept layouts
 * shared between départements: a thread's PDF reaches its steady time only after about a dozen.
 * The last round is asked of the service itself, which also compiles the main thread's path for a PDF.
 * Rounds trade a faster start against a first reader's PDF closer to the steady ones. Measured with
 * the code cache on the 2-core machine (one render thread), medians of 6–8 alternating starts per
 * batch, the client warmed first: three / four / five / six rounds gave spawn → first PDF byte 785 /
 * 811–902 / 846–925 / 876 ms and a first PDF after ready 2.2 / 1.35–1.55 / 1.2–1.3 / 1.3× a steady
 * one (≈ 35 ms); main's four rounds without the cache: 892–975 ms, 1.5–1.6×. Four keep both targets
 * (1 s, 2×) in the batch medians; five gain on the ratio, which has room, but cost 30–75 ms of the
 * first byte, which has less.
 */
import type { Renderer } from '../core/render.js';
import { DataSource } from './data-source.js';
import type { Clock, Storage } from './ports-app.js';

/** Rounds of one factsheet per thread. */
export const WARM_UP_ROUNDS = 4;

/** Asks the service for a path as a reader would. */
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
    // The last round is asked of the service, so that the main thread's own path for a PDF (HTTP,
    // routing, data, render limit, cache, response) is compiled before the first reader's request too.
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
