import { constants, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { combineAdler32, joinZlibStream } from '../../src/core/zlib-join';

const adler32 = (bytes: Uint8Array) => deflateSync(bytes, { level: 0 }).readUInt32BE(deflateSync(bytes, { level: 0 }).length - 4);
const bytesOf = (length: number, seed: number) => Uint8Array.from({ length }, (_, index) => (index * seed + (index >> 7)) % 251);

describe('zlib stream joined from parts', () => {
  it('combines Adler-32 checksums as zlib computes them over the joined bytes', () => {
    for (const [first, second] of [
      [0, 10],
      [1, 1],
      [70_000, 200_000],
      [5_552, 65_521],
      [123_457, 65_522],
    ] as const) {
      const a = bytesOf(first, 7);
      const b = bytesOf(second, 13);
      expect(combineAdler32(adler32(a), adler32(b), b.length)).toBe(adler32(Uint8Array.from([...a, ...b])));
    }
  });

  it('joins parts compressed apart into one stream that zlib inflates and checks', () => {
    const whole = bytesOf(300_000, 31);
    const cuts = [0, 1_000, 150_001, 300_000];
    const parts = cuts.slice(1).map((end, index) => {
      const bytes = whole.subarray(cuts[index], end);
      const last = end === whole.length;
      return { deflated: deflateRawSync(bytes, { level: 1, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }), adler32: adler32(bytes), length: bytes.length };
    });
    expect(Uint8Array.from(inflateSync(joinZlibStream(parts)))).toEqual(whole);
  });

  it('makes a stream that zlib refuses when a part is missing', () => {
    const bytes = bytesOf(10_000, 3);
    const part = { deflated: deflateRawSync(bytes), adler32: adler32(bytes), length: bytes.length };
    expect(() => inflateSync(joinZlibStream([{ ...part, adler32: adler32(bytes.subarray(1)) }]))).toThrow();
    expect(() => joinZlibStream([])).toThrow(RangeError);
  });
});
