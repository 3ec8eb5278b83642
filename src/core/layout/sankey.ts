/**
 * A flow matrix as a two-column Sankey. d3-sankey mutates its input and throws on unknown ids, so
 * the wrapper validates and copies first; node ids carry their side (`s:`/`t:`) so a product and a
 * country with the same code never collide; the matrix order is kept (« Autres » last).
 */
import { sankey } from 'd3-sankey';
import type { FlowMatrix } from '../schema';
import { chartUnit, formatInUnit, type EuroUnit } from '../format';
import { wrapWhole } from './wrap-whole';
import type { Box, FilledPath, Figure, Label } from '../figure';
import { LINE_HEIGHT_RATIO, round2 } from '../figure';
import type { TextMeasurer } from '../text-measure';

export interface SankeyOptions {
  width: number;
  height: number;
  fontSize: number;
  colors: { node: string; flow: string; highlight: string; text: string; muted: string };
  measure: TextMeasurer;
}

export interface NodeDatum {
  id: string;
  side: 'source' | 'target';
  label: string;
  value: number;
}
export interface LinkDatum {
  source: string;
  target: string;
  value: number;
  highlight: boolean;
}

const NODE_WIDTH = 8;
const LABEL_GAP = 4;
const VALUE_GAP = 3;
const MAX_COLUMN_SHARE = 0.34;

export class FlowMatrixError extends Error {}

export function layoutSankey(matrix: FlowMatrix, options: SankeyOptions): Figure {
  const { width, height, fontSize, colors, measure } = options;
  const { nodes, links } = sankeyInput(matrix);
  const lineHeight = fontSize * LINE_HEIGHT_RATIO;
  const sideCount = Math.max(1, ...(['source', 'target'] as const).map((side) => nodes.filter((node) => node.side === side).length));
  const unit: EuroUnit = chartUnit(nodes.map((node) => node.value));
  const valueTexts = new Map(nodes.map((node) => [node.id, formatInUnit(node.value, unit)]));
  const valueText = (node: NodeDatum): string => valueTexts.get(node.id)!;
  const valueWidths = new Map(nodes.map((node) => [node.id, measure.width(valueText(node), fontSize)]));
  const oneLine = (node: NodeDatum): number => measure.width(node.label, fontSize, 700) + VALUE_GAP + valueWidths.get(node.id)!;
  // A column is as wide as its longest one-line label, up to a third of the chart; longer names wrap.
  const columnWidth = (side: 'source' | 'target'): number =>
    Math.min(Math.max(0, ...nodes.filter((node) => node.side === side).map(oneLine)) + LABEL_GAP + 3, width * MAX_COLUMN_SHARE);
  const left = columnWidth('source');
  const right = columnWidth('target');
  const nameLines = (node: NodeDatum): string[] => {
    const room = (node.side === 'source' ? left : right) - LABEL_GAP - VALUE_GAP - valueWidths.get(node.id)! - 1;
    for (let lines = 1; lines <= 3; lines++) {
      const wrapped = wrapWhole(measure, node.label, fontSize, room, lines, 700);
      if (wrapped) return wrapped;
    }
    // A word wider than the column: keep the whole name over as many lines as it takes.
    return measure.wrap(node.label, fontSize, Math.max(room, measure.width(node.label, fontSize, 700) / 6), 6, 700);
  };
  const nodePadding = Math.max(2, Math.min(10, (height - 8 - sideCount * 1) / Math.max(1, sideCount - 1) / 3));

  const graph = positionSankey(nodes, links, { left, right: width - right, top: 2, bottom: height - 2, nodePadding });

  const paths: FilledPath[] = [];
  const ordered = [...graph.links].sort((a, b) => Number(a.highlight) - Number(b.highlight));
  for (const link of ordered) {
    paths.push({ d: bandPath(link.x0, link.y0, link.x1, link.y1, link.width), fill: link.highlight ? colors.highlight : colors.flow, opacity: link.highlight ? 0.8 : 0.35 });
  }

  const boxes: Box[] = graph.nodes.map((node) => ({
    x: round2(node.x0),
    y: round2(node.y0),
    width: round2(node.x1 - node.x0),
    height: round2(Math.max(0.5, node.y1 - node.y0)),
    fill: colors.node,
  }));

  const labels: Label[] = [];
  for (const side of ['source', 'target'] as const) {
    const sideNodes = graph.nodes.filter((node) => node.side === side);
    const names = sideNodes.map(nameLines);
    const heights = names.map((lines) => lines.length * lineHeight);
    const centres = spreadBlocks(
      sideNodes.map((node) => (node.y0 + node.y1) / 2),
      heights,
      0,
      height,
    );
    sideNodes.forEach((node, index) => {
      const lines = names[index]!;
      const centre = centres[index]!;
      const value = valueText(node);
      const valueWidth = valueWidths.get(node.id)!;
      // The amount sits on the name's last line, next to the node, as a one-line label has it.
      const lineY = (line: number): number => round2(centre + (line - (lines.length - 1) / 2) * lineHeight);
      const valueY = lineY(lines.length - 1);
      if (side === 'source') {
        const anchor = node.x0 - LABEL_GAP;
        labels.push({ text: value, x: round2(anchor), y: valueY, align: 'right', size: fontSize, weight: 400, color: colors.muted, width: round2(valueWidth) });
        lines.forEach((line, number) => {
          const nameRight = number === lines.length - 1 ? anchor - valueWidth - VALUE_GAP : anchor;
          labels.push({ text: line, x: round2(nameRight), y: lineY(number), align: 'right', size: fontSize, weight: 700, color: colors.text, width: round2(measure.width(line, fontSize, 700)) });
        });
      } else {
        const anchor = node.x1 + LABEL_GAP;
        lines.forEach((line, number) => {
          labels.push({ text: line, x: round2(anchor), y: lineY(number), align: 'left', size: fontSize, weight: 700, color: colors.text, width: round2(measure.width(line, fontSize, 700)) });
        });
        const lastWidth = measure.width(lines[lines.length - 1]!, fontSize, 700);
        labels.push({ text: value, x: round2(anchor + lastWidth + VALUE_GAP), y: valueY, align: 'left', size: fontSize, weight: 400, color: colors.muted, width: round2(valueWidth) });
      }
    });
  }

  const top = matrix.links
    .filter((link) => link.highlight)
    .map((link) => {
      const source = matrix.sources.find((node) => node.code === link.source)!;
      const target = matrix.targets.find((node) => node.code === link.target)!;
      return `${source.label} → ${target.label} ${formatInUnit(link.value, unit)}`;
    })
    .join(' ; ');
  return {
    width,
    height,
    paths,
    boxes,
    labels,
    desc: `Total ${formatInUnit(matrix.total, unit)}. Principaux flux : ${top}.`,
  };
}

