/**
 * Renders every chosen object of every département of the current data version and writes it
 * where the service looks for prerendered objects (src/app/prerendered.ts). Objects already
 * written for this data and renderer version are skipped, so a run stopped by a signal is resumed
 * by running it again.
 */
import { DataSource } from '../app/data-source.js';
import type { Storage } from '../app/ports-app.js';
import { PRERENDERED_FOLDER, prerenderedKey } from '../app/prerendered.js';
import type { Renderer } from '../core/render.js';
import type { ManifestGeography } from '../core/schema.js';
import type { ObjectChoice, ObjectKind, PrerenderObject } from './objects.js';
import type { PrerenderTarget } from './target.js';

export interface PrerenderOptions {
  /** Where the documents are read from (the service's storage). */
  source: Storage;
  target: PrerenderTarget;
  /** Usually threaded: renders run in parallel up to `parallel` at a time. */
  renderer: Renderer;
  rendererVersion: string;
  kinds: readonly ObjectKind[];
  choice: ObjectChoice;
  /** Département codes; every département of the manifest when absent. */
  codes?: readonly string[];
  parallel: number;
  signal?: AbortSignal;
  /** Once the work is known, after skipping what is already written. */
  onStart?(plan: { total: number; skipped: number; dataVersion: string; folder: string }): void;
  onWritten?(written: number): void;
}

export interface PrerenderSummary {
  dataVersion: string;
  written: number;
  skipped: number;
  remaining: number;
  bytes: number;
  interrupted: boolean;
}

interface Task {
  geography: ManifestGeography;
  object: PrerenderObject;
  key: string;
}

const encoder = new TextEncoder();

export async function prerender(options: PrerenderOptions): Promise<PrerenderSummary> {
  // One snapshot for the whole run: a publication meanwhile does not mix two versions.
  const data = new DataSource(options.source, { now: () => 0 }, Number.POSITIVE_INFINITY);
  const snapshot = await data.current();
  const { dataVersion } = snapshot.manifest;
  const departements = snapshot.manifest.geographies.filter((geography) => geography.level === 'departement');
  const geographies = options.codes
    ? options.codes.map((code) => {
        const found = departements.find((geography) => geography.code === code);
        if (!found) throw new RangeError(`no département ${JSON.stringify(code)} in data version ${dataVersion}`);
        return found;
      })
    : departements;

  const objects = options.kinds.flatMap((kind) => kind.objects(options.choice));
  const folder = `${snapshot.base}${PRERENDERED_FOLDER}/${dataVersion}/${options.rendererVersion}`;
  const existing = await options.target.existing(folder);
  // Département by département, so that the documents a factsheet compares stay in the data source's cache.
  const all: Task[] = geographies.flatMap((geography) =>
    objects.map((object) => ({ geography, object, key: prerenderedKey(snapshot, options.rendererVersion, geography.code, object.parts) })),
  );
  const tasks = all.filter((task) => !existing.has(task.key));
  const skipped = all.length - tasks.length;
  options.onStart?.({ total: tasks.length, skipped, dataVersion, folder });

  let next = 0;
  let written = 0;
  let bytes = 0;
  const lane = async () => {
    while (next < tasks.length && !options.signal?.aborted) {
      const { geography, object, key } = tasks[next++]!;
      const input = await data.factsheetInput(snapshot, geography);
      const rendered = await object.render(options.renderer, input, geography.code);
      const body = typeof rendered === 'string' ? encoder.encode(rendered) : rendered;
      await options.target.write(key, body, object.contentType);
      written += 1;
      bytes += body.byteLength;
      options.onWritten?.(written);
    }
  };
  // A failed render stops the other lanes from taking new work, then the first error is reported.
  const lanes = Array.from({ length: Math.max(1, options.parallel) }, () =>
    lane().catch((error: unknown) => {
      next = tasks.length;
      throw error;
    }),
  );
  const outcomes = await Promise.allSettled(lanes);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return { dataVersion, written, skipped, remaining: tasks.length - written, bytes, interrupted: tasks.length > written };
}
