/**
 * Reads Satori's SVG one tag or text at a time, for the PDF writer: where each attribute's name and
 * value sit is kept as offsets into the SVG string, and a value becomes a string (or a number,
 * read from its characters) only when the writer asks for it. Matching every tag, then every
 * attribute, with regular expressions and keeping them in an object per element was a fifth of
 * the PDF step. Only what Satori writes is read: elements, double- or single-quoted attributes,
 * text, and the character references it escapes text with.
 */
import { readDecimal, type Cursor } from './pdf-decimal';

export type SvgTokenKind = 'open' | 'close' | 'text' | 'end';

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const COMMA = 0x2c;

export class SvgScanner implements Cursor {
  position = 0;
  kind: SvgTokenKind = 'end';
  /** The element's name, for open and close tags. */
  name = '';
  /** An open tag that closes itself (`<rect … />`). */
  selfClosing = false;
  /** Where the text of a text token sits. */
  textStart = 0;
  textEnd = 0;
  // Name start, name end, value start, value end of each attribute of the current tag.
  private spans = new Int32Array(64);
  private attributeCount = 0;
  private readonly cursor: Cursor = { position: 0 };

  constructor(private readonly svg: string) {}

  /** Moves to the next token; `kind` says what it is. */
  next(): SvgTokenKind {
    const svg = this.svg;
    const length = svg.length;
    if (this.position >= length) return (this.kind = 'end');
    if (svg.charCodeAt(this.position) !== LESS_THAN) {
      this.textStart = this.position;
      const next = svg.indexOf('<', this.position);
      this.position = next === -1 ? length : next;
      this.textEnd = this.position;
      return (this.kind = 'text');
    }
    let position = this.position + 1;
    const closing = svg.charCodeAt(position) === SLASH;
    if (closing) position++;
    const nameStart = position;
    while (position < length && !isSpace(svg.charCodeAt(position)) && svg.charCodeAt(position) !== GREATER_THAN && svg.charCodeAt(position) !== SLASH) position++;
    this.name = knownName(svg, nameStart, position) ?? svg.slice(nameStart, position);
    this.attributeCount = 0;
    this.selfClosing = false;
    while (position < length) {
      const code = svg.charCodeAt(position);
      if (code === GREATER_THAN) {
        position++;
        break;
      }
      if (code === SLASH) {
        this.selfClosing = true;
        position++;
        continue;
      }
      if (isSpace(code)) {
        position++;
        continue;
      }
      position = this.attribute(position);
    }
    this.position = position;
    return (this.kind = closing ? 'close' : 'open');
  }

  /** An attribute's value, character references decoded; undefined when the tag has none. */
  attr(name: string): string | undefined {
    const at = this.find(name);
    if (at === -1) return undefined;
    const value = this.svg.slice(this.spans[at + 2]!, this.spans[at + 3]!);
    return value.includes('&') ? decodeEntities(value) : value;
  }

  /** An attribute's leading number, as `parseFloat` reads it; `fallback` when absent or not a number. */
  number(name: string, fallback = 0): number {
    const at = this.find(name);
    if (at === -1) return fallback;
    const end = this.spans[at + 3]!;
    let position = this.spans[at + 2]!;
    while (position < end && isSpace(this.svg.charCodeAt(position))) position++;
    this.cursor.position = position;
    const value = readDecimal(this.svg, this.cursor, end);
    return Number.isFinite(value) ? value : fallback;
  }

  /** A list of numbers separated by spaces or commas (a viewBox); empty when absent or when anything else is in it. */
  numbers(name: string): number[] {
    const at = this.find(name);
    if (at === -1) return [];
    const svg = this.svg;
    const end = this.spans[at + 3]!;
    const cursor = this.cursor;
    cursor.position = this.spans[at + 2]!;
    const values: number[] = [];
    for (;;) {
      while (cursor.position < end && (isSpace(svg.charCodeAt(cursor.position)) || svg.charCodeAt(cursor.position) === COMMA)) cursor.position++;
      if (cursor.position >= end) return values;
      const value = readDecimal(svg, cursor, end);
      if (Number.isNaN(value)) return [];
      values.push(value);
    }
  }

  /** Whether an attribute's value is exactly `expected`. */
  is(name: string, expected: string): boolean {
    const at = this.find(name);
    if (at === -1) return false;
    const start = this.spans[at + 2]!;
    return this.spans[at + 3]! - start === expected.length && this.svg.startsWith(expected, start);
  }

  /** Where an attribute's raw value sits, as [start, end], for readers that scan it themselves. */
  span(name: string): [number, number] | undefined {
    const at = this.find(name);
    return at === -1 ? undefined : [this.spans[at + 2]!, this.spans[at + 3]!];
  }

  /** The text token's characters, references decoded. */
  text(): string {
    const value = this.svg.slice(this.textStart, this.textEnd);
    return value.includes('&') ? decodeEntities(value) : value;
  }

  private find(name: string): number {
    const spans = this.spans;
    const svg = this.svg;
    for (let index = 0; index < this.attributeCount; index++) {
      const at = index * 4;
      if (spans[at + 1]! - spans[at]! === name.length && svg.startsWith(name, spans[at]!)) return at;
    }
    return -1;
  }

  /** Reads `name="value"` from `position`; returns where it ends. */
  private attribute(position: number): number {
    const svg = this.svg;
    const length = svg.length;
    const nameStart = position;
    while (position < length) {
      const code = svg.charCodeAt(position);
      if (code === EQUALS || code === GREATER_THAN || code === SLASH || isSpace(code)) break;
      position++;
    }
    const nameEnd = position;
    while (position < length && isSpace(svg.charCodeAt(position))) position++;
    if (svg.charCodeAt(position) !== EQUALS) {
      // A bare attribute: kept with an empty value.
      this.store(nameStart, nameEnd, position, position);
      return position === nameStart ? position + 1 : position;
    }
    position++;
    while (position < length && isSpace(svg.charCodeAt(position))) position++;
    const quote = svg.charCodeAt(position);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) throw new SyntaxError(`SVG attribute ${svg.slice(nameStart, nameEnd)} has no quoted value at ${position}`);
    const valueEnd = svg.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", position + 1);
    if (valueEnd === -1) throw new SyntaxError(`SVG attribute ${svg.slice(nameStart, nameEnd)} is not closed`);
    this.store(nameStart, nameEnd, position + 1, valueEnd);
    return valueEnd + 1;
  }

  private store(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    const at = this.attributeCount * 4;
    if (at + 4 > this.spans.length) {
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    this.spans[at] = nameStart;
    this.spans[at + 1] = nameEnd;
    this.spans[at + 2] = valueStart;
    this.spans[at + 3] = valueEnd;
    this.attributeCount++;
  }
}

/** The names Satori writes, so that reading a tag allocates no string for its name. */
const KNOWN_NAMES = ['path', 'text', 'rect', 'svg', 'mask', 'clipPath', 'defs', 'line', 'title', 'desc', 'g', 'image', 'pattern', 'linearGradient', 'radialGradient', 'stop', 'filter'];

function knownName(svg: string, start: number, end: number): string | undefined {
  const length = end - start;
  for (const name of KNOWN_NAMES) if (name.length === length && svg.startsWith(name, start)) return name;
  return undefined;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_match, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_match, decimal: string) => String.fromCodePoint(parseInt(decimal, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
