/**
 * Golden files, reviewed by eye before they were committed. SVGs are compared normalised (numbers
 * rounded, Satori's ids renumbered) so that a diff shows what moved; PNGs are compared pixel by
 * pixel with a tolerance for anti-aliasing. On a mismatch the new output is written beside the
 * golden as `*-changed.*` for review; `UPDATE_GOLDEN=1` rewrites the goldens.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import type { ChartSlug, FactsheetInput } from '../../src/core/factsheet';
import type { Renderer } from '../../src/core/render';
import { renderSvg, satoriFonts } from '../../src/core/render-svg';
import { createTextMeasurer } from '../../src/core/text-measure';
import { buildChartCard } from '../../templates/chart-card';
import { buildChart } from '../../templates/charts/charts';
import { loadInput, nodeRenderer } from '../helpers-render/inputs';

const GOLDEN = 'test/render/golden';
const update = process.env.UPDATE_GOLDEN === '1';

let renderer: Renderer;
let meuse: FactsheetInput;

beforeAll(async () => {
  ({ renderer } = await nodeRenderer());
  meuse = await loadInput('55');
});

export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/satori_[a-z]+-[\w-]+/g, (id) => {
      if (!ids.has(id)) ids.set(id, `id${ids.size}`);
      return ids.get(id)!;
    })
    .replace(/-?\d+\.\d+/g, (number) => String(Math.round(Number(number) * 10) / 10))
    .replace(/></g, '>\n<');
}

function compareText(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (update || !existsSync(path)) {
    writeFileSync(path, actual);
    if (!update) throw new Error(`golden ${path} was missing: written, review it and run again`);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual) writeFileSync(path.replace(/(\.\w+)$/, '-changed$1'), actual);
  expect(actual === expected, `${name} differs from its golden; see ${name.replace(/(\.\w+)$/, '-changed$1')}`).toBe(true);
}

async function textSvg(slug: ChartSlug): Promise<string> {
  const fonts = await loadNodeFonts();
  const measure = createTextMeasurer(fonts);
  const card = buildChartCard(buildChart(slug, meuse, measure), meuse, measure);
  return renderSvg({ element: card.element, nested: card.nested, width: card.width, height: card.height, glyphs: 'text' }, satoriFonts(fonts));
}

describe('golden SVGs (Meuse)', () => {
  it.each(['pays', 'activites', 'export', 'import-france'] as const)('%s', async (slug) => {
    compareText(`55-${slug}.svg`, normaliseSvg(await textSvg(slug)));
  });
});

function differentPixels(a: PNG, b: PNG): number {
  let different = 0;
  for (let index = 0; index < a.data.length; index += 4) {
    for (let channel = 0; channel < 3; channel++) {
      if (Math.abs(a.data[index + channel]! - b.data[index + channel]!) > 24) {
        different++;
        break;
      }
    }
  }
  return different / (a.width * a.height);
}

describe('golden PNGs (Meuse, 600 px)', () => {
  it.each(['pays', 'export'] as const)('%s', async (slug) => {
    const bytes = await renderer.chartPng(meuse, slug, 600);
    const path = join(GOLDEN, `55-${slug}-600.png`);
    if (update || !existsSync(path)) {
      writeFileSync(path, bytes);
      if (!update) throw new Error(`golden ${path} was missing: written, review it and run again`);
      return;
    }
    const actual = PNG.sync.read(Buffer.from(bytes));
    const expected = PNG.sync.read(readFileSync(path));
    const sameSize = actual.width === expected.width && actual.height === expected.height;
    const share = sameSize ? differentPixels(actual, expected) : 1;
    if (share > 0.002) writeFileSync(path.replace('.png', '-changed.png'), bytes);
    expect(sameSize).toBe(true);
    expect(share).toBeLessThanOrEqual(0.002);
  });
});
