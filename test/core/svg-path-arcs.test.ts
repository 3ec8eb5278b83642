/**
 * Arcs and smooth curves of SVG paths in PDF operators, checked against centres, radii and
 * directions worked out by hand for each case.
 */
import { describe, expect, it } from 'vitest';
import { n, svgPathToPdf } from '../../src/core/svg-path-to-pdf';

interface Segment {
  op: string;
  values: number[];
}

function parse(ops: string): Segment[] {
  return ops.split('\n').map((line) => {
    const parts = line.split(' ');
    return { op: parts.at(-1)!, values: parts.slice(0, -1).map(Number) };
  });
}

/** Points along each cubic of an arc path that starts with a moveto. */
function arcPoints(ops: string): { points: [number, number][]; cubics: number; end: number[] } {
  const segments = parse(ops);
  expect(segments[0]!.op).toBe('m');
  let from = segments[0]!.values as [number, number];
  const points: [number, number][] = [];
  for (const segment of segments.slice(1)) {
    expect(segment.op).toBe('c');
    const [x1, y1, x2, y2, x3, y3] = segment.values as [number, number, number, number, number, number];
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      const u = 1 - t;
      points.push([
        u * u * u * from[0] + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
        u * u * u * from[1] + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
      ]);
    }
    from = [x3, y3];
  }
  return { points, cubics: segments.length - 1, end: from };
}

/** How far a point is off the ellipse of centre c, radii rx, ry, x-axis turned by `degrees`, in units of radius. */
function offEllipse([x, y]: [number, number], [cx, cy]: [number, number], rx: number, ry: number, degrees = 0): number {
  const phi = (degrees * Math.PI) / 180;
  const u = (Math.cos(phi) * (x - cx) + Math.sin(phi) * (y - cy)) / rx;
  const v = (-Math.sin(phi) * (x - cx) + Math.cos(phi) * (y - cy)) / ry;
  return Math.abs(Math.hypot(u, v) - 1);
}

function expectArc(ops: string, expected: { centre: [number, number]; rx: number; ry: number; degrees?: number; cubics: number; end: [number, number] }) {
  const { points, cubics, end } = arcPoints(ops);
  expect(cubics).toBe(expected.cubics);
  expect(end).toEqual(expected.end);
  for (const point of points) expect(offEllipse(point, expected.centre, expected.rx, expected.ry, expected.degrees)).toBeLessThan(0.002);
  return points;
}

describe('elliptical arcs', () => {
  it('draw half an ellipse between the ends of its major axis, on the side the sweep flag gives', () => {
    // Centre (20,0); sweep 1 turns through increasing angles, from π to 2π, where y < 0 (SVG's y is down).
    const above = expectArc(svgPathToPdf('M0,0 A20,10 0 0 1 40,0'), { centre: [20, 0], rx: 20, ry: 10, cubics: 2, end: [40, 0] });
    expect(Math.min(...above.map(([, y]) => y))).toBeCloseTo(-10, 1);
    for (const [, y] of above) expect(y).toBeLessThanOrEqual(0.001);
    const below = expectArc(svgPathToPdf('M0,0 A20,10 0 0 0 40,0'), { centre: [20, 0], rx: 20, ry: 10, cubics: 2, end: [40, 0] });
    expect(Math.max(...below.map(([, y]) => y))).toBeCloseTo(10, 1);
  });

  it('choose the centre from the large-arc and sweep flags: a quarter or three quarters of the circle', () => {
    // From (0,0) to (10,10) on a circle of radius 10: centre (10,0) or (0,10). Around (10,0) the start
    // is at angle π and the end at π/2; around (0,10) the start is at −π/2 and the end at 0.
    const circle = { rx: 10, ry: 10, end: [10, 10] as [number, number] };
    expectArc(svgPathToPdf('M0,0 A10,10 0 0 0 10,10'), { ...circle, centre: [10, 0], cubics: 1 });
    expectArc(svgPathToPdf('M0,0 A10,10 0 0 1 10,10'), { ...circle, centre: [0, 10], cubics: 1 });
    expectArc(svgPathToPdf('M0,0 A10,10 0 1 0 10,10'), { ...circle, centre: [0, 10], cubics: 3 });
    expectArc(svgPathToPdf('M0,0 A10,10 0 1 1 10,10'), { ...circle, centre: [10, 0], cubics: 3 });
  });

  it('turn the ellipse by its x-axis rotation', () => {
    // Rotated 90°: the major axis is vertical, centre (0,20); from angle π to 2π x = −10 sin t ≥ 0.
    const points = expectArc(svgPathToPdf('M0,0 A20,10 90 0 1 0,40'), { centre: [0, 20], rx: 20, ry: 10, degrees: 90, cubics: 2, end: [0, 40] });
    expect(Math.max(...points.map(([x]) => x))).toBeCloseTo(10, 1);
    // 30°: the chord lies along the major axis, so the centre is its middle.
    const [ex, ey] = [40 * Math.cos(Math.PI / 6), 40 * Math.sin(Math.PI / 6)];
    const end = [Number(n(ex)), Number(n(ey))] as [number, number];
    expectArc(svgPathToPdf(`M0,0 A20,10 30 0 1 ${ex},${ey}`), { centre: [ex / 2, ey / 2], rx: 20, ry: 10, degrees: 30, cubics: 2, end });
  });

  it('scale radii too small to join the ends up to the smallest that do, as SVG specifies', () => {
    expectArc(svgPathToPdf('M0,0 A5,5 0 0 1 40,0'), { centre: [20, 0], rx: 20, ry: 20, cubics: 2, end: [40, 0] });
    expectArc(svgPathToPdf('M0,0 A4,2 0 0 1 40,0'), { centre: [20, 0], rx: 20, ry: 10, cubics: 2, end: [40, 0] });
  });

  it('read relative ends and negative radii', () => {
    expectArc(svgPathToPdf('M10,10 a20,10 0 0 1 40,0'), { centre: [30, 10], rx: 20, ry: 10, cubics: 2, end: [50, 10] });
    expect(svgPathToPdf('M0,0 A-20,-10 0 0 1 40,0')).toBe(svgPathToPdf('M0,0 A20,10 0 0 1 40,0'));
    expect(svgPathToPdf('M0,0 A20,10 0 0 1 40,0')).not.toBe(svgPathToPdf('M0,0 A20,10 0 0 0 40,0'));
  });

  it('draw nothing for an arc that ends where it starts, and a line for a zero radius on either axis', () => {
    expect(svgPathToPdf('M5,5 A10,10 0 0 1 5,5 L6,6')).toBe('5 5 m\n6 6 l');
    expect(svgPathToPdf('M0,0 A0,10 0 0 1 10,0')).toBe('0 0 m\n10 0 l');
    expect(svgPathToPdf('M0,0 A10,0 0 0 1 10,0')).toBe('0 0 m\n10 0 l');
  });
});

