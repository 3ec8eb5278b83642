/**
 * Activities imported and exported as one treemap: the imports block and the exports block side by
 * side, each as wide as its total, so that a compartment's area is proportional to its weight within
 * its flow and the two blocks show the overall balance.
 *
 * Every activity worth at least GROUP_SHARE of its flow gets a compartment that a reader can
 * identify: its percentage and name inside when they fit whole (the name over up to three lines,
 * the size stepped down to a legible floor), otherwise a number inside and the percentage and name
 * in the legend under the chart. The activities below GROUP_SHARE are one « Autres activités (n) »
 * compartment, so that no box is left that nobody can name. Nothing is ever cut by an ellipsis.
 */
import { hierarchy, treemap, treemapDice, treemapSquarify, type HierarchyRectangularNode } from 'd3-hierarchy';
import type { Activity } from '../schema';
import { chartUnit, formatChartPercent, formatInUnit } from '../format';
import type { Box, Figure, Label } from '../figure';
import { LINE_HEIGHT_RATIO, round2 } from '../figure';
import type { TextMeasurer } from '../text-measure';
import { wrapWhole } from './wrap-whole';

export interface TreemapOptions {
  width: number;
  /** Height of the compartments; the headers above and the legend below add to it. */
  height: number;
  fontSize: number;
  /** The smallest size a label inside a compartment may take (about 7 pt printed). */
  minFontSize: number;
  colors: { imports: string; exports: string; label: string; header: string; text: string; muted: string };
  measure: TextMeasurer;
}

type Flow = 'imports' | 'exports';

/** One compartment: an activity, or the activities below the threshold gathered. */
export interface Compartment {
  flow: Flow;
  name: string;
  share: number;
  value: number;
  grouped: number;
  box: Box;
  /** The labels drawn inside the box (percentage and name, or the legend number). */
  inside: Label[];
  /** The legend number when the percentage and name are in the legend. */
  key: number | null;
  /** The legend entry's labels. */
  legend: Label[];
}

export interface TreemapLayout {
  figure: Figure;
  compartments: Compartment[];
}

/** Activities below this share of their flow are gathered into one compartment. */
export const GROUP_SHARE = 0.03;

const HEADER_HEIGHT = 14;
const PADDING = 3;
const LEGEND = { gap: 8, columns: 3, columnGap: 10, swatch: 9, swatchGap: 3, rowGap: 2 } as const;

type Datum =
  | { kind: 'root'; children: Datum[] }
  | { kind: 'flow'; flow: Flow; children: Datum[] }
  | { kind: 'leaf'; flow: Flow; name: string; share: number; value: number; grouped: number };

export function layoutTreemap(
  activities: { imports: readonly Activity[]; exports: readonly Activity[] },
  totals: { imports: number; exports: number },
  options: TreemapOptions,
): Figure {
  return layoutTreemapCompartments(activities, totals, options).figure;
}

/**
 * Squarified tiling leaves a thin strip at the end of a narrow block now and then, too thin even for
 * a number: the next aspect ratio is tried then, and the first tiling that labels every compartment
 * of at least GROUP_SHARE is kept.
 */
const SQUARIFY_RATIOS = [(1 + Math.sqrt(5)) / 2, 1, 2.5, 4] as const;

export function layoutTreemapCompartments(
  activities: { imports: readonly Activity[]; exports: readonly Activity[] },
  totals: { imports: number; exports: number },
  options: TreemapOptions,
): TreemapLayout {
  let layout: TreemapLayout | undefined;
  for (const ratio of SQUARIFY_RATIOS) {
    layout = tiledTreemap(activities, totals, options, ratio);
    if (layout.compartments.every((compartment) => compartment.share < GROUP_SHARE || compartment.inside.length > 0)) break;
  }
  return layout!;
}

