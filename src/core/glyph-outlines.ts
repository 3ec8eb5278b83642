/**
 * Text as glyph outlines: one SVG path per line of text, in the drawing's coordinates. Chart labels
 * are drawn this way in standalone SVGs and PNGs, where text must not depend on installed fonts.
 */
import type { FontWeight } from './text-measure';

interface OutlineGlyph {
  id: number;
  advanceWidth: number;
  path: { commands: { command: string; args: number[] }[] };
}
export interface OutlineFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  glyphsForString(text: string): OutlineGlyph[];
}

export interface GlyphOutliner {
  /** The baseline of a line of text whose box is centred on `centre`, as Satori places it. */
  baseline(centre: number, size: number, weight?: FontWeight): number;
  /** Path data of the text's glyphs, starting at `x` on `baseline`. */
  outline(text: string, x: number, baseline: number, size: number, weight?: FontWeight): string;
}

const ARITY: Record<string, number> = { moveTo: 2, lineTo: 2, quadraticCurveTo: 4, bezierCurveTo: 6, closePath: 0 };
const LETTER: Record<string, string> = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' };

export function createGlyphOutliner(faces: Record<FontWeight, OutlineFont>): GlyphOutliner {
  const r = (value: number): number => Math.round(value * 100) / 100;
  return {
    baseline(centre, size, weight = 400) {
      const face = faces[weight];
      return centre + ((face.ascent + face.descent) / 2 / face.unitsPerEm) * size;
    },
    outline(text, x, baseline, size, weight = 400) {
      const face = faces[weight];
      const scale = size / face.unitsPerEm;
      let pen = x;
      let d = '';
      for (const glyph of face.glyphsForString(text)) {
        for (const { command, args } of glyph.path.commands) {
          d += LETTER[command] ?? '';
          const count = ARITY[command] ?? 0;
          for (let index = 0; index < count; index += 2) {
            d += `${index > 0 ? ' ' : ''}${r(pen + args[index]! * scale)},${r(baseline - args[index + 1]! * scale)}`;
          }
        }
        pen += glyph.advanceWidth * scale;
      }
      return d;
    },
  };
}
