import { describe, expect, it } from 'vitest';
import { OTHERS_CODE } from '../../src/core/schema.js';
import { buildFlowMatrix, type Cell } from '../../src/prep/flows.js';

const label = (code: string) => ({ code, label: `Libellé ${code}`, shortLabel: code });

function matrix(cells: Cell[]) {
  return buildFlowMatrix({ cells, sourceKind: 'product', targetKind: 'country', labelSource: label, labelTarget: label });
}

/** 15 products × 14 countries with distinct values, so that both sides have an « Autres ». */
function largeCells(): Cell[] {
  const cells: Cell[] = [];
  for (let p = 0; p < 15; p += 1) {
    for (let c = 0; c < 14; c += 1) {
      if ((p + c) % 4 === 3) continue; // some empty cells
      cells.push({ source: `P${String(p).padStart(2, '0')}`, target: `C${String(c).padStart(2, '0')}`, value: (p + 1) * 1000 + (c + 1) * 37 + p * c });
    }
  }
  return cells;
}

describe('buildFlowMatrix', () => {
  const cells = largeCells();
  const result = matrix(cells);
  const total = cells.reduce((sum, cell) => sum + cell.value, 0);

  it('keeps the ten largest nodes per side, largest first, « Autres » last', () => {
    expect(result.sources).toHaveLength(11);
    expect(result.targets).toHaveLength(11);
    expect(result.sources.at(-1)).toMatchObject({ code: OTHERS_CODE, label: 'Autres', shortLabel: 'Autres' });
    expect(result.targets.at(-1)?.code).toBe(OTHERS_CODE);
    const named = result.sources.slice(0, -1).map((node) => node.value);
    expect(named).toEqual([...named].sort((a, b) => b - a));
    const productTotals = new Map<string, number>();
    for (const cell of cells) productTotals.set(cell.source, (productTotals.get(cell.source) ?? 0) + cell.value);
    const expectedTop = [...productTotals].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([code]) => code);
    expect(result.sources.slice(0, -1).map((node) => node.code)).toEqual(expectedTop);
  });

  it('adds up exactly: links = nodes on each side = total', () => {
    expect(result.total).toBe(total);
    expect(result.links.reduce((sum, link) => sum + link.value, 0)).toBe(total);
    expect(result.sources.reduce((sum, node) => sum + node.value, 0)).toBe(total);
    expect(result.targets.reduce((sum, node) => sum + node.value, 0)).toBe(total);
    for (const node of result.sources) {
      expect(result.links.filter((link) => link.source === node.code).reduce((sum, link) => sum + link.value, 0)).toBe(node.value);
    }
  });

  it('keeps every non-zero link, Autres ↔ Autres included, and no zero link', () => {
    expect(result.links.some((link) => link.source === OTHERS_CODE && link.target === OTHERS_CODE)).toBe(true);
    expect(result.links.every((link) => link.value > 0)).toBe(true);
    const keys = result.links.map((link) => `${link.source}>${link.target}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('highlights the five largest links between named nodes', () => {
    const highlighted = result.links.filter((link) => link.highlight);
    expect(highlighted).toHaveLength(5);
    const named = result.links.filter((link) => link.source !== OTHERS_CODE && link.target !== OTHERS_CODE);
    const fifth = [...named].sort((a, b) => b.value - a.value)[4].value;
    expect(highlighted.every((link) => link.value >= fifth && link.source !== OTHERS_CODE && link.target !== OTHERS_CODE)).toBe(true);
  });

  it('breaks ties by code, whatever the input order', () => {
    const tied: Cell[] = ['B', 'A', 'D', 'C'].flatMap((p) => ['Y', 'X', 'Z'].map((c) => ({ source: p, target: c, value: 10 })));
    const forward = matrix(tied);
    const backward = matrix([...tied].reverse());
    expect(forward).toEqual(backward);
    expect(forward.sources.map((node) => node.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(forward.links.filter((link) => link.highlight).map((link) => `${link.source}${link.target}`)).toEqual(['AX', 'AY', 'AZ', 'BX', 'BY']);
  });

  it('has no « Autres » when everything fits, and an empty matrix for an empty flow', () => {
    const small = matrix([{ source: 'P', target: 'C', value: 5 }, { source: 'P', target: 'D', value: 0 }]);
    expect(small.sources.map((node) => node.code)).toEqual(['P']);
    expect(small.targets.map((node) => node.code)).toEqual(['C']);
    expect(matrix([])).toMatchObject({ total: 0, sources: [], targets: [], links: [] });
  });
});
