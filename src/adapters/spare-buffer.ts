/**
 * One large buffer kept from a picture for the next: a chart's rows at 1200 px are 6.5 MB, and the
 * C allocator handed a new buffer of that size fresh pages from the kernel about every other picture
 * (1 700 page faults, a few milliseconds). Only buffers up to `maxBytes` are kept, so that a thread
 * does not hold a 2400 px page's 33 MB for good; a buffer in use is simply not there to take.
 */
export interface SpareBuffer {
  take(): Uint8Array | undefined;
  give(buffer: Uint8Array): void;
}

export function createSpareBuffer(maxBytes: number): SpareBuffer {
  let spare: Uint8Array | undefined;
  return {
    take() {
      const taken = spare;
      spare = undefined;
      return taken;
    },
    give(buffer) {
      if (buffer.byteLength <= maxBytes && buffer.byteLength > (spare?.byteLength ?? 0)) spare = buffer;
    },
  };
}
