import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_SLUGS, type FactsheetInput } from '../../src/core/factsheet';
import { labelRect, rectWithin, rectsOverlap, type Figure } from '../../src/core/figure';
import { positionSankey, sankeyInput, spreadLabels } from '../../src/core/layout/sankey';
import { createTextMeasurer, type TextMeasurer } from '../../src/core/text-measure';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import { buildChart } from '../../templates/charts/charts';
import { readableLabel } from '../../templates/charts/readable-labels';
import { departementCodes, loadInput } from '../helpers-render/inputs';

let measure: TextMeasurer;
const inputs = new Map<string, FactsheetInput>();

beforeAll(async () => {
  measure = createTextMeasurer(await loadNodeFonts());
  // Every département, including Corse and the overseas ones compared with « DOM ».
  for (const code of departementCodes()) inputs.set(code, await loadInput(code === '20' ? '2A' : code));
});

function problems(figure: Figure): string[] {
  const found: string[] = [];
  for (const box of figure.boxes) {
    if (!rectWithin(box, figure.width, figure.height)) found.push(`box out of bounds ${JSON.stringify(box)}`);
    if (box.width < 0 || box.height < 0) found.push(`negative box ${JSON.stringify(box)}`);
  }
  const rects = figure.labels.map(labelRect);
  figure.labels.forEach((label, index) => {
    if (!rectWithin(rects[index]!, figure.width, figure.height)) found.push(`label out of bounds « ${label.text} »`);
    if (label.text.trim() === '') found.push('empty label');
    for (let other = index + 1; other < rects.length; other++) {
      if (rectsOverlap(rects[index]!, rects[other]!)) found.push(`« ${label.text} » overlaps « ${figure.labels[other]!.text} »`);
    }
  });
  return found;
}

describe('chart layouts for every département', () => {
  it('keep every box and label within the chart and no two labels overlap', () => {
    const failures: string[] = [];
    for (const [code, input] of inputs) {
      for (const slug of CHART_SLUGS) {
        for (const problem of problems(buildChart(slug, input, measure).figure)) failures.push(`${code}/${slug}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('label every Sankey node with its name, and every partner of the butterfly', () => {
    const missing: string[] = [];
    for (const [code, input] of inputs) {
      for (const slug of ['export', 'import', 'export-region', 'import-france'] as const) {
        const { figure } = buildChart(slug, input, measure);
        const matrix = (slug.endsWith('-france') ? input.france : slug.endsWith('-region') ? input.region : input.departement).flows[slug.startsWith('export') ? 'exports' : 'imports'];
        // Long names wrap over several lines: read back in order, the lines give every name whole.
        const printed = figure.labels.filter((label) => label.weight === 700).map((label) => label.text).join(' ');
        const { nodes } = sankeyInput(matrix);
        const expected = nodes.map((node) => readableLabel(node.label)).join(' ');
        if (printed !== expected) missing.push(`${code}/${slug}: names printed « ${printed} », expected « ${expected} »`);
      }
      const partners = buildChart('pays', input, measure).figure;
      const names = input.departement.partners.filter((partner) => partners.labels.some((label) => label.text === partner.shortLabel));
      if (names.length !== input.departement.partners.length) missing.push(`${code}/pays: a partner lost its name`);
    }
    expect(missing).toEqual([]);
  });

  it('write each balance with its sign and in red or green', () => {
    const input = inputs.get('55')!;
    const { figure } = buildChart('pays', input, measure);
    for (const partner of input.departement.partners) {
      const balance = figure.labels.find((label) => label.align === 'right' && label.weight === 700 && label.x === figure.width - 4 && label.y === figure.labels.find((l) => l.text === partner.shortLabel)!.y);
      expect(balance, partner.label).toBeDefined();
      expect(balance!.text.startsWith(partner.balance < 0 ? '\u2212' : '+')).toBe(true);
      expect(balance!.color).toBe(partner.balance < 0 ? '#ce0500' : '#18753c');
    }
  });

  it('give each treemap compartment an area proportional to its weight within its flow', () => {
    const input = inputs.get('51')!;
    const { figure } = buildChart('activites', input, measure);
    for (const flow of ['imports', 'exports'] as const) {
      const fill = flow === 'imports' ? '#000091' : '#a558a0';
      const boxes = figure.boxes.filter((box) => box.fill === fill);
      expect(boxes.length).toBeGreaterThan(5);
      expect(boxes.length).toBeLessThanOrEqual(input.departement.activities[flow].length);
      const area = boxes.reduce((sum, box) => sum + box.width * box.height, 0);
      input.departement.activities[flow].slice(0, 5).forEach((activity, index) => {
        const box = boxes[index]!;
        // Padding between compartments takes a little of each; big compartments stay within a few percent.
        expect((box.width * box.height) / area).toBeCloseTo(activity.share, 1);
      });
    }
  });
});

describe('Sankey layout', () => {
  it('conserves flow: the bands leaving or reaching a node fill exactly its height', () => {
    for (const code of ['55', '51', '23', '971', '2A']) {
      const input = inputs.get(code === '2A' ? '20' : code)!;
      for (const matrix of [input.departement.flows.exports, input.departement.flows.imports, input.france.flows.exports]) {
        const { nodes, links } = sankeyInput(matrix);
        const graph = positionSankey(nodes, links, { left: 150, right: 400, top: 2, bottom: 300, nodePadding: 6 });
        for (const node of graph.nodes) {
          const touching = graph.links.filter((link) => link.source === node.id || link.target === node.id);
          const bandHeight = touching.reduce((sum, link) => sum + link.width, 0);
          expect(bandHeight).toBeCloseTo(node.y1 - node.y0, 6);
        }
        expect(graph.links.reduce((sum, link) => sum + link.value, 0)).toBe(matrix.total);
      }
    }
  });

  it('keeps the matrix order with « Autres » last on both sides', () => {
    const input = inputs.get('55')!;
    const { nodes, links } = sankeyInput(input.departement.flows.exports);
    const graph = positionSankey(nodes, links, { left: 150, right: 400, top: 2, bottom: 300, nodePadding: 6 });
    for (const side of ['source', 'target'] as const) {
      const column = graph.nodes.filter((node) => node.side === side);
      const ys = column.map((node) => node.y0);
      expect([...ys].sort((a, b) => a - b)).toEqual(ys);
      expect(column[column.length - 1]!.id.endsWith(':AUTRES')).toBe(true);
    }
  });

  it('rejects a link to a node that is not in the matrix, without touching the input', () => {
    const matrix = structuredClone(inputs.get('55')!.departement.flows.exports);
    matrix.links.push({ source: 'NOPE', target: matrix.targets[0]!.code, value: 1, highlight: false });
    const before = JSON.stringify(matrix);
    expect(() => sankeyInput(matrix)).toThrow(/NOPE/);
    expect(JSON.stringify(matrix)).toBe(before);
  });

  it('spreads crowded labels apart within the chart', () => {
    const spread = spreadLabels([10, 11, 12, 95, 96], 9, 4.5, 95.5);
    for (let index = 1; index < spread.length; index++) expect(spread[index]! - spread[index - 1]!).toBeGreaterThanOrEqual(9 - 1e-9);
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(4.5);
    expect(Math.max(...spread)).toBeLessThanOrEqual(95.5);
  });

  it('is deterministic', () => {
    const input = inputs.get('23')!;
    for (const slug of CHART_SLUGS) {
      expect(JSON.stringify(buildChart(slug, input, measure).figure)).toBe(JSON.stringify(buildChart(slug, input, measure).figure));
    }
  });
});
