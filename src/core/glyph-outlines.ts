/**
 * Text as glyph outlines, for standalone SVGs and PNGs, where text must not depend on installed
 * fonts. Each glyph's outline is written once per drawing, in font units, and every occurrence is
 * a reference to it placed at its pen position: a chart repeats a few dozen glyphs hundreds of
 * times, and writing each occurrence out in full made the SVG three times larger and slower to
 * write and to rasterise.
 */
import type { FontWeight } from './text-measure';

interface OutlineGlyph {
  id: number;
  advanceWidth: number;
  path: { commands: unknown[]; toSVG(): string };
}
export interface OutlineFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  glyphsForString(text: string): OutlineGlyph[];
}

/** One visible glyph of a line of text: `key` names its outline, `x` is its pen position in font units. */
export interface PlacedGlyph {
  key: string;
  x: number;
}

export interface GlyphOutliner {
  /** The baseline of a line of text whose box is centred on `centre`, as Satori places it. */
  baseline(centre: number, size: number, weight?: FontWeight): number;
  /** Font units per em of the face: the scale from a glyph run to the drawing is size / unitsPerEm. */
  unitsPerEm(weight?: FontWeight): number;
  /** The visible glyphs of a line of text, unshaped, at their pen positions. */
  glyphRun(text: string, weight?: FontWeight): PlacedGlyph[];
  /** Path data of a glyph of a run, in font units with y up, as the font draws it. */
  glyphPath(key: string): string;
}

export function createGlyphOutliner(faces: Record<FontWeight, OutlineFont>): GlyphOutliner {
  const paths = new Map<string, string>();
  return {
    baseline(centre, size, weight = 400) {
      const face = faces[weight];
      return centre + ((face.ascent + face.descent) / 2 / face.unitsPerEm) * size;
    },
    unitsPerEm: (weight = 400) => faces[weight].unitsPerEm,
    glyphRun(text, weight = 400) {
      const placed: PlacedGlyph[] = [];
      let pen = 0;
      for (const glyph of faces[weight].glyphsForString(text)) {
        if (glyph.path.commands.length > 0) {
          const key = `${weight}-${glyph.id}`;
          if (!paths.has(key)) paths.set(key, glyph.path.toSVG());
          placed.push({ key, x: pen });
        }
        pen += glyph.advanceWidth;
      }
      return placed;
    },
    glyphPath(key) {
      const path = paths.get(key);
      if (path === undefined) throw new RangeError(`glyph ${key} has not been placed by glyphRun`);
      return path;
    },
  };
}
