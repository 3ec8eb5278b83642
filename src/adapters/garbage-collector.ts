/**
 * V8's collector, asked for by name: a script sees `gc` only when V8 runs with --expose-gc, and a
 * flag set while running applies to contexts created after it, hence the fresh context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;

/**
 * A whole-heap collection, or only the young generation's (`minor`), which is much cheaper. The whole
 * heap is asked for without options: `{ type: 'major' }` freed 4 of 92 MB where `gc()` freed 90.
 */
export function collectGarbage(generation: 'young' | 'all' = 'all'): void {
  if (generation === 'young') gc({ type: 'minor' });
  else gc();
}
