/**
 * The characters every factsheet's fonts carry, whether a document draws them or not: a subset of
 * these is made and compressed once per renderer and copied into each PDF as it is. Templates and
 * indicator documents use ASCII, French letters (Latin-1, œ), typographic spaces, dashes and quotes,
 * €, −, ≈, →, • and ■ — the set is those and their neighbours that French text may plausibly hold.
 * Each glyph here is in every PDF (about 50 bytes compressed per glyph and face), so the set stays
 * small: a document that draws anything else (a name in Latin Extended-A, Greek…) still works, its
 * face subset again for that document (pdf-font-set.ts).
 */
const RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0xff], // Latin-1: French accents, « », no-break space, ·, ×
  [0x152, 0x153], // Œ œ
  [0x178, 0x178], // Ÿ
  [0x2009, 0x200a], // thin and hair spaces
  [0x2010, 0x2014], // hyphens and dashes
  [0x2018, 0x201e], // quotes
  [0x2020, 0x2022], // daggers, bullet
  [0x2026, 0x2026], // …
  [0x202f, 0x202f], // narrow no-break space (before « : ; ! ? » and in figures)
  [0x2030, 0x2030], // ‰
  [0x2039, 0x203a], // ‹ ›
  [0x20ac, 0x20ac], // €
  [0x2192, 0x2192], // → (Sankey labels)
  [0x2212, 0x2212], // − (negative figures)
  [0x2248, 0x2248], // ≈
  [0x25a0, 0x25a0], // ■ (legend keys)
];

export const PREBUILT_CODE_POINTS: readonly number[] = RANGES.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, index) => first + index));
