/**
 * The numbers the PDF writer reads from Satori's SVG and writes into content streams, without
 * strings: read as `Number()` reads them, written as `String(Math.round(value * 1000) / 1000)`.
 */
import { describe, expect, it } from 'vitest';
import { ContentWriter } from '../../src/core/pdf-content-writer';
import { readDecimal } from '../../src/core/pdf-decimal';

/** Deterministic pseudo-random values, so that a failure is reproducible. */
function* values(count: number): Generator<number> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let index = 0; index < count; index++) yield (next() - 0.5) * 10 ** Math.floor(next() * 9 - 2);
}

describe('decimal numbers read from characters', () => {
  it('equal Number() for plain decimals, long mantissas and exponents', () => {
    const texts = ['0', '-0', '12', '+7', '.5', '5.', '-.25', '136.70999999999998', '1e3', '2.5E-4', '-1e+2', '0.1', '123456789012345', '1234567890123456789'];
    for (const value of values(5000)) texts.push(String(value), value.toFixed(3), value.toFixed(2));
    for (const text of texts) {
      const cursor = { position: 0 };
      expect(readDecimal(text, cursor, text.length), text).toBe(Number(text));
      expect(cursor.position).toBe(text.length);
    }
  });

  it('stop at the first character that cannot continue the number', () => {
    const text = 'M10.5.5-3e2L';
    const cursor = { position: 1 };
    expect(readDecimal(text, cursor, text.length)).toBe(10.5);
    expect(readDecimal(text, cursor, text.length)).toBe(0.5);
    expect(readDecimal(text, cursor, text.length)).toBe(-300);
    expect(cursor.position).toBe(text.length - 1);
    expect(readDecimal(text, cursor, text.length)).toBeNaN();
    expect(cursor.position).toBe(text.length - 1);
  });
});

describe('numbers written as content-stream bytes', () => {
  it('are the characters of String(Math.round(value * 1000) / 1000), minus zero as 0', () => {
    const cases = [0, -0, 0.0004, -0.0004, -0.0005, 0.0005, 1 / 3, -2 / 3, 12, -12.5, 0.1 + 0.2, 842, 2380.9999, 1e14 + 0.5, ...values(5000)];
    for (const value of cases) {
      const rounded = Math.round(value * 1000) / 1000;
      const expected = Object.is(rounded, -0) ? '0' : String(rounded);
      expect(new ContentWriter().digits(value).toString(), String(value)).toBe(expected);
    }
  });

  it('write operators line by line, without a line break at the end', () => {
    const out = new ContentWriter();
    out.number(1.5).number(-2).line('m').line('h');
    expect(out.toString()).toBe('1.5 -2 m\nh');
    expect(new TextDecoder().decode(out.finish())).toBe('1.5 -2 m\nh');
  });

  it('grow past their first buffer', () => {
    const out = new ContentWriter();
    for (let index = 0; index < 20000; index++) out.number(index + 0.25).line('l');
    const text = out.toString();
    expect(text.split('\n')).toHaveLength(20000);
    expect(text.endsWith('19999.25 l')).toBe(true);
  });
});

describe('glyph codes written as a literal string', () => {
  it('are two bytes per code, with ( ) \\ escaped and a carriage return as \\r', () => {
    const units = String.fromCharCode(0x0041, 0x0028, 0x2900, 0x005c, 0x000d, 0x010a);
    const bytes = [...new ContentWriter().codes(units).bytes()];
    const expected = [0x28, 0, 0x41, 0, 0x5c, 0x28, 0x5c, 0x29, 0, 0, 0x5c, 0x5c, 0, 0x5c, 0x72, 1, 0x0a, 0x29];
    expect(bytes).toEqual(expected);
  });
});
