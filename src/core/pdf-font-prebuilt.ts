/**
 * The renderer's shared font subsets (pdf-font-set.ts) as data made at build time. Encoding a
 * subset's font program took most of a cold Worker's first-PDF font work (≈ 60 ms of fontkit for
 * three faces on Node, more in a cold isolate); the build writes each face's compressed program and
 * ToUnicode map once, and the renderer copies them instead of computing them.
 *
 * Each face also carries the charset's glyph ids and advances, so that the renderer's glyph codes
 * come from the data without looking every character up in the font.
 *
 * The data names what it was made from (`identity`): the charset and every face's sfnt table
 * directory (tag, checksum and length of each table, which font tools rewrite with the table, and
 * head's whole-file checksum). The renderer also rebuilds each face's ToUnicode map and compresses
 * it with its own deflate: equal bytes show the compression is the one the data was made with.
 * On any mismatch the renderer computes the subsets as without the data.
 *
 * Layout: 4-byte big-endian header length, an ASCII JSON header, then the byte blobs it points at.
 */
import type { FontFiles } from '../ports';
import { PREBUILT_CODE_POINTS } from './pdf-font-charset';
import type { FaceKey } from './pdf-font-set';

/** Bump when the layout or what the subsets contain changes in a way the identity does not show. */
const FORMAT = 1;

export interface PrebuiltFace {
  /** The compressed font program, its clear-text length, and whether it is CFF. */
  program: Uint8Array;
  programLength: number;
  cff: boolean;
  /** The compressed ToUnicode map. */
  toUnicode: Uint8Array;
  glyphs: CharsetGlyphs;
}

/** Each charset character's cmap glyph (0: none) and advance in font units, in PREBUILT_CODE_POINTS order. */
export interface CharsetGlyphs {
  unitsPerEm: number;
  notdefAdvance: number;
  ids: number[];
  advances: number[];
}

export interface PrebuiltFontSubsets {
  identity: string;
  faces: Partial<Record<FaceKey, PrebuiltFace>>;
}

interface HeaderFace {
  programLength: number;
  cff: boolean;
  program: [number, number];
  toUnicode: [number, number];
  glyphs: CharsetGlyphs;
}

/** Faces in a fixed order, so that the same subsets give the same bytes. */
const FACE_ORDER: readonly FaceKey[] = ['regular', 'bold', 'italic'];

export function encodePrebuiltFontSubsets(subsets: PrebuiltFontSubsets): Uint8Array {
  const blobs: Uint8Array[] = [];
  let offset = 0;
  const place = (bytes: Uint8Array): [number, number] => {
    blobs.push(bytes);
    offset += bytes.byteLength;
    return [offset - bytes.byteLength, bytes.byteLength];
  };
  const faces: Partial<Record<FaceKey, HeaderFace>> = {};
  for (const key of FACE_ORDER) {
    const face = subsets.faces[key];
    if (face) faces[key] = { programLength: face.programLength, cff: face.cff, program: place(face.program), toUnicode: place(face.toUnicode), glyphs: face.glyphs };
  }
  const header = JSON.stringify({ format: FORMAT, identity: subsets.identity, faces });
  const out = new Uint8Array(4 + header.length + offset);
  new DataView(out.buffer).setUint32(0, header.length);
  for (let index = 0; index < header.length; index++) out[4 + index] = header.charCodeAt(index);
  let at = 4 + header.length;
  for (const blob of blobs) {
    out.set(blob, at);
    at += blob.byteLength;
  }
  return out;
}

