/**
 * The fonts of a renderer's PDFs, subset once and shared by its documents. Subsetting a face and
 * compressing its program was a fixed part of every PDF; instead each face's subset of the
 * characters factsheets use (pdf-font-charset.ts) is made on the first PDF, compressed, and its
 * bytes copied into every document as one Type0 / CIDFontType2 font with Identity-H codes, widths
 * and a ToUnicode map. A document drawing a character outside that set gets a subset of its own for
 * that face — the prebuilt glyphs with the same codes, then the new ones — so it still shows and
 * copies every character.
 */
import { PDFString, type PDFContext, type PDFRef } from '@cantoo/pdf-lib';
import type { Deflate, FontFiles } from '../ports';
import { PREBUILT_CODE_POINTS } from './pdf-font-charset';
import { pdfLibDeflate } from './pdf-deflate';
import { SubsetPlan, subsetFiles, toUnicodeCmap, type FontkitFace, type FontkitGlyph } from './pdf-font-subset';
import { decodePrebuiltFontSubsets, fontSubsetsIdentity, type CharsetGlyphs, type PrebuiltFontSubsets } from './pdf-font-prebuilt';
import { createPlainFont } from './plain-fontkit';
import { utf8 } from './pdf-metadata';

export type FaceKey = 'regular' | 'bold' | 'italic';

export interface EncodedText {
  /** The two-byte glyph codes, one UTF-16 code unit each (see ContentWriter.codes). */
  codes: string;
  /** Sum of the advances in thousandths of the font size. */
  advance: number;
  glyphCount: number;
}

interface FaceMetrics {
  unitsPerEm: number;
  italicAngle: number;
  ascent: number;
  descent: number;
  capHeight?: number;
  xHeight?: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  post?: { isFixedPitch?: number };
  head?: { macStyle?: { italic?: boolean } };
  'OS/2'?: { sFamilyClass?: number };
}

type Face = FontkitFace & FaceMetrics;

/** A subset's streams as they are written into a document: compressed. */
interface WrittenFiles {
  program: Uint8Array;
  programLength: number;
  cff: boolean;
  widths: [number, number[]];
  toUnicode: Uint8Array;
}

interface Prebuilt {
  plan: SubsetPlan;
  files: WrittenFiles;
}

/** The subset tag names documents have always used, so that a viewer lists the same fonts. */
const BASE_FONTS: Record<FaceKey, string> = { regular: 'FCEAAA+SourceSans3-Regular', bold: 'FCEAAB+SourceSans3-Bold', italic: 'FCEAAC+SourceSans3-Italic' };
const REGULAR_AS_ITALIC = 'FCEAAD+SourceSans3-Regular';

export interface PrebuiltOptions {
  /** The shared subsets made at build time (pdf-font-prebuilt.ts); the set computes them without. */
  subsets?: Uint8Array;
  /** Told why prebuilt subsets were not used (the data as a whole, or a face): those were then computed. */
  onStale?: (reason: string) => void;
}

export class PdfFontSet {
  private readonly prebuilt = new Map<FaceKey, Prebuilt>();
  private readonly deflate: Deflate;
  private shipped: PrebuiltFontSubsets | null | undefined;

  constructor(
    private readonly files: FontFiles,
    deflate?: Deflate,
    private readonly options: PrebuiltOptions = {},
  ) {
    this.deflate = deflate ?? pdfLibDeflate;
    if (!options.subsets) this.shipped = null;
  }

  baseFont(key: FaceKey): string {
    return key === 'italic' && !this.files.italic ? REGULAR_AS_ITALIC : BASE_FONTS[key];
  }

  face(key: FaceKey): Face {
    return createPlainFont(key === 'italic' ? (this.files.italic ?? this.files.regular) : this.files[key]) as unknown as Face;
  }

  /** The face's shared subset, made on first use: a cold Worker pays for it only when it writes a PDF. */
  shared(key: FaceKey): Prebuilt {
    let prebuilt = this.prebuilt.get(key);
    if (!prebuilt) {
      prebuilt = this.fromData(key) ?? this.compute(key);
      this.prebuilt.set(key, prebuilt);
    }
    return prebuilt;
  }

