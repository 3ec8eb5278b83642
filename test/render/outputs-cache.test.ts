/**
 * The renderer keeps Satori's layouts of element trees it has seen (src/core/satori-cache.ts). A
 * page drawn from a kept layout must be byte for byte the page a fresh renderer draws, whatever
 * was drawn before; and the layouts kept must be bounded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import { createNodeRenderer } from '../../src/adapters/renderer-node';
import { unshapedFonts } from '../../src/core/font-tables';
import { PAGE_COUNT, type FactsheetInput } from '../../src/core/render';
import { initLayoutEngine, renderSvg, satoriFonts, type SatoriFont } from '../../src/core/render-svg';
import { loadYogaWasm } from '../../src/adapters/layout-node';
import { createSatoriCache, type SatoriCache, type SatoriLayout } from '../../src/core/satori-cache';
import { createTextMeasurer, type TextMeasurer } from '../../src/core/text-measure';
import { page } from '../../templates/theme';
import { buildPage } from '../../templates/pages';
import { loadInput } from '../helpers-render/inputs';

const CODES = ['55', '976', '2A', '59'] as const;
const inputs = new Map<string, FactsheetInput>();
let fonts: SatoriFont[];
let measure: TextMeasurer;

beforeAll(async () => {
  await initLayoutEngine(await loadYogaWasm());
  for (const code of CODES) inputs.set(code, await loadInput(code));
  const files = unshapedFonts(await loadNodeFonts());
  fonts = satoriFonts(files);
  measure = createTextMeasurer(files);
});

/** The cache as the renderer has it, counting what it found. */
function countingCache(): SatoriCache & { hits: number } {
  const cache = createSatoriCache();
  const counting = {
    hits: 0,
    get: (key: string) => {
      const svg = cache.get(key);
      if (svg !== undefined) counting.hits++;
      return svg;
    },
    set: (key: string, layout: SatoriLayout) => cache.set(key, layout),
  };
  return counting;
}

function pageSvg(code: string, number: number, glyphs: 'paths' | 'text', cache?: SatoriCache): Promise<string> {
  const draft = buildPage(number, inputs.get(code)!, measure);
  return renderSvg({ element: draft.element, nested: draft.nested, width: page.width, height: page.height, glyphs, title: draft.title }, fonts, cache);
}

describe('kept layouts', () => {
  it('serve the pages that are the same for every département, and draw them as a render without them does', async () => {
    const cache = countingCache();
    for (const number of [2, PAGE_COUNT]) {
      for (const glyphs of ['text', 'paths'] as const) {
        await pageSvg('55', number, glyphs, cache);
        const before = cache.hits;
        for (const code of ['976', '2A']) {
          expect(await pageSvg(code, number, glyphs, cache), `page ${number} of ${code}, ${glyphs}`).toBe(await pageSvg(code, number, glyphs));
        }
        // The name in the running header differs, and both pages were still taken from the kept layout.
        expect(cache.hits - before).toBe(2);
      }
    }
  });

  it('never mix up pages, glyph forms or départements', async () => {
    const cache = countingCache();
    for (const code of CODES) {
      for (let number = 1; number <= PAGE_COUNT; number++) {
        for (const glyphs of ['text', 'paths'] as const) expect(await pageSvg(code, number, glyphs, cache)).toBe(await pageSvg(code, number, glyphs));
      }
    }
    expect(cache.hits).toBeGreaterThan(0);
  });

  it('leave the whole PDF byte for byte as a fresh renderer writes it', async () => {
    const warm = await createNodeRenderer();
    for (const code of ['55', '2A']) await warm.factsheetPdf(inputs.get(code)!);
    const mayotte = inputs.get('976')!;
    const fresh = await createNodeRenderer();
    expect(Buffer.from(await warm.factsheetPdf(mayotte)).equals(Buffer.from(await fresh.factsheetPdf(mayotte)))).toBe(true);
    expect(await warm.pageSvg(mayotte, 2)).toBe(await fresh.pageSvg(mayotte, 2));
  });
});

describe('the layout cache', () => {
  it('holds at most its number of characters, dropping the least recently used first', () => {
    const cache = createSatoriCache(100);
    const layout = (chars: number): SatoriLayout => ({ open: '<svg>', parts: ['x'.repeat(chars - 5)], slots: [], chars });
    cache.set('a', layout(39));
    cache.set('b', layout(39));
    expect(cache.get('a')?.chars).toBe(39);
    cache.set('c', layout(39));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.chars).toBe(39);
    expect(cache.get('c')?.chars).toBe(39);
    cache.set('too big', layout(100));
    expect(cache.get('too big')).toBeUndefined();
    expect(cache.get('a')?.chars).toBe(39);
  });
});
