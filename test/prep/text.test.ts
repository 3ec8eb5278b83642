import { describe, expect, it } from 'vitest';
import { decodeText, splitLines } from '../../src/prep/text.js';

describe('decodeText', () => {
  it('drops the UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('A01Z;Élevage')]);
    expect(decodeText(bytes)).toEqual({ text: 'A01Z;Élevage', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    // « Céréales ; pâtes » with é = 0xE9, â = 0xE2, and the euro sign 0x80 that Latin-1 lacks.
    const bytes = new Uint8Array([0x43, 0xe9, 0x72, 0xe9, 0x61, 0x6c, 0x65, 0x73, 0x20, 0x3b, 0x20, 0x70, 0xe2, 0x74, 0x65, 0x73, 0x20, 0x80]);
    expect(decodeText(bytes)).toEqual({ text: 'Céréales ; pâtes €', encoding: 'windows-1252' });
  });
});

describe('splitLines', () => {
  it('strips CR and the final empty line', () => {
    expect(splitLines('x\r\ny\r\n')).toEqual(['x', 'y']);
  });
});