describe('smooth curves and relative commands', () => {
  it('reflect the last control point only after a curve of the same kind', () => {
    // After a line, S's first control point is the current point.
    expect(svgPathToPdf('M0,0 L10,0 S20,10 30,0')).toBe('0 0 m\n10 0 l\n10 0 20 10 30 0 c');
    expect(svgPathToPdf('M0,0 C0,10 10,10 10,0 S20,-10 20,0 S30,10 30,0')).toBe('0 0 m\n0 10 10 10 10 0 c\n10 -10 20 -10 20 0 c\n20 10 30 10 30 0 c');
    // After a cubic, T does not reflect: its control point is the current point.
    expect(svgPathToPdf('M0,0 C0,10 10,10 10,0 T40,0')).toBe('0 0 m\n0 10 10 10 10 0 c\n10 0 20 0 40 0 c');
    // After a quadratic, S does not reflect either.
    expect(svgPathToPdf('M0,0 Q15,30 30,0 S40,10 50,0')).toBe('0 0 m\n10 20 20 20 30 0 c\n30 0 40 10 50 0 c');
    // T after T keeps reflecting: controls (45,−30) then (75,30).
    expect(svgPathToPdf('M0,0 Q15,30 30,0 T60,0 T90,0')).toBe('0 0 m\n10 20 20 20 30 0 c\n40 -20 50 -20 60 0 c\n70 20 80 20 90 0 c');
  });

  it('offsets every relative command by the current point', () => {
    expect(svgPathToPdf('M10,10 c0,10 10,10 10,0 s10,-10 10,0')).toBe('10 10 m\n10 20 20 20 20 10 c\n20 0 30 0 30 10 c');
    expect(svgPathToPdf('M10,10 q15,30 30,0 t30,0')).toBe('10 10 m\n20 30 30 30 40 10 c\n50 -10 60 -10 70 10 c');
    expect(svgPathToPdf('M10,10 v5 h-5 V0 H0')).toBe('10 10 m\n10 15 l\n5 15 l\n5 0 l\n0 0 l');
    expect(svgPathToPdf('m10,10 5,5 m1,1 2,2')).toBe('10 10 m\n15 15 l\n16 16 m\n18 18 l');
  });

  it('goes back to the subpath start after Z, for the commands that follow', () => {
    expect(svgPathToPdf('M10,10 L20,10 Z l5,5 M0,0 h1 z m2,2 h1')).toBe('10 10 m\n20 10 l\nh\n15 15 l\n0 0 m\n1 0 l\nh\n2 2 m\n3 2 l');
  });

  it('refuses a path without a leading command, numbers after Z, and missing arguments', () => {
    expect(() => svgPathToPdf('10,10 L0,0')).toThrow('SVG path must start with a command: 10,10 L0,0');
    expect(() => svgPathToPdf('M0,0 Z 5,5')).toThrow('SVG path must start with a command');
    expect(() => svgPathToPdf('M0,0 L5')).toThrow('SVG path command L lacks arguments: M0,0 L5');
    expect(() => svgPathToPdf('M0,0 C1,1 2,2 L3,3')).toThrow('SVG path command C lacks arguments');
    expect(svgPathToPdf('')).toBe('');
  });

  it('writes numbers with three decimals at most and never a negative zero', () => {
    expect(n(1.23456)).toBe('1.235');
    expect(n(-0.0001)).toBe('0');
    expect(n(-1.5)).toBe('-1.5');
    expect(n(1e-7)).toBe('0');
    expect(n(1234567.0004)).toBe('1234567');
  });
});