/** The matrix as d3-sankey nodes and links, validated, sides prefixed, unlinked nodes left out. */
export function sankeyInput(matrix: FlowMatrix): { nodes: NodeDatum[]; links: LinkDatum[] } {
  const sourceIds = new Set(matrix.sources.map((node) => node.code));
  const targetIds = new Set(matrix.targets.map((node) => node.code));
  for (const link of matrix.links) {
    if (!sourceIds.has(link.source) || !targetIds.has(link.target)) {
      throw new FlowMatrixError(`flow link ${link.source} → ${link.target} names a node missing from the matrix`);
    }
  }
  const linkedSources = new Set(matrix.links.map((link) => link.source));
  const linkedTargets = new Set(matrix.links.map((link) => link.target));
  const nodes: NodeDatum[] = [
    ...matrix.sources.filter((node) => linkedSources.has(node.code)).map((node) => ({ id: 's:' + node.code, side: 'source' as const, label: node.shortLabel, value: node.value })),
    ...matrix.targets.filter((node) => linkedTargets.has(node.code)).map((node) => ({ id: 't:' + node.code, side: 'target' as const, label: node.shortLabel, value: node.value })),
  ];
  const links: LinkDatum[] = matrix.links.map((link) => ({ source: 's:' + link.source, target: 't:' + link.target, value: link.value, highlight: link.highlight }));

  return { nodes, links };
}

