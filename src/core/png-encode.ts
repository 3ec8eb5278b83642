/**
 * RGBA pixels to a PNG file. resvg's own encoder compresses at a high level and took longer than
 * drawing the chart; here the caller compresses the rows with the zlib of its runtime (native zlib
 * on Node, in parts on several cores) at the level it chooses. Rows go unfiltered: flat chart colours
 * compress well without filters, and filtering costs more time than it saves bytes at fast levels.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const COLOUR_TYPE_RGBA = 6;

/**
 * The bytes PNG compresses for these pixels: each row after its filter byte (0, none). Written into
 * `into` when it is long enough (a buffer kept from an earlier picture), else into a new array.
 */
export function unfilteredRows(rgba: Uint8Array, width: number, height: number, into?: Uint8Array): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || rgba.length !== width * height * 4) {
    throw new RangeError(`expected ${width}×${height} RGBA pixels (${width * height * 4} bytes), got ${rgba.length} bytes`);
  }
  const stride = width * 4;
  const length = (stride + 1) * height;
  const raw = into !== undefined && into.length >= length ? into.subarray(0, length) : new Uint8Array(length);
  for (let row = 0; row < height; row++) {
    raw[row * (stride + 1)] = 0;
    raw.set(rgba.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }
  return raw;
}

/** A CRC-32 of bytes, as PNG chunks and zlib's `crc32` compute it. */
export type Crc32 = (bytes: Uint8Array) => number;

/** A PNG file of RGBA pixels from the zlib stream of their rows, its chunks checked by the runtime's CRC-32. */
export function pngFile(width: number, height: number, zlibStream: Uint8Array, checksum: Crc32): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8;
  header[9] = COLOUR_TYPE_RGBA;
  const chunks = [chunk('IHDR', header, checksum), chunk('IDAT', zlibStream, checksum), chunk('IEND', new Uint8Array(0), checksum)];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((sum, part) => sum + part.length, 0));
  out.set(SIGNATURE, 0);
  let offset = SIGNATURE.length;
  for (const part of chunks) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array, checksum: Crc32): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, checksum(out.subarray(4, 8 + data.length)));
  return out;
}
