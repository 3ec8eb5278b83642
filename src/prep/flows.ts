/**
 * The Sankey matrices: the ten largest sources and the ten largest targets by name, everything
 * else gathered in « Autres » on its side, so that the links still add up to the flow total.
 */
import { MAX_NAMED_FLOW_NODES, OTHERS_CODE, type FlowMatrix } from '../core/schema.js';
import { byValueThenCode, sumBy } from './ranking.js';

export const TOP_NODES = MAX_NAMED_FLOW_NODES;
export const HIGHLIGHTED_LINKS = 5;
export const OTHERS_LABEL = 'Autres';

export type NodeKind = 'product' | 'country';

export interface Cell {
  source: string;
  target: string;
  value: number;
}

type Labeller = (code: string) => { code: string; label: string; shortLabel: string };

export function buildFlowMatrix(options: {
  cells: Iterable<Cell>;
  sourceKind: NodeKind;
  targetKind: NodeKind;
  labelSource: Labeller;
  labelTarget: Labeller;
}): FlowMatrix {
  // One pass for the totals of each code, one for the links between grouped codes: the whole of
  // France is hundreds of thousands of cells, so no array of pairs is built per cell.
  const cells: Cell[] = [];
  const sourceTotals = new Map<string, number>();
  const targetTotals = new Map<string, number>();
  for (const cell of options.cells) {
    if (!(cell.value > 0)) continue;
    cells.push(cell);
    sourceTotals.set(cell.source, (sourceTotals.get(cell.source) ?? 0) + cell.value);
    targetTotals.set(cell.target, (targetTotals.get(cell.target) ?? 0) + cell.value);
  }
  const sourceGroup = topGroup(sourceTotals);
  const targetGroup = topGroup(targetTotals);

  const linkValues = new Map<string, Map<string, number>>();
  const groupedSources = new Map<string, number>();
  const groupedTargets = new Map<string, number>();
  let total = 0;
  for (const cell of cells) {
    const source = sourceGroup(cell.source);
    const target = targetGroup(cell.target);
    let row = linkValues.get(source);
    if (!row) linkValues.set(source, (row = new Map<string, number>()));
    row.set(target, (row.get(target) ?? 0) + cell.value);
    groupedSources.set(source, (groupedSources.get(source) ?? 0) + cell.value);
    groupedTargets.set(target, (groupedTargets.get(target) ?? 0) + cell.value);
    total += cell.value;
  }

  const sourceOrder = nodeOrder(groupedSources);
  const targetOrder = nodeOrder(groupedTargets);
  const links = sourceOrder.flatMap((source) =>
    targetOrder
      .filter((target) => (linkValues.get(source)?.get(target) ?? 0) > 0)
      .map((target) => ({ source, target, value: linkValues.get(source)!.get(target)!, highlight: false })),
  );
  const highlighted = links
    .filter((link) => link.source !== OTHERS_CODE && link.target !== OTHERS_CODE)
    .sort((a, b) => b.value - a.value || compareCodes(a.source, b.source) || compareCodes(a.target, b.target))
    .slice(0, HIGHLIGHTED_LINKS);
  for (const link of highlighted) link.highlight = true;

  const nodes = (order: string[], side: 'source' | 'target', labeller: Labeller) => {
    const values = sumBy(links.map((link) => [link[side], link.value]));
    return order.map((code) => ({
      ...(code === OTHERS_CODE ? { code, label: OTHERS_LABEL, shortLabel: OTHERS_LABEL } : labeller(code)),
      value: values.get(code) ?? 0,
    }));
  };

  return {
    sourceKind: options.sourceKind,
    targetKind: options.targetKind,
    total,
    sources: nodes(sourceOrder, 'source', options.labelSource),
    targets: nodes(targetOrder, 'target', options.labelTarget),
    links,
  };
}

/** Maps a code to itself when it is among the ten largest, else to « Autres ». */
function topGroup(totals: Map<string, number>): (code: string) => string {
  const top = new Set(
    [...totals]
      .map(([code, value]) => ({ code, value }))
      .sort(byValueThenCode)
      .slice(0, TOP_NODES)
      .map((entry) => entry.code),
  );
  return (code) => (top.has(code) ? code : OTHERS_CODE);
}

/** Named nodes largest first, « Autres » last. */
function nodeOrder(totals: Map<string, number>): string[] {
  const ranked = [...totals].map(([code, value]) => ({ code, value })).sort(byValueThenCode).map((e) => e.code);
  return [...ranked.filter((code) => code !== OTHERS_CODE), ...ranked.filter((code) => code === OTHERS_CODE)];
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
