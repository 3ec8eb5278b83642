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
  const sourceIds = new Map<string, number>();
  const targetIds = new Map<string, number>();
  const idOf = (ids: Map<string, number>, code: string) => ids.get(code) ?? ids.set(code, ids.size).get(code)!;
  const cells = [...options.cells];
  const source = Int32Array.from(cells, (cell) => idOf(sourceIds, cell.source));
  const target = Int32Array.from(cells, (cell) => idOf(targetIds, cell.target));
  return buildFlowMatrixFromIds({
    ...options,
    cells: { source, target, value: Float64Array.from(cells, (cell) => cell.value), count: cells.length },
    sourceCodes: [...sourceIds.keys()],
    targetCodes: [...targetIds.keys()],
  });
}

/** Cells as parallel arrays of code ids (indexes into the code lists) and values. */
export interface IdCells {
  source: Int32Array;
  target: Int32Array;
  value: Float64Array;
  count: number;
}

/**
 * The same from code ids: the whole of France is hundreds of thousands of cells, so each is
 * visited twice with array indexing only (totals per code, then the 11 × 11 grouped links), and
 * strings are compared only to rank the codes.
 */
export function buildFlowMatrixFromIds(options: {
  cells: IdCells;
  sourceCodes: readonly string[];
  targetCodes: readonly string[];
  sourceKind: NodeKind;
  targetKind: NodeKind;
  labelSource: Labeller;
  labelTarget: Labeller;
}): FlowMatrix {
  // The arrays in locals: the loops run over every cell of France, and V8 does not hoist the loads.
  const { source, target, value: values, count } = options.cells;
  const sourceTotals = new Float64Array(options.sourceCodes.length);
  const targetTotals = new Float64Array(options.targetCodes.length);
  for (let i = 0; i < count; i += 1) {
    const value = values[i];
    if (!(value > 0)) continue;
    sourceTotals[source[i]] += value;
    targetTotals[target[i]] += value;
  }
  const sourceGroups = topGroups(sourceTotals, options.sourceCodes);
  const targetGroups = topGroups(targetTotals, options.targetCodes);
  const width = targetGroups.codes.length;
  const grouped = new Float64Array(sourceGroups.codes.length * width);
  const sourceGroupOf = sourceGroups.groupOf;
  const targetGroupOf = targetGroups.groupOf;
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    const value = values[i];
    if (!(value > 0)) continue;
    grouped[sourceGroupOf[source[i]] * width + targetGroupOf[target[i]]] += value;
    total += value;
  }

  const linkValues = new Map<string, Map<string, number>>();
  const groupedSources = new Map<string, number>();
  const groupedTargets = new Map<string, number>();
  sourceGroups.codes.forEach((source, row) => {
    targetGroups.codes.forEach((target, column) => {
      const value = grouped[row * width + column];
      if (value === 0) return;
      let values = linkValues.get(source);
      if (!values) linkValues.set(source, (values = new Map<string, number>()));
      values.set(target, value);
      groupedSources.set(source, (groupedSources.get(source) ?? 0) + value);
      groupedTargets.set(target, (groupedTargets.get(target) ?? 0) + value);
    });
  });

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

/**
 * The ten largest codes each in a group of its own, every other code with a value in « Autres » (the last group).
 * The ten are picked in one pass over the flow's codes, where sorting all of them (hundreds of
 * CPF4 codes for each of the 116 documents) was most of the time spent on a matrix.
 */
function topGroups(totals: Float64Array, codes: readonly string[]): { groupOf: Int32Array; codes: string[] } {
  const top: { id: number; code: string; value: number }[] = [];
  for (let id = 0; id < totals.length; id += 1) {
    const value = totals[id];
    if (!(value > 0)) continue;
    if (top.length === TOP_NODES) {
      // Codes are unique, so the ranking is a total order: a code is in or out, never tied.
      const last = top[TOP_NODES - 1];
      if (value < last.value || (value === last.value && codes[id] > last.code)) continue;
    }
    const entry = { id, code: codes[id], value };
    let at = top.length;
    while (at > 0 && byValueThenCode(entry, top[at - 1]) < 0) at -= 1;
    top.splice(at, 0, entry);
    if (top.length > TOP_NODES) top.pop();
  }
  const groupOf = new Int32Array(codes.length).fill(top.length);
  top.forEach((entry, group) => {
    groupOf[entry.id] = group;
  });
  return { groupOf, codes: [...top.map((entry) => entry.code), OTHERS_CODE] };
}

/** Named nodes largest first, « Autres » last. */
function nodeOrder(totals: Map<string, number>): string[] {
  const ranked = [...totals].map(([code, value]) => ({ code, value })).sort(byValueThenCode).map((e) => e.code);
  return [...ranked.filter((code) => code !== OTHERS_CODE), ...ranked.filter((code) => code === OTHERS_CODE)];
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