/** The subsets in `bytes`, or why they cannot be read: the caller then computes them. */
export function decodePrebuiltFontSubsets(bytes: Uint8Array): PrebuiltFontSubsets | string {
  if (bytes.byteLength < 4) return 'prebuilt font subsets: too short';
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (4 + headerLength > bytes.byteLength) return 'prebuilt font subsets: header longer than the data';
  let header: { format?: unknown; identity?: unknown; faces?: Record<string, HeaderFace> };
  try {
    header = JSON.parse(String.fromCharCode(...bytes.subarray(4, 4 + headerLength))) as typeof header;
  } catch {
    return 'prebuilt font subsets: unreadable header';
  }
  if (header.format !== FORMAT) return `prebuilt font subsets: format ${String(header.format)}, expected ${FORMAT}`;
  if (typeof header.identity !== 'string' || typeof header.faces !== 'object' || header.faces === null) return 'prebuilt font subsets: header lacks identity or faces';
  const blobs = bytes.subarray(4 + headerLength);
  const blob = ([start, length]: [number, number]): Uint8Array => {
    if (!(start >= 0 && length >= 0 && start + length <= blobs.byteLength)) throw new RangeError('blob out of range');
    return blobs.subarray(start, start + length);
  };
  const faces: Partial<Record<FaceKey, PrebuiltFace>> = {};
  try {
    for (const key of FACE_ORDER) {
      const face = header.faces[key];
      if (!face) continue;
      if (!validGlyphs(face.glyphs)) throw new RangeError('bad glyph table');
      faces[key] = { program: blob(face.program), programLength: face.programLength, cff: face.cff === true, toUnicode: blob(face.toUnicode), glyphs: face.glyphs };
    }
  } catch {
    return 'prebuilt font subsets: a blob lies outside the data, or a glyph table does not fit the charset';
  }
  return { identity: header.identity, faces };
}

function validGlyphs(glyphs: CharsetGlyphs | undefined): boolean {
  const numbers = (values: unknown): boolean => Array.isArray(values) && values.length === PREBUILT_CODE_POINTS.length && values.every((value) => typeof value === 'number');
  return typeof glyphs === 'object' && glyphs !== null && glyphs.unitsPerEm > 0 && typeof glyphs.notdefAdvance === 'number' && numbers(glyphs.ids) && numbers(glyphs.advances);
}

/**
 * What a set of subsets is made from: the format, the charset, and each face's table directory.
 * Reading the directory instead of hashing the files keeps this check free for a cold Worker;
 * the ToUnicode comparison (pdf-font-set.ts) checks the glyph codes themselves.
 */
export function fontSubsetsIdentity(files: FontFiles): string {
  let text = `format ${FORMAT};charset ${PREBUILT_CODE_POINTS.join(',')}`;
  for (const key of FACE_ORDER) text += `;${key} ${files[key] ? tableDirectory(files[key]) : 'none'}`;
  // Two 32-bit hashes with different seeds: a 32-bit one alone collides too easily for an identity.
  return fnv1a(FNV_OFFSET, text).toString(16).padStart(8, '0') + fnv1a(FNV_OFFSET ^ 0x5bd1e995, text).toString(16).padStart(8, '0');
}

function tableDirectory(font: Uint8Array): string {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (font.byteLength < 12) return `short ${font.byteLength}`;
  const tableCount = view.getUint16(4);
  let text = `${view.getUint32(0)} ${font.byteLength}`;
  for (let index = 0; index < tableCount && 12 + index * 16 + 16 <= font.byteLength; index++) {
    const record = 12 + index * 16;
    // Tag, checksum and length: a table's offset moves when another one is dropped or grows.
    text += ` ${view.getUint32(record)}:${view.getUint32(record + 4)}:${view.getUint32(record + 12)}`;
    // head's checkSumAdjustment covers the whole file, which its own table checksum leaves out.
    const offset = view.getUint32(record + 8);
    if (view.getUint32(record) === HEAD_TAG && offset + 12 <= font.byteLength) text += ` adjust ${view.getUint32(offset + 8)}`;
  }
  return text;
}

const FNV_OFFSET = 0x811c9dc5;
const HEAD_TAG = 0x68656164; // 'head'

function fnv1a(hash: number, text: string): number {
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}
