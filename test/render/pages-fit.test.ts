/**
 * Every page of every département's factsheet keeps its drawings (running text, charts, header and
 * footer) inside the page and apart from one another: a long list of Territoires d'industrie or a
 * long name must not push the footer off the page or let blocks run into each other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FactsheetInput, Renderer } from '../../src/core/render';
import { PAGE_COUNT } from '../../src/core/render';
import { departementCodes, loadInput, nodeRenderer } from '../helpers-render/inputs';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const NESTED = /<svg x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g;

/** The page's layout box and the boxes of the drawings placed on it, in layout units. */
function drawings(svg: string): { page: Box; boxes: Box[] } {
  const [, , width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number);
  const boxes = [...svg.matchAll(NESTED)].map(([, x, y, w, h]) => ({ x: Number(x), y: Number(y), width: Number(w), height: Number(h) }));
  return { page: { x: 0, y: 0, width: width!, height: height! }, boxes };
}

/** Satori rounds positions to whole layout units (a quarter of a point) but keeps fractional sizes. */
const ROUNDING = 1;

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width - ROUNDING && b.x < a.x + a.width - ROUNDING && a.y < b.y + b.height - ROUNDING && b.y < a.y + a.height - ROUNDING;

let renderer: Renderer;
const inputs: FactsheetInput[] = [];

beforeAll(async () => {
  ({ renderer } = await nodeRenderer());
  for (const code of departementCodes()) inputs.push(await loadInput(code === '20' ? '2A' : code));
}, 60_000);

describe('pages of every département', () => {
  it('keep every drawing inside the page, none over another', { timeout: 120_000 }, async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const input of inputs) {
      for (let number = 1; number <= PAGE_COUNT; number++) {
        const { page, boxes } = drawings(await renderer.pageSvg(input, number));
        checked += boxes.length;
        const where = `${input.departement.code} page ${number}`;
        for (const box of boxes) {
          if (box.x < 0 || box.y < 0 || box.x + box.width > page.width + ROUNDING || box.y + box.height > page.height + ROUNDING) problems.push(`${where}: drawing at ${box.x},${box.y} leaves the page`);
        }
        boxes.forEach((box, index) => {
          for (const other of boxes.slice(index + 1)) if (overlap(box, other)) problems.push(`${where}: drawings at ${box.x},${box.y} and ${other.x},${other.y} overlap`);
        });
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(inputs.length * PAGE_COUNT * 3);
  });
});
