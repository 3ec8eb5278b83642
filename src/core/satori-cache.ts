/**
 * Satori's SVGs of element trees already laid out by this renderer. Several pages are the same
 * tree for every département (context and method, practical information: the département's name
 * sits in a nested drawing of fixed width), and a page asked as PDF, then as PNG, is laid out
 * once. Nested drawings are put in after Satori, so a cached layout stays right whatever they
 * draw. Bounded by the characters it holds, the least recently used first out.
 */
export interface SatoriCache {
  get(key: string): string | undefined;
  set(key: string, svg: string): void;
}

/** A few dozen pages: an 8-page factsheet's layouts weigh about 100 K characters of keys and SVG. */
export const DEFAULT_SATORI_CACHE_CHARS = 4_000_000;

export function createSatoriCache(maxChars = DEFAULT_SATORI_CACHE_CHARS): SatoriCache {
  const entries = new Map<string, string>();
  let chars = 0;
  return {
    get(key) {
      const svg = entries.get(key);
      if (svg !== undefined) {
        // Most recently used last, so that eviction takes the oldest.
        entries.delete(key);
        entries.set(key, svg);
      }
      return svg;
    },
    set(key, svg) {
      const size = key.length + svg.length;
      if (size > maxChars || entries.has(key)) return;
      for (const [oldKey, oldSvg] of entries) {
        if (chars + size <= maxChars) break;
        entries.delete(oldKey);
        chars -= oldKey.length + oldSvg.length;
      }
      entries.set(key, svg);
      chars += size;
    },
  };
}
