/** The unshaped fontkit faces read the `post` header from its fixed place: the same values as fontkit's full decode. */
import fontkit from '@cantoo/fontkit';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createPlainFont } from '../../src/core/plain-fontkit.js';

const FONTS = ['SourceSans3-Regular.ttf', 'SourceSans3-Bold.ttf', 'SourceSans3-Italic.ttf'];
const load = async (name: string) => new Uint8Array(await readFile(new URL(`../../templates/fonts/${name}`, import.meta.url)));

describe('plain fontkit faces', () => {
  it.each(FONTS)('%s: post header, italic angle and glyph names as fontkit decodes them', async (name) => {
    const plain = createPlainFont(await load(name)) as unknown as { post: Record<string, unknown>; italicAngle: number; getGlyph(id: number): { name: string } };
    const full = fontkit.create(await load(name)) as unknown as typeof plain;
    for (const field of ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1', 'numberOfGlyphs']) {
      expect(plain.post[field], field).toEqual(full.post[field]);
    }
    expect(plain.italicAngle).toBe(full.italicAngle);
    for (const id of [1, 37, 500]) expect(plain.getGlyph(id).name).toBe(full.getGlyph(id).name);
  });

  it('has a non-zero italic angle for the italic face, read from its header', async () => {
    expect((createPlainFont(await load('SourceSans3-Italic.ttf')) as unknown as { italicAngle: number }).italicAngle).toBeLessThan(0);
  });
});
