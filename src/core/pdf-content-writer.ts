/**
 * A page's content stream written straight as bytes: operators are ASCII, and numbers are written
 * digit by digit, never as strings. Building the stream as joined strings, then copying it into
 * bytes for the deflate, formatted every coordinate through the engine's shortest round-trip
 * conversion and allocated a string per operator: a good part of a factsheet's PDF time.
 */
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const OPEN = 0x28;
const CLOSE = 0x29;
const BACKSLASH = 0x5c;
const CARRIAGE_RETURN = 0x0d;

function literalByte(bytes: Uint8Array, at: number, byte: number): number {
  if (byte === OPEN || byte === CLOSE || byte === BACKSLASH) {
    bytes[at++] = BACKSLASH;
  } else if (byte === CARRIAGE_RETURN) {
    bytes[at++] = BACKSLASH;
    byte = 0x72; // \r
  }
  bytes[at++] = byte;
  return at;
}

export class ContentWriter {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;

  /** ASCII text as it is. */
  text(value: string): this {
    const count = value.length;
    this.reserve(count);
    const bytes = this.buffer;
    let at = this.length;
    for (let index = 0; index < count; index++) bytes[at++] = value.charCodeAt(index);
    this.length = at;
    return this;
  }

  /** An operator or operand text and the line break after it. */
  line(value: string): this {
    this.text(value);
    this.buffer[this.length++] = NEWLINE;
    return this;
  }

  /**
   * Two-byte glyph codes (one per UTF-16 code unit) as a literal string: half the bytes of a hex
   * string for the deflate to go through. Parentheses and backslashes are escaped, and carriage
   * returns, which a reader would turn into line feeds.
   */
  codes(units: string): this {
    this.reserve(2 + units.length * 4);
    const bytes = this.buffer;
    let at = this.length;
    bytes[at++] = OPEN;
    for (let index = 0; index < units.length; index++) {
      const unit = units.charCodeAt(index);
      at = literalByte(bytes, at, unit >> 8);
      at = literalByte(bytes, at, unit & 0xff);
    }
    bytes[at++] = CLOSE;
    this.length = at;
    return this;
  }

  /** A number followed by a space. */
  number(value: number): this {
    this.digits(value);
    this.buffer[this.length++] = SPACE;
    return this;
  }

  /**
   * A number as PDF writes it: at most three decimals, no trailing zeros, no exponent, « 0 » for
   * minus zero — the same characters as `String(Math.round(value * 1000) / 1000)`.
   */
  digits(value: number): this {
    let thousandths = Math.round(value * 1000);
    // Beyond this a double holds no thousandths; such values are not coordinates (nor finite, perhaps).
    if (!(Math.abs(thousandths) < 1e15)) return this.text(String(Math.round(value * 1000) / 1000));
    this.reserve(24);
    const bytes = this.buffer;
    if (thousandths < 0) {
      bytes[this.length++] = MINUS;
      thousandths = -thousandths;
    }
    const whole = Math.floor(thousandths / 1000);
    let fraction = thousandths - whole * 1000;
    this.integer(whole);
    if (fraction !== 0) {
      bytes[this.length++] = DOT;
      bytes[this.length++] = ZERO + Math.floor(fraction / 100);
      fraction %= 100;
      if (fraction !== 0) {
        bytes[this.length++] = ZERO + Math.floor(fraction / 10);
        fraction %= 10;
        if (fraction !== 0) bytes[this.length++] = ZERO + fraction;
      }
    }
    return this;
  }

  /** A pdf-lib object as the PDF file holds it. */
  object(value: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }): this {
    this.reserve(value.sizeInBytes());
    this.length += value.copyBytesInto(this.buffer, this.length);
    return this;
  }

  /** How many bytes are written: where the next one goes. */
  get position(): number {
    return this.length;
  }

  /** The bytes written, as they are. */
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /** The bytes written, without the last line break: a view of the writer's buffer, which is done with. */
  finish(): Uint8Array {
    const end = this.length > 0 && this.buffer[this.length - 1] === NEWLINE ? this.length - 1 : this.length;
    return this.buffer.subarray(0, end);
  }

  /** The text written, for tests and callers that want a string. */
  toString(): string {
    const bytes = this.finish();
    let text = '';
    for (let start = 0; start < bytes.length; start += 4096) text += String.fromCharCode(...bytes.subarray(start, start + 4096));
    return text;
  }

  private integer(value: number): void {
    const bytes = this.buffer;
    if (value < 10) {
      bytes[this.length++] = ZERO + value;
      return;
    }
    const start = this.length;
    let rest = value;
    while (rest > 0) {
      const next = Math.floor(rest / 10);
      bytes[this.length++] = ZERO + (rest - next * 10);
      rest = next;
    }
    // Digits came least significant first.
    for (let low = start, high = this.length - 1; low < high; low++, high--) {
      const swap = bytes[low]!;
      bytes[low] = bytes[high]!;
      bytes[high] = swap;
    }
  }

  private reserve(count: number): void {
    if (this.length + count + 1 <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + count + 1) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
