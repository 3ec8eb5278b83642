/**
 * A chart as plain geometry: rectangles, filled paths and single-line labels, all in the chart's
 * own coordinates. Layouts produce figures; templates turn them into Satori elements; tests check
 * their invariants (within bounds, no overlapping labels) without drawing anything.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
}

/** A filled SVG path (Sankey bands); drawn beneath boxes and labels. */
export interface FilledPath {
  d: string;
  fill: string;
  opacity: number;
}

export interface Label {
  text: string;
  /** Anchor point: x is the left edge, the centre or the right edge depending on `align`; y is the line's vertical centre. */
  x: number;
  y: number;
  align: 'left' | 'center' | 'right';
  size: number;
  weight: 400 | 700;
  color: string;
  /** Measured width of the text, used for bounds and overlap checks. */
  width: number;
}

export interface Figure {
  width: number;
  height: number;
  paths: FilledPath[];
  boxes: Box[];
  labels: Label[];
  /** Accessible description: the chart's main figures (its title belongs to the chart, see templates/charts). */
  desc: string;
}

export const LINE_HEIGHT_RATIO = 1.2;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function labelRect(label: Label): Rect {
  const height = label.size * LINE_HEIGHT_RATIO;
  const left = label.align === 'left' ? label.x : label.align === 'right' ? label.x - label.width : label.x - label.width / 2;
  return { x: left, y: label.y - height / 2, width: label.width, height };
}

export function rectsOverlap(a: Rect, b: Rect, tolerance = 0.01): boolean {
  return (
    a.x < b.x + b.width - tolerance &&
    b.x < a.x + a.width - tolerance &&
    a.y < b.y + b.height - tolerance &&
    b.y < a.y + a.height - tolerance
  );
}

export function rectWithin(inner: Rect, width: number, height: number, tolerance = 0.01): boolean {
  return (
    inner.x >= -tolerance &&
    inner.y >= -tolerance &&
    inner.x + inner.width <= width + tolerance &&
    inner.y + inner.height <= height + tolerance
  );
}

/** Rounds coordinates so that the output does not depend on float noise and stays small. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
