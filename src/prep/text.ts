/**
 * Text decoding and line splitting for the customs files. The label files come in several
 * encodings whatever the read-me says (UTF-8 with a BOM, Windows-1252), so the encoding is found
 * per file: a byte order mark says UTF-8 or UTF-16; NUL bytes at every other position say UTF-16
 * without one; otherwise strict UTF-8, and Windows-1252 (the only other encoding the service has
 * used) when no line of the file is UTF-8 with accents. A file that is UTF-8 but for a few lines is
 * UTF-8 with stray bytes: those lines are reported, not the whole file decoded as mojibake.
 */
import type { InputIssue } from './errors.js';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes 0x80–0x9F of Windows-1252 (’ œ € …); the rest is Latin-1. Decoded here because Node 20's
 * TextDecoder treats the 'windows-1252' label as plain Latin-1 and turns these into control characters.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const slice = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(slice, (byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(byte - 0x80) : byte)));
  }
  return text;
}

export type DetectedEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedFile {
  text: string;
  encoding: DetectedEncoding;
  /** What was found, for the report: « UTF-8 with BOM », « Windows-1252 », « UTF-16LE without BOM »… */
  description: string;
  /** Lines that are not in the file's encoding, or a file that cannot be decoded at all. */
  issues: InputIssue[];
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const { text, encoding } = decodeTextFile(bytes, '');
  return { text, encoding };
}

export function decodeTextFile(bytes: Uint8Array, file: string): DecodedFile {
  const utf16 = utf16Of(bytes);
  if (utf16) return decodeUtf16(bytes, file, utf16.encoding, utf16.bom);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: stripBom(utf8Strict.decode(bytes)), encoding: 'utf-8', description: bom ? 'UTF-8 with BOM' : 'UTF-8', issues: [] };
  } catch {
    // Decoded line by line below.
  }
  const lines = splitByteLines(bytes);
  const strayLines: number[] = [];
  let accentedUtf8Lines = 0;
  const decoded = lines.map((line, index) => {
    try {
      const text = utf8Strict.decode(line);
      if (line.some((byte) => byte >= 0x80)) accentedUtf8Lines += 1;
      return text;
    } catch {
      strayLines.push(index);
      return decodeWindows1252(line);
    }
  });
  if (!bom && accentedUtf8Lines === 0) {
    return { text: decoded.join('\n'), encoding: 'windows-1252', description: 'Windows-1252', issues: [] };
  }
  const issues = strayLines.map((index): InputIssue => {
    const byte = firstInvalidUtf8(lines[index]);
    return {
      file,
      line: index + 1,
      reason: `byte 0x${byte.value.toString(16).toUpperCase().padStart(2, '0')} at column ${byte.column} is not UTF-8, in a file that is UTF-8 elsewhere (a Windows-1252 « ${decodeWindows1252(new Uint8Array([byte.value]))} »?)`,
      reasonFr: `octet non UTF-8 dans un fichier UTF-8 (colonne ${byte.column})`,
    };
  });
  return {
    text: stripBom(decoded.join('\n')),
    encoding: 'utf-8',
    description: `${bom ? 'UTF-8 with BOM' : 'UTF-8'}, ${strayLines.length} line(s) with bytes that are not UTF-8`,
    issues,
  };
}

/** UTF-16 by its byte order mark, or by NUL bytes at most even (big-endian) or odd (little-endian) positions. */
function utf16Of(bytes: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; bom: boolean } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const sample = Math.min(bytes.length, 4096);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample; i += 1) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenNuls += 1;
      else oddNuls += 1;
    }
  }
  const half = sample / 2;
  if (oddNuls > half * 0.3 && evenNuls < oddNuls / 10) return { encoding: 'utf-16le', bom: false };
  if (evenNuls > half * 0.3 && oddNuls < evenNuls / 10) return { encoding: 'utf-16be', bom: false };
  return null;
}

function decodeUtf16(bytes: Uint8Array, file: string, encoding: 'utf-16le' | 'utf-16be', bom: boolean): DecodedFile {
  const description = `${encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} ${bom ? 'with' : 'without'} BOM`;
  try {
    if (bytes.length % 2 !== 0) throw new Error('odd number of bytes');
    const text = stripBom(new TextDecoder(encoding, { fatal: true }).decode(bytes));
    return { text, encoding, description, issues: [] };
  } catch {
    return {
      text: '',
      encoding,
      description,
      issues: [{ file, line: null, reason: `looks like ${description} but is not valid ${encoding.toUpperCase()}`, reasonFr: `fichier UTF-16 invalide` }],
    };
  }
}

/** The lines of a byte array without their CR/LF (a final empty line is not a line). */
function splitByteLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    lines.push(bytes.subarray(start, end > start && bytes[end - 1] === 0x0d ? end - 1 : end));
    start = next;
  }
  return lines;
}

/** The first byte that does not start a well-formed UTF-8 sequence, and its column (1-based, in characters). */
function firstInvalidUtf8(line: Uint8Array): { value: number; column: number } {
  let column = 1;
  for (let i = 0; i < line.length; column += 1) {
    const lead = line[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= line.length;
    for (let k = 1; valid && k < length; k += 1) valid = line[i + k] >= 0x80 && line[i + k] < 0xc0;
    if (!valid) return { value: lead, column };
    i += length;
  }
  return { value: line[line.length - 1], column: line.length };
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Complete lines of a text, without their CR/LF; a final empty line is not a line. */
export function splitLines(text: string): string[] {
  const lines = stripBom(text).split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