function tiledTreemap(
  activities: { imports: readonly Activity[]; exports: readonly Activity[] },
  totals: { imports: number; exports: number },
  options: TreemapOptions,
  ratio: number,
): TreemapLayout {
  const { width, height, fontSize, minFontSize, colors, measure } = options;
  const squarify = treemapSquarify.ratio(ratio);
  const flows: Datum[] = (['imports', 'exports'] as const)
    .filter((flow) => totals[flow] > 0)
    .map((flow) => ({ kind: 'flow' as const, flow, children: leaves(flow, activities[flow]) }));
  const root = hierarchy<Datum>({ kind: 'root', children: flows }, (datum) => ('children' in datum ? datum.children : undefined))
    .sum((datum) => (datum.kind === 'leaf' ? datum.value : 0))
    // Keep the data's order (largest first, the gathered tail last) and imports before exports.
    .sort(() => 0);
  const laidOut = treemap<Datum>()
    .size([width, height])
    .paddingInner(1)
    .tile((node, x0, y0, x1, y1) => (node.depth === 0 ? treemapDice(node, x0, y0, x1, y1) : squarify(node, x0, y0, x1, y1)))
    .round(false)(root);

  const boxes: Box[] = [];
  const labels: Label[] = [];
  const label = (text: string, x: number, y: number, align: Label['align'], color: string, weight: 400 | 700, size: number): Label => ({
    text,
    x: round2(x),
    y: round2(y),
    align,
    size,
    weight,
    color,
    width: round2(measure.width(text, size, weight)),
  });

  // Headers in a row of their own above the blocks, each at its block's outer edge and in its colour,
  // so that a narrow block's header is whole and never runs into the other's.
  const unit = chartUnit([totals.imports, totals.exports]);
  const headerY = HEADER_HEIGHT / 2;
  (laidOut.children ?? []).forEach((flowNode, index) => {
    const flow = (flowNode.data as Extract<Datum, { kind: 'flow' }>).flow;
    const text = `${flow === 'imports' ? 'Importations' : 'Exportations'} · ${formatInUnit(totals[flow], unit)}`;
    const atLeft = index === 0;
    labels.push(label(text, atLeft ? 0 : width, headerY, atLeft ? 'left' : 'right', flow === 'imports' ? colors.imports : colors.exports, 700, fontSize));
  });

  const compartments: Compartment[] = [];
  for (const leaf of laidOut.leaves() as HierarchyRectangularNode<Datum>[]) {
    // Without trade, the root or a flow without activities is a leaf of the hierarchy: nothing to draw.
    if (leaf.data.kind !== 'leaf') continue;
    const datum = leaf.data;
    // The smallest activities can end up thinner than the padding between compartments: nothing to draw.
    if (leaf.x1 - leaf.x0 < 0.25 || leaf.y1 - leaf.y0 < 0.25) continue;
    const box: Box = {
      x: round2(leaf.x0),
      y: round2(leaf.y0 + HEADER_HEIGHT),
      width: round2(leaf.x1 - leaf.x0),
      height: round2(leaf.y1 - leaf.y0),
      fill: datum.flow === 'imports' ? colors.imports : colors.exports,
    };
    boxes.push(box);
    compartments.push({ flow: datum.flow, name: datum.name, share: datum.share, value: datum.value, grouped: datum.grouped, box, inside: [], key: null, legend: [] });
  }

  // Percentage and name inside, at the first size that holds them whole.
  const sizes = [fontSize, ...(minFontSize < fontSize ? [minFontSize] : [])];
  const needKey: Compartment[] = [];
  for (const compartment of compartments) {
    const placed = insideLabels(compartment, sizes);
    if (placed) compartment.inside = placed;
    else needKey.push(compartment);
  }
  // The others by number, largest first, numbered across both blocks so that no number is used twice.
  let next = 1;
  for (const compartment of needKey.sort((a, b) => (a.flow === b.flow ? 0 : a.flow === 'imports' ? -1 : 1))) {
    const key = String(next);
    const size = minFontSize;
    const { box } = compartment;
    const keyWidth = measure.width(key, size, 700);
    if (keyWidth + 2 > box.width || size * LINE_HEIGHT_RATIO > box.height) continue;
    const x = box.width >= keyWidth + 2 * PADDING ? box.x + PADDING : box.x + (box.width - keyWidth) / 2;
    const y = box.height >= size * LINE_HEIGHT_RATIO + 2 * PADDING ? box.y + PADDING + (size * LINE_HEIGHT_RATIO) / 2 : box.y + box.height / 2;
    compartment.inside = [label(key, x, y, 'left', colors.label, 700, size)];
    // Where a second line fits, the percentage too, so that the box reads without the legend.
    const percent = formatChartPercent(compartment.share);
    const lineHeight = size * LINE_HEIGHT_RATIO;
    if (box.height >= 2 * lineHeight + 2 * PADDING && measure.width(percent, size, 400) <= box.width - 2 * PADDING) {
      compartment.inside.push(label(percent, box.x + PADDING, y + lineHeight, 'left', colors.label, 400, size));
    }
    compartment.key = next++;
  }

  const legendHeight = placeLegend(compartments.filter((compartment) => compartment.key !== null));
  for (const compartment of compartments) labels.push(...compartment.inside, ...compartment.legend);

  const figureHeight = round2(HEADER_HEIGHT + height + (legendHeight > 0 ? LEGEND.gap + legendHeight : 0));
  const describe = (flow: Flow): string =>
    activities[flow]
      .slice(0, 5)
      .map((activity) => `${activity.label} ${formatChartPercent(activity.share)}`)
      .join(', ');
  return {
    figure: {
      width,
      height: figureHeight,
      paths: [],
      boxes,
      labels,
      desc: `Importations (${formatInUnit(totals.imports, unit)}) : ${describe('imports')}. Exportations (${formatInUnit(totals.exports, unit)}) : ${describe('exports')}.`,
    },
    compartments,
  };

  function insideLabels(compartment: Compartment, candidates: readonly number[]): Label[] | null {
    const { box } = compartment;
    const innerWidth = box.width - 2 * PADDING;
    const innerHeight = box.height - 2 * PADDING;
    const percent = formatChartPercent(compartment.share);
    for (const size of candidates) {
      const lineHeight = size * LINE_HEIGHT_RATIO;
      const nameLines = Math.min(3, Math.floor(innerHeight / lineHeight) - 1);
      if (nameLines < 1 || measure.width(percent, size, 700) > innerWidth) continue;
      const name = wrapWhole(measure, compartment.name, size, innerWidth, nameLines);
      if (!name) continue;
      let y = box.y + PADDING + lineHeight / 2;
      const placed = [label(percent, box.x + PADDING, y, 'left', colors.label, 700, size)];
      for (const line of name) {
        y += lineHeight;
        placed.push(label(line, box.x + PADDING, y, 'left', colors.label, 400, size));
      }
      return placed;
    }
    return null;
  }

  /** The legend in columns under the blocks, row by row, imports first; returns its height. */
  function placeLegend(keyed: readonly Compartment[]): number {
    if (keyed.length === 0) return 0;
    const size = fontSize;
    const lineHeight = size * LINE_HEIGHT_RATIO;
    const columnWidth = (width - (LEGEND.columns - 1) * LEGEND.columnGap) / LEGEND.columns;
    const textLeft = LEGEND.swatch + LEGEND.swatchGap;
    let top = HEADER_HEIGHT + height + LEGEND.gap;
    for (let start = 0; start < keyed.length; start += LEGEND.columns) {
      let rowHeight: number = LEGEND.swatch;
      keyed.slice(start, start + LEGEND.columns).forEach((compartment, column) => {
        const left = column * (columnWidth + LEGEND.columnGap);
        const percent = formatChartPercent(compartment.share);
        const percentWidth = measure.width(percent, size, 700);
        const room = columnWidth - textLeft - percentWidth - 4;
        const name = wrapWhole(measure, compartment.name, size, room, 3) ?? measure.wrap(compartment.name, size, columnWidth - textLeft, 3);
        const swatch: Box = { x: round2(left), y: round2(top + (lineHeight - LEGEND.swatch) / 2), width: LEGEND.swatch, height: LEGEND.swatch, fill: compartment.box.fill };
        boxes.push(swatch);
        const key = String(compartment.key);
        const keySize = Math.min(minFontSize, size);
        compartment.legend.push(label(key, swatch.x + swatch.width / 2, top + lineHeight / 2, 'center', colors.label, 700, keySize));
        name.forEach((line, index) => compartment.legend.push(label(line, left + textLeft, top + lineHeight / 2 + index * lineHeight, 'left', colors.text, 400, size)));
        const lastWidth = measure.width(name[name.length - 1] ?? '', size, 400);
        compartment.legend.push(label(percent, left + textLeft + lastWidth + 4, top + lineHeight / 2 + (name.length - 1) * lineHeight, 'left', colors.muted, 700, size));
        rowHeight = Math.max(rowHeight, name.length * lineHeight);
      });
      top += rowHeight + LEGEND.rowGap;
    }
    return top - LEGEND.rowGap - (HEADER_HEIGHT + height + LEGEND.gap);
  }
}

/** A flow's compartments: each activity at or above GROUP_SHARE, then the rest as one. */
function leaves(flow: Flow, activities: readonly Activity[]): Datum[] {
  const drawn = activities.filter((activity) => activity.value > 0);
  const named = drawn.filter((activity) => activity.share >= GROUP_SHARE);
  const tail = drawn.filter((activity) => activity.share < GROUP_SHARE);
  const leaf = (activity: Activity): Datum => ({ kind: 'leaf', flow, name: activity.shortLabel, share: activity.share, value: activity.value, grouped: 1 });
  // A single activity below the threshold keeps its own name: « Autres activités (1) » would hide it.
  if (tail.length <= 1) return drawn.map(leaf);
  return [
    ...named.map(leaf),
    {
      kind: 'leaf',
      flow,
      name: `Autres activités (${tail.length})`,
      share: tail.reduce((sum, activity) => sum + activity.share, 0),
      value: tail.reduce((sum, activity) => sum + activity.value, 0),
      grouped: tail.length,
    },
  ];
}