  private compute(key: FaceKey): Prebuilt {
    const plan = charsetPlan(this.face(key));
    return { plan, files: this.compress(plan) };
  }

  /**
   * The face's shared subset from prebuilt data, if the data is this set's. Its plan replays the
   * charset against the data's glyph table instead of the font's cmap (which cost a cold renderer
   * as much again as copying saves); the ToUnicode map rebuilt from it and compressed here must
   * give the data's bytes, which shows the compression is the one the data was made with.
   */
  private fromData(key: FaceKey): Prebuilt | undefined {
    const shipped = this.shippedSubsets();
    const face = shipped?.faces[key];
    if (!face) {
      if (shipped) this.stale(`prebuilt font subsets: no ${key} face`);
      return undefined;
    }
    const plan = charsetPlan(charsetFace(face.glyphs));
    const toUnicode = this.deflate(utf8(toUnicodeCmap(plan.glyphs)));
    if (!sameBytes(toUnicode, face.toUnicode)) {
      this.stale(`prebuilt font subsets: the ${key} face's ToUnicode map compresses to other bytes here (another deflate or level)`);
      return undefined;
    }
    return { plan, files: { program: face.program, programLength: face.programLength, cff: face.cff, widths: [1, plan.glyphs.map((glyph) => glyph.advance)], toUnicode: face.toUnicode } };
  }

  private shippedSubsets(): PrebuiltFontSubsets | null {
    if (this.shipped === undefined) {
      const decoded = decodePrebuiltFontSubsets(this.options.subsets!);
      const identity = fontSubsetsIdentity(this.files);
      if (typeof decoded === 'string') this.stale(decoded);
      else if (decoded.identity !== identity) this.stale(`prebuilt font subsets made for ${decoded.identity}, these fonts and charset are ${identity}`);
      this.shipped = typeof decoded === 'string' || decoded.identity !== identity ? null : decoded;
    }
    return this.shipped;
  }

  private stale(reason: string): void {
    this.options.onStale?.(reason);
  }

  compress(plan: SubsetPlan): WrittenFiles {
    const files = subsetFiles(plan);
    return { program: this.deflate(files.program), programLength: files.program.length, cff: files.cff, widths: files.widths, toUnicode: this.deflate(utf8(files.toUnicode)) };
  }

  /** This set's shared subsets as prebuilt data (pdf-font-prebuilt.ts), computed now. */
  prebuiltSubsets(): PrebuiltFontSubsets {
    const faces: PrebuiltFontSubsets['faces'] = {};
    for (const key of ['regular', 'bold', 'italic'] as const) {
      const { program, programLength, cff, toUnicode } = this.shared(key).files;
      faces[key] = { program, programLength, cff, toUnicode, glyphs: charsetGlyphs(this.face(key)) };
    }
    return { identity: fontSubsetsIdentity(this.files), faces };
  }

  document(): DocumentFonts {
    return new DocumentFonts(this);
  }
}

/** One document's use of the fonts: the codes of its text, then its font objects. */
export class DocumentFonts {
  private readonly plans = new Map<FaceKey, SubsetPlan>();
  private readonly refs = new Map<FaceKey, PDFRef>();

  constructor(private readonly set: PdfFontSet) {}

  encode(key: FaceKey, text: string): EncodedText {
    const plan = this.plan(key);
    let codes = '';
    let advance = 0;
    let glyphCount = 0;
    for (let index = 0; index < text.length; index++) {
      const codePoint = text.codePointAt(index)!;
      if (codePoint > 0xffff) index++;
      const code = plan.add(codePoint);
      codes += code.unit;
      advance += code.advance;
      glyphCount++;
    }
    return { codes, advance, glyphCount };
  }

  /**
   * The face's Type0 font in this document: a reference now, the objects once every page is drawn
   * (`writeFonts`), since a later page may still add a glyph to the document's own subset.
   */
  ref(context: PDFContext, key: FaceKey): PDFRef {
    let ref = this.refs.get(key);
    if (!ref) {
      ref = context.nextRef();
      this.refs.set(key, ref);
    }
    return ref;
  }

