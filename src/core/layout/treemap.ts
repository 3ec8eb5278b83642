/**
 * Activities imported and exported as one treemap: the imports block and the exports block side by
 * side, each as wide as its total, so that a compartment's area is proportional to its weight within
 * its flow and the two blocks show the overall balance. Labels are drawn only where they fit.
 */
import { hierarchy, treemap, treemapDice, treemapSquarify, type HierarchyRectangularNode } from 'd3-hierarchy';
import type { Activity } from '../schema';
import { formatCompactEuros, formatMillions, formatPercent } from '../format';
import type { Box, Figure, Label } from '../figure';
import { LINE_HEIGHT_RATIO, round2 } from '../figure';
import type { TextMeasurer } from '../text-measure';

export interface TreemapOptions {
  width: number;
  height: number;
  fontSize: number;
  colors: { imports: string; exports: string; label: string; header: string };
  measure: TextMeasurer;
}

type Datum =
  | { kind: 'root'; children: Datum[] }
  | { kind: 'flow'; flow: 'imports' | 'exports'; total: number; children: Datum[] }
  | { kind: 'activity'; flow: 'imports' | 'exports'; activity: Activity };

const HEADER_HEIGHT = 14;
const PADDING = 3;

export function layoutTreemap(
  activities: { imports: readonly Activity[]; exports: readonly Activity[] },
  totals: { imports: number; exports: number },
  options: TreemapOptions,
): Figure {
  const { width, height, fontSize, colors, measure } = options;
  const flows: Datum[] = (['imports', 'exports'] as const)
    .filter((flow) => totals[flow] > 0)
    .map((flow) => ({
      kind: 'flow' as const,
      flow,
      total: totals[flow],
      children: activities[flow].filter((activity) => activity.value > 0).map((activity) => ({ kind: 'activity' as const, flow, activity })),
    }));
  const root = hierarchy<Datum>({ kind: 'root', children: flows }, (datum) => ('children' in datum ? datum.children : undefined))
    .sum((datum) => (datum.kind === 'activity' ? datum.activity.value : 0))
    // Keep the data's order (largest first) and imports before exports, whatever the values.
    .sort(() => 0);

  const layout = treemap<Datum>()
    .size([width, height])
    .paddingInner(1)
    .paddingTop((node) => (node.depth === 1 ? HEADER_HEIGHT : 0))
    .tile((node, x0, y0, x1, y1) => (node.depth === 0 ? treemapDice(node, x0, y0, x1, y1) : treemapSquarify(node, x0, y0, x1, y1)))
    .round(false);
  const laidOut = layout(root);

  const boxes: Box[] = [];
  const labels: Label[] = [];
  const lineHeight = fontSize * LINE_HEIGHT_RATIO;
  const push = (text: string, x: number, y: number, align: Label['align'], color: string, weight: 400 | 700, size = fontSize): void => {
    labels.push({ text, x: round2(x), y: round2(y), align, size, weight, color, width: round2(measure.width(text, size, weight)) });
  };

  for (const flowNode of laidOut.children ?? []) {
    const datum = flowNode.data as Extract<Datum, { kind: 'flow' }>;
    const header = `${datum.flow === 'imports' ? 'Importations' : 'Exportations'} · ${formatMillions(datum.total)}\u202fM€`;
    const headerWidth = flowNode.x1 - flowNode.x0 - 2;
    const fitted = measure.wrap(header, fontSize, headerWidth, 1, 700)[0];
    if (fitted) push(fitted, flowNode.x0 + 1, flowNode.y0 + HEADER_HEIGHT / 2, 'left', colors.header, 700);
    for (const leaf of flowNode.leaves() as HierarchyRectangularNode<Datum>[]) {
      const activity = (leaf.data as Extract<Datum, { kind: 'activity' }>).activity;
      const fill = datum.flow === 'imports' ? colors.imports : colors.exports;
      // The smallest activities can end up thinner than the padding between compartments: nothing to draw.
      if (leaf.x1 - leaf.x0 < 0.25 || leaf.y1 - leaf.y0 < 0.25) continue;
      boxes.push({ x: round2(leaf.x0), y: round2(leaf.y0), width: round2(leaf.x1 - leaf.x0), height: round2(leaf.y1 - leaf.y0), fill });
      placeLeafLabel(leaf, activity);
    }
  }

  function placeLeafLabel(leaf: HierarchyRectangularNode<Datum>, activity: Activity): void {
    const innerWidth = leaf.x1 - leaf.x0 - 2 * PADDING;
    const innerHeight = leaf.y1 - leaf.y0 - 2 * PADDING;
    const availableLines = Math.floor(innerHeight / lineHeight);
    if (availableLines < 2 || innerWidth < 16) return;
    const share = formatPercent(activity.share);
    if (measure.width(share, fontSize, 700) > innerWidth) return;
    const nameLines = measure.wrap(activity.shortLabel, fontSize, innerWidth, Math.min(3, availableLines - 1));
    // A name cut down to one line and an ellipsis (« Parfums… ») says too little: leave it out.
    if (nameLines.length === 0 || (nameLines.length === 1 && nameLines[0]!.endsWith('…'))) return;
    let y = leaf.y0 + PADDING + lineHeight / 2;
    push(share, leaf.x0 + PADDING, y, 'left', colors.label, 700);
    for (const line of nameLines) {
      y += lineHeight;
      push(line, leaf.x0 + PADDING, y, 'left', colors.label, 400);
    }
  }

  const describe = (flow: 'imports' | 'exports'): string =>
    activities[flow]
      .slice(0, 5)
      .map((activity) => `${activity.label} ${formatPercent(activity.share)}`)
      .join(', ');
  return {
    width,
    height,
    paths: [],
    boxes,
    labels,
    desc: `Importations (${formatCompactEuros(totals.imports)}) : ${describe('imports')}. Exportations (${formatCompactEuros(totals.exports)}) : ${describe('exports')}.`,
  };
}