export interface PositionedNode extends NodeDatum {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
export interface PositionedLink extends LinkDatum {
  /** Where the band leaves its source and reaches its target, at the band's centre line. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  width: number;
}

/**
 * The node and link objects d3-sankey lays out, written as literals with every field it sets, in
 * one order: V8 then gives all of them one fixed shape. Spread copies that d3 grew field by field
 * ran about ten times slower. Links point at their node objects, so d3 looks no id up.
 */
interface D3Node {
  id: string;
  side: NodeDatum['side'];
  label: string;
  value: number;
  index: number;
  sourceLinks: D3Link[];
  targetLinks: D3Link[];
  depth: number;
  height: number;
  layer: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
interface D3Link {
  source: D3Node;
  target: D3Node;
  value: number;
  highlight: boolean;
  index: number;
  y0: number;
  y1: number;
  width: number;
}

/** d3-sankey on copies of the nodes and links, in the given order; exported for the conservation tests. */
export function positionSankey(
  nodes: readonly NodeDatum[],
  links: readonly LinkDatum[],
  box: { left: number; right: number; top: number; bottom: number; nodePadding: number },
): { nodes: PositionedNode[]; links: PositionedLink[] } {
  // A flow without trade: d3-sankey cannot lay out an empty graph, and there is nothing to draw.
  if (nodes.length === 0) return { nodes: [], links: [] };
  const generator = sankey<D3Node, D3Link>()
    .nodeWidth(NODE_WIDTH)
    .nodePadding(box.nodePadding)
    .nodeSort(null as never)
    .linkSort(null as never)
    // Relaxation moves nodes towards their links' centres; with the order fixed and both columns
    // filled to the extent it changes nothing here (same figures for every département), at a cost.
    .iterations(0)
    .extent([
      [box.left, box.top],
      [box.right, box.bottom],
    ]);
  const d3Nodes: D3Node[] = [];
  const byId = new Map<string, D3Node>();
  for (const node of nodes) {
    const d3Node: D3Node = { id: node.id, side: node.side, label: node.label, value: node.value, index: 0, sourceLinks: [], targetLinks: [], depth: 0, height: 0, layer: 0, x0: 0, x1: 0, y0: 0, y1: 0 };
    d3Nodes.push(d3Node);
    byId.set(node.id, d3Node);
  }
  const d3Links: D3Link[] = links.map((link) => ({ source: nodeOf(byId, link.source), target: nodeOf(byId, link.target), value: link.value, highlight: link.highlight, index: 0, y0: 0, y1: 0, width: 0 }));
  const graph = generator({ nodes: d3Nodes, links: d3Links } as never) as unknown as { nodes: D3Node[]; links: D3Link[] };
  return {
    nodes: graph.nodes.map((node) => ({ id: node.id, side: node.side, label: node.label, value: node.value, x0: node.x0, x1: node.x1, y0: node.y0, y1: node.y1 })),
    links: graph.links.map((link) => ({
      source: link.source.id,
      target: link.target.id,
      value: link.value,
      highlight: link.highlight,
      x0: link.source.x1,
      x1: link.target.x0,
      y0: link.y0,
      y1: link.y1,
      width: link.width,
    })),
  };
}

function nodeOf(byId: ReadonlyMap<string, D3Node>, id: string): D3Node {
  const node = byId.get(id);
  if (!node) throw new FlowMatrixError(`flow link names the unknown node ${id}`);
  return node;
}

/** A link as a filled band, so that every output (SVG, PNG, PDF) draws it the same way without strokes. */
function bandPath(x0: number, y0: number, x1: number, y1: number, bandWidth: number): string {
  const half = bandWidth / 2;
  const middle = (x0 + x1) / 2;
  const r = round2;
  return (
    `M${r(x0)},${r(y0 - half)}C${r(middle)},${r(y0 - half)} ${r(middle)},${r(y1 - half)} ${r(x1)},${r(y1 - half)}` +
    `L${r(x1)},${r(y1 + half)}C${r(middle)},${r(y1 + half)} ${r(middle)},${r(y0 + half)} ${r(x0)},${r(y0 + half)}Z`
  );
}

/**
 * Moves label centres apart to at least `spacing`, as little as possible, within [min, max]:
 * a forward pass pushes down, a backward pass pulls back up from the bottom edge.
 */
export function spreadLabels(centres: readonly number[], spacing: number, min: number, max: number): number[] {
  return spreadBlocks(centres, centres.map(() => spacing), min - spacing / 2, max + spacing / 2);
}

/**
 * Moves labels of different heights apart so that none overlaps the next, as little as possible,
 * within [min, max]: the same two passes as spreadLabels, on block edges instead of centres.
 */
export function spreadBlocks(centres: readonly number[], heights: readonly number[], min: number, max: number): number[] {
  const tops = centres.map((centre, index) => Math.min(max - heights[index]!, Math.max(min, centre - heights[index]! / 2)));
  for (let index = 1; index < tops.length; index++) tops[index] = Math.max(tops[index]!, tops[index - 1]! + heights[index - 1]!);
  const lastIndex = tops.length - 1;
  if (lastIndex >= 0 && tops[lastIndex]! + heights[lastIndex]! > max) tops[lastIndex] = max - heights[lastIndex]!;
  for (let index = lastIndex - 1; index >= 0; index--) tops[index] = Math.min(tops[index]!, tops[index + 1]! - heights[index]!);
  return tops.map((top, index) => top + heights[index]! / 2);
}
