import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/core/png-encode';

describe('PNG encoder', () => {
  it('writes a file that a PNG decoder reads back pixel for pixel', () => {
    const width = 7;
    const height = 5;
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, index) => (index * 37 + (index >> 2)) % 256);
    const decoded = PNG.sync.read(Buffer.from(encodePng(rgba, width, height, (raw) => deflateSync(raw))));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Uint8Array.from(decoded.data)).toEqual(rgba);
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2, (raw) => raw)).toThrow(RangeError);
  });
});
