import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pngFile, unfilteredRows } from '../../src/core/png-encode';

describe('PNG encoder', () => {
  it('writes a file that a PNG decoder reads back pixel for pixel', () => {
    const width = 7;
    const height = 5;
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, index) => (index * 37 + (index >> 2)) % 256);
    const decoded = PNG.sync.read(Buffer.from(pngFile(width, height, deflateSync(unfilteredRows(rgba, width, height)), crc32)));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Uint8Array.from(decoded.data)).toEqual(rgba);
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => unfilteredRows(new Uint8Array(10), 2, 2)).toThrow(RangeError);
  });

  it('writes the rows into a buffer kept from a larger picture, filter bytes and all, and leaves a short one alone', () => {
    const width = 3;
    const height = 4;
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, index) => (index * 11) % 256);
    const fresh = unfilteredRows(rgba, width, height);
    const kept = new Uint8Array(fresh.length + 40).fill(0xee);
    const reused = unfilteredRows(rgba, width, height, kept);
    expect(reused.buffer).toBe(kept.buffer);
    expect(reused).toEqual(fresh);
    const short = new Uint8Array(fresh.length - 1);
    expect(unfilteredRows(rgba, width, height, short).buffer).not.toBe(short.buffer);
  });
});
