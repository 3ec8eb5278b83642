/**
 * One zlib stream from parts compressed separately (each on its own core), as pigz does: every
 * part but the last ends on a byte boundary without closing the stream (a sync flush), the last
 * closes it, and the stream's Adler-32 checksum is combined from the parts' own.
 */

/** A part's raw deflate data, with the Adler-32 and length of the bytes it compresses. */
export interface DeflatedPart {
  deflated: Uint8Array;
  adler32: number;
  length: number;
}

const ADLER_BASE = 65521;

/** Adler-32 of the bytes of A then B, from A's and B's and B's length (zlib's adler32_combine). */
export function combineAdler32(first: number, second: number, secondLength: number): number {
  const remainder = secondLength % ADLER_BASE;
  let sum1 = first & 0xffff;
  let sum2 = (remainder * sum1) % ADLER_BASE;
  sum1 += (second & 0xffff) + ADLER_BASE - 1;
  sum2 += ((first >>> 16) & 0xffff) + ((second >>> 16) & 0xffff) + ADLER_BASE - remainder;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= ADLER_BASE << 1) sum2 -= ADLER_BASE << 1;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/** zlib header for a 32 KiB window at the fastest levels (what zlib writes at level 1). */
const ZLIB_HEADER = [0x78, 0x01];

/** The zlib stream of the parts' bytes in order; the caller made only the last part final. */
export function joinZlibStream(parts: readonly DeflatedPart[]): Uint8Array {
  if (parts.length === 0) throw new RangeError('a zlib stream needs at least one part');
  let adler = 1;
  let size = ZLIB_HEADER.length + 4;
  for (const part of parts) {
    adler = combineAdler32(adler, part.adler32, part.length);
    size += part.deflated.length;
  }
  const out = new Uint8Array(size);
  out.set(ZLIB_HEADER, 0);
  let offset = ZLIB_HEADER.length;
  for (const part of parts) {
    out.set(part.deflated, offset);
    offset += part.deflated.length;
  }
  new DataView(out.buffer).setUint32(offset, adler);
  return out;
}