  /** Writes the fonts the pages refer to. */
  writeFonts(context: PDFContext): void {
    for (const [key, ref] of this.refs) {
      const plan = this.plan(key);
      const files = plan.extended ? this.set.compress(plan) : this.set.shared(key).files;
      writeFont(context, ref, this.set.baseFont(key), plan.face as Face, files);
    }
  }

  private plan(key: FaceKey): SubsetPlan {
    let plan = this.plans.get(key);
    if (!plan) {
      plan = new SubsetPlan(this.set.face(key), this.set.shared(key).plan);
      this.plans.set(key, plan);
    }
    return plan;
  }
}

/** The objects pdf-lib's own font embedding wrote, with the program's clear-text length added. */
function writeFont(context: PDFContext, ref: PDFRef, baseFont: string, face: Face, files: WrittenFiles): void {
  const scale = 1000 / face.unitsPerEm;
  const program = context.register(
    context.stream(files.program, { Filter: 'FlateDecode', Length1: files.programLength, ...(files.cff ? { Subtype: 'CIDFontType0C' } : {}) }),
  );
  const { minX, minY, maxX, maxY } = face.bbox;
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: fontFlags(face),
      FontBBox: [minX * scale, minY * scale, maxX * scale, maxY * scale],
      ItalicAngle: face.italicAngle,
      Ascent: face.ascent * scale,
      Descent: face.descent * scale,
      CapHeight: (face.capHeight || face.ascent) * scale,
      XHeight: (face.xHeight || 0) * scale,
      StemV: 0,
      [files.cff ? 'FontFile3' : 'FontFile2']: program,
    }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: files.cff ? 'CIDFontType0' : 'CIDFontType2',
      CIDToGIDMap: 'Identity',
      BaseFont: baseFont,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: files.widths,
    }),
  );
  const toUnicode = context.register(context.stream(files.toUnicode, { Filter: 'FlateDecode' }));
  context.assign(ref, context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: baseFont, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
}

function charsetPlan(face: FontkitFace): SubsetPlan {
  const plan = new SubsetPlan(face);
  for (const codePoint of PREBUILT_CODE_POINTS) plan.add(codePoint);
  return plan;
}

/** What the charset's plan reads from a face: each character's cmap glyph and its advance, in font units. */
function charsetGlyphs(face: FontkitFace): CharsetGlyphs {
  const glyphs = PREBUILT_CODE_POINTS.map((codePoint) => face.glyphForCodePoint(codePoint));
  return { unitsPerEm: face.unitsPerEm, notdefAdvance: face.getGlyph(0).advanceWidth, ids: glyphs.map((glyph) => glyph?.id ?? 0), advances: glyphs.map((glyph) => glyph?.advanceWidth ?? 0) };
}

/** A face that answers the charset's plan from prebuilt data; it has no font program to subset. */
function charsetFace(glyphs: CharsetGlyphs): FontkitFace {
  const byCodePoint = new Map<number, FontkitGlyph>();
  PREBUILT_CODE_POINTS.forEach((codePoint, index) => byCodePoint.set(codePoint, { id: glyphs.ids[index]!, advanceWidth: glyphs.advances[index]! }));
  return {
    unitsPerEm: glyphs.unitsPerEm,
    glyphForCodePoint: (codePoint) => byCodePoint.get(codePoint) ?? null,
    getGlyph: (glyphId) => {
      if (glyphId !== 0) throw new RangeError(`prebuilt glyph table: no glyph ${glyphId}`);
      return { id: 0, advanceWidth: glyphs.notdefAdvance };
    },
    createSubset: () => {
      throw new Error('prebuilt glyph table: no font program to subset');
    },
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let index = 0; index < a.byteLength; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** PDF font flags as pdf-lib derived them: symbolic (non-Latin glyphs are addressed by code), serif, script, italic. */
function fontFlags(face: Face): number {
  const familyClass = face['OS/2']?.sFamilyClass ?? 0;
  let flags = 1 << 2;
  if (face.post?.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (face.head?.macStyle?.italic) flags |= 1 << 6;
  return flags;
}
