/**
 * A font subset for a PDF's Identity-H text: which glyphs it holds and the code each character is
 * drawn with (a glyph's place in the subset), then the subset's font program, its widths (`W`) and
 * its ToUnicode map, the three things a reader needs to show and to copy the text. A plan can
 * extend another one without copying it, so that a document drawing a rare character adds that
 * glyph after the renderer's prebuilt ones and every other code stays the same.
 *
 * Fonts are drawn unshaped (see plain-fontkit.ts): a character's glyph is the cmap's glyph.
 */
export interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}

interface FontkitSubset {
  includeGlyph(glyphId: number): number;
  encode(): Uint8Array;
  cff?: unknown;
}

export interface FontkitFace {
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): FontkitGlyph | null;
  getGlyph(glyphId: number): FontkitGlyph;
  createSubset(): FontkitSubset;
}

export interface GlyphCode {
  /** The glyph's two-byte code in the subset (its place in it), as one UTF-16 code unit. */
  unit: string;
  /** Advance in thousandths of the font size. */
  advance: number;
}

interface PlannedGlyph {
  glyphId: number;
  /** The character copying this glyph yields: the first one the plan met it for. */
  codePoint: number;
  advance: number;
}

/** Characters below this are looked up by index: every character of a text is looked up, the shared set lies below it. */
const INDEXED_CODE_POINTS = 0x2600;

export class SubsetPlan {
  private readonly codes = new Map<number, GlyphCode>();
  private indexed: (GlyphCode | undefined)[] | undefined;
  private readonly subsetIds = new Map<number, number>();
  private readonly own: PlannedGlyph[] = [];
  private readonly scale: number;

  constructor(
    readonly face: FontkitFace,
    private readonly base?: SubsetPlan,
  ) {
    this.scale = 1000 / face.unitsPerEm;
  }

  /** Glyphs in subset order: subset id = index + 1 (0 is .notdef). */
  get glyphs(): readonly PlannedGlyph[] {
    return this.base ? [...this.base.glyphs, ...this.own] : this.own;
  }

  /** Whether this plan added glyphs to its base. */
  get extended(): boolean {
    return this.own.length > 0;
  }

  /** The code of a character already in the plan, if it is. */
  find(codePoint: number): GlyphCode | undefined {
    return this.base?.find(codePoint) ?? (codePoint < INDEXED_CODE_POINTS ? this.indexed?.[codePoint] : this.codes.get(codePoint));
  }

  /**
   * The code of a character, its glyph added to the plan if new. A character the font lacks draws
   * its .notdef glyph (code 0) and maps to no character, as pdf-lib's subsets did.
   */
  add(codePoint: number): GlyphCode {
    const known = this.find(codePoint);
    if (known) return known;
    const glyph = this.face.glyphForCodePoint(codePoint);
    const found = glyph !== null && glyph.id !== 0;
    const subsetId = found ? (this.subsetIdOf(glyph.id) ?? this.include(glyph, codePoint)) : 0;
    const code = { unit: String.fromCharCode(subsetId), advance: (found ? glyph : this.face.getGlyph(0)).advanceWidth * this.scale };
    if (codePoint < INDEXED_CODE_POINTS) (this.indexed ??= new Array<GlyphCode | undefined>(INDEXED_CODE_POINTS).fill(undefined))[codePoint] = code;
    else this.codes.set(codePoint, code);
    return code;
  }

  private subsetIdOf(glyphId: number): number | undefined {
    return this.base?.subsetIdOf(glyphId) ?? this.subsetIds.get(glyphId);
  }

  private include(glyph: FontkitGlyph, codePoint: number): number {
    this.own.push({ glyphId: glyph.id, codePoint, advance: glyph.advanceWidth * this.scale });
    const subsetId = (this.base?.glyphs.length ?? 0) + this.own.length;
    this.subsetIds.set(glyph.id, subsetId);
    return subsetId;
  }
}

export interface SubsetFiles {
  /** The subset's font program (TrueType, or CFF for an OpenType CFF face), uncompressed. */
  program: Uint8Array;
  cff: boolean;
  /** The `W` array: first subset id, then the widths of the consecutive glyphs from it. */
  widths: [number, number[]];
  toUnicode: string;
}

export function subsetFiles(plan: SubsetPlan): SubsetFiles {
  const glyphs = plan.glyphs;
  const subset = plan.face.createSubset();
  glyphs.forEach((glyph, index) => {
    // fontkit numbers glyphs in the order they are included; the codes drawn rely on it.
    if (subset.includeGlyph(glyph.glyphId) !== index + 1) throw new Error(`font subset: glyph ${glyph.glyphId} did not get code ${index + 1}`);
  });
  return { program: subset.encode(), cff: Boolean(subset.cff), widths: [1, glyphs.map((glyph) => glyph.advance)], toUnicode: toUnicodeCmap(glyphs) };
}

/** At most 100 entries per bfchar block, as the CMap format asks. */
const BFCHAR_BLOCK = 100;

export function toUnicodeCmap(glyphs: readonly PlannedGlyph[]): string {
  const entries = glyphs.map((glyph, index) => `<${hex4(index + 1)}> <${utf16Hex(glyph.codePoint)}>`);
  const blocks: string[] = [];
  for (let start = 0; start < entries.length; start += BFCHAR_BLOCK) {
    const block = entries.slice(start, start + BFCHAR_BLOCK);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

export function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

function utf16Hex(codePoint: number): string {
  if (codePoint < 0x10000) return hex4(codePoint);
  const offset = codePoint - 0x10000;
  return hex4(0xd800 + (offset >> 10)) + hex4(0xdc00 + (offset & 0x3ff));
}
