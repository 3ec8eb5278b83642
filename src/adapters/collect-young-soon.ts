/**
 * resvg hands its parsed tree and its pixels to JavaScript as small wrappers over native memory, freed
 * only when V8 collects the wrappers. V8 does not see that memory, so it collects them late: every
 * picture then drew into fresh pages of memory, and the kernel's page faults on 6.5 MB of a chart at
 * 1200 px cost 5–8 ms of its 30 ms of drawing, while the process's resident memory grew by a picture
 * per render until the next collection.
 *
 * Collecting the young generation once the picture is written frees them (the wrappers die young),
 * and the next picture draws into memory the allocator still holds. The collection runs on a later
 * turn of the event loop: inside the render the frames still hold the picture, and the native
 * finalizers themselves run on a turn after the collection.
 */
import { collectGarbage } from './garbage-collector';

let scheduled = false;

export function collectYoungSoon(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    collectGarbage('young');
  });
}
