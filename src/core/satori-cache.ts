/**
 * Satori's layouts of element trees already laid out by this renderer. Several pages are the same
 * tree for every département (context and method, practical information: the département's name
 * sits in a nested drawing of fixed width), and a page asked as PDF, then as PNG, is laid out
 * once. Nested drawings are put in after Satori, so a cached layout stays right whatever they
 * draw. Bounded by the characters it holds, the least recently used first out.
 */
/** Where Satori placed a nested drawing's placeholder, as it wrote the numbers. */
export interface NestedSlot {
  /** The drawing's number, as its placeholder carries it. */
  number: number;
  x: string;
  y: string;
  width: string;
  height: string;
}

/** Satori's SVG cut at the placeholders: `parts` has one more piece than `slots`. */
export interface SatoriLayout {
  /** The opening `<svg …>` tag, at the drawing's own size. */
  open: string;
  parts: readonly string[];
  slots: readonly NestedSlot[];
  /** The characters of its pieces, to bound the cache. */
  chars: number;
}

export interface SatoriCache {
  get(key: string): SatoriLayout | undefined;
  set(key: string, layout: SatoriLayout): void;
}

/** A few dozen pages: an 8-page factsheet's layouts weigh about 100 K characters of keys and SVG. */
export const DEFAULT_SATORI_CACHE_CHARS = 4_000_000;

export function createSatoriCache(maxChars = DEFAULT_SATORI_CACHE_CHARS): SatoriCache {
  const entries = new Map<string, SatoriLayout>();
  let chars = 0;
  return {
    get(key) {
      const layout = entries.get(key);
      if (layout !== undefined) {
        // Most recently used last, so that eviction takes the oldest.
        entries.delete(key);
        entries.set(key, layout);
      }
      return layout;
    },
    set(key, layout) {
      const size = key.length + layout.chars;
      if (size > maxChars || entries.has(key)) return;
      for (const [oldKey, oldLayout] of entries) {
        if (chars + size <= maxChars) break;
        entries.delete(oldKey);
        chars -= oldKey.length + oldLayout.chars;
      }
      entries.set(key, layout);
      chars += size;
    },
  };
}
