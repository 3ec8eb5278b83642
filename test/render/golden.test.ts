/**
 * Golden files, reviewed by eye before they were committed, of every chart as the app serves it
 * (through the routes, with the Node renderer): Meuse, and Mayotte at the other end of the scale
 * (the smallest trade, compared with the overseas départements together).
 *
 * Comparisons are exact. SVGs are compared byte for byte, one element per line so that a diff
 * shows what moved. PNGs are compared pixel by pixel with no tolerance: the same data gives the
 * same pixels, run after run, and resvg's native build and its wasm build agree to the last bit on a
 * picture drawn whole (measured on every chart of both départements; these goldens are under a
 * megapixel, which Node draws whole too), so any difference is a change of drawing.
 *
 * On a mismatch the new output is written beside the golden as `*-changed.svg` / `*-changed.png`
 * for review. After a reviewed change of drawing, rewrite them all with
 * `UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts` (`npm run golden:update`).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { NODE_RENDERER_INFO, createNodeRenderer } from '../../src/adapters/renderer-node';
import { CHART_SLUGS } from '../../src/core/render';
import { appFixture } from '../helpers/app-fixture';

const GOLDEN = 'test/render/golden';
const update = process.env.UPDATE_GOLDEN === '1';
const DEPARTEMENTS = ['55', '976'] as const;
const PNG_WIDTH = 600;

const { get } = appFixture({ renderer: await createNodeRenderer(), info: NODE_RENDERER_INFO });

async function served(path: string): Promise<Buffer> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const changedPath = (path: string) => path.replace(/(\.\w+)$/, '-changed$1');

/** Writes the golden when asked to (or when it is new, then fails so that it gets reviewed); else says whether it is missing. */
function writeIfAsked(path: string, bytes: Buffer): boolean {
  if (!update && existsSync(path)) return false;
  writeFileSync(path, bytes);
  rmSync(changedPath(path), { force: true });
  if (!update) throw new Error(`golden ${path} was missing: written, review it and run again`);
  return true;
}

/** One element per line: the served bytes are these with the line breaks removed. */
const svgLines = (svg: string) => svg.replace(/></g, '>\n<');

describe.each(DEPARTEMENTS)('golden SVGs as served (%s)', (code) => {
  it.each(CHART_SLUGS)('%s', async (slug) => {
    const actual = svgLines((await served(`/fiche/${code}/${slug}.svg`)).toString('utf8'));
    const path = join(GOLDEN, `${code}-${slug}.svg`);
    if (writeIfAsked(path, Buffer.from(actual))) return;
    const expected = readFileSync(path, 'utf8');
    if (actual !== expected) writeFileSync(changedPath(path), actual);
    expect(actual === expected, `${path} differs from what is served; see ${changedPath(path)}`).toBe(true);
  });
});

/** Pixels whose red, green, blue or alpha differ at all. */
function differentPixels(a: PNG, b: PNG): number {
  let different = 0;
  for (let index = 0; index < a.data.length; index += 4) {
    if (a.data.readUInt32BE(index) !== b.data.readUInt32BE(index)) different += 1;
  }
  return different;
}

describe('golden PNGs as served (55, 600 px)', () => {
  it.each(CHART_SLUGS)('%s', async (slug) => {
    const bytes = await served(`/fiche/55/${slug}.png?w=${PNG_WIDTH}`);
    const path = join(GOLDEN, `55-${slug}-${PNG_WIDTH}.png`);
    if (writeIfAsked(path, bytes)) return;
    const actual = PNG.sync.read(bytes);
    const expected = PNG.sync.read(readFileSync(path));
    const sameSize = actual.width === expected.width && actual.height === expected.height;
    const different = sameSize ? differentPixels(actual, expected) : actual.width * actual.height;
    if (different > 0) writeFileSync(changedPath(path), bytes);
    expect(`${actual.width}×${actual.height}`, `${path} changed size; see ${changedPath(path)}`).toBe(`${expected.width}×${expected.height}`);
    expect(different, `${path}: ${different} pixels differ; see ${changedPath(path)}`).toBe(0);
  });
});
