/** zlib compression on Node: the native library, several times faster than a JavaScript deflate. */
import { deflateSync } from 'node:zlib';
import type { Deflate } from '../ports';

export function nodeDeflate(level: number): Deflate {
  return (data) => deflateSync(data, { level });
}
