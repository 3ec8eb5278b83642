/**
 * Decimal numbers read straight from a string's characters, for the SVG that the PDF writer reads
 * back: no substring, no regular expression. A plain decimal is an integer over a power of ten,
 * both exact doubles, so the division rounds exactly as `Number()` would; exponents and mantissas
 * past fifteen digits are handed to `Number()`.
 */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, index) => 10 ** index);

export interface Cursor {
  position: number;
}

/**
 * The number `[-+]?(\d*\.\d+|\d+\.?)([eE][-+]?\d+)?` at `cursor.position`, which is moved past it;
 * NaN, the cursor unmoved, when no digit is there.
 */
export function readDecimal(text: string, cursor: Cursor, end: number): number {
  const start = cursor.position;
  let position = start;
  let negative = false;
  const first = position < end ? text.charCodeAt(position) : 0;
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    position++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenDot = false;
  for (; position < end; position++) {
    const character = text.charCodeAt(position);
    if (character >= 0x30 && character <= 0x39) {
      mantissa = mantissa * 10 + (character - 0x30);
      digits++;
      if (seenDot) decimals++;
    } else if (character === 0x2e && !seenDot) {
      seenDot = true;
    } else {
      break;
    }
  }
  if (digits === 0) return Number.NaN;
  let exponent = false;
  const marker = position < end ? text.charCodeAt(position) : 0;
  if (marker === 0x65 || marker === 0x45) {
    let after = position + 1;
    const sign = after < end ? text.charCodeAt(after) : 0;
    if (sign === 0x2d || sign === 0x2b) after++;
    const digit = after < end ? text.charCodeAt(after) : 0;
    if (digit >= 0x30 && digit <= 0x39) {
      exponent = true;
      position = after;
      while (position < end && isDigit(text.charCodeAt(position))) position++;
    }
  }
  cursor.position = position;
  if (exponent || digits > 15) return Number(text.slice(start, position));
  const value = mantissa / POWERS_OF_TEN[decimals]!;
  return negative ? -value : value;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
