/**
 * One large buffer kept from a picture for the next: a chart's rows at 1200 px are 6.5 MB, and the
 * C allocator handed a new buffer of that size fresh pages from the kernel about every other picture
 * (1 700 page faults, a few milliseconds). Only buffers up to `maxBytes` are kept, so that a thread
 * does not hold a 2400 px page's 33 MB for good; a buffer in use is simply not there to take.
 */
export interface SpareBuffer {
  /** A buffer of at least `bytes`: the one kept if it is long enough, else a new one. */
  take(bytes: number): Uint8Array;
  give(buffer: Uint8Array): void;
}

export function createSpareBuffer(maxBytes: number): SpareBuffer {
  let spare: Uint8Array | undefined;
  return {
    take(bytes) {
      const taken = spare !== undefined && spare.byteLength >= bytes ? spare : new Uint8Array(bytes);
      if (taken === spare) spare = undefined;
      return taken;
    },
    give(buffer) {
      if (buffer.byteLength <= maxBytes && buffer.byteLength > (spare?.byteLength ?? 0)) spare = buffer;
    },
  };
}
