/**
 * Text decoding and line splitting for the customs files. The label files come in several
 * encodings whatever the read-me says (UTF-8 with a BOM, Windows-1252), so decoding tries strict
 * UTF-8 first and falls back to Windows-1252, the only other encoding the service has used.
 */

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

export type DetectedEncoding = 'utf-8' | 'windows-1252';

export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  try {
    return { text: stripBom(utf8Strict.decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: stripBom(decodeWindows1252(bytes)), encoding: 'windows-1252' };
  }
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

/**
 * Cuts a stream of text chunks into lines without ever holding more than one chunk and one
 * partial line, so memory stays flat whatever the size of the file. Line numbers count every
 * line, blank ones included, so that reported positions match what an editor shows.
 */
export class LineSplitter {
  private pending = '';
  private lineNumber = 0;
  private started = false;

  constructor(private readonly onLine: (line: string, lineNumber: number) => void) {}

  push(chunk: string): void {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      text = stripBom(text);
    }
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline !== -1) {
      const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.emit(text.slice(start, end));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.pending = text.slice(start);
  }

  /** Flushes a last line that has no line break. */
  end(): void {
    if (this.pending.length > 0) {
      const line = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
      this.pending = '';
      this.emit(line);
    }
  }

  private emit(line: string): void {
    this.lineNumber += 1;
    if (line.length > 0) this.onLine(line, this.lineNumber);
  }
}
