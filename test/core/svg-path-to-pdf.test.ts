import { describe, expect, it } from 'vitest';
import { n, svgPathToPdf } from '../../src/core/svg-path-to-pdf';

type Segment = { op: string; values: number[] };

function parse(ops: string): Segment[] {
  return ops.split('\n').map((line) => {
    const parts = line.split(' ');
    return { op: parts[parts.length - 1]!, values: parts.slice(0, -1).map(Number) };
  });
}

/** Point at t of the cubic that starts at `from`. */
function cubicAt(from: [number, number], values: number[], t: number): [number, number] {
  const [x1, y1, x2, y2, x3, y3] = values as [number, number, number, number, number, number];
  const u = 1 - t;
  return [
    u * u * u * from[0] + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
    u * u * u * from[1] + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
  ];
}

describe('SVG path to PDF operators', () => {
  it('writes absolute and relative lines, and closes the subpath', () => {
    expect(svgPathToPdf('M10,20 L30,40 Z')).toBe('10 20 m\n30 40 l\nh');
    expect(svgPathToPdf('m10 10 h5 v5 l-5 0z')).toBe('10 10 m\n15 10 l\n15 15 l\n10 15 l\nh');
  });

  it('reads implicit linetos after a moveto and numbers written without separators', () => {
    expect(svgPathToPdf('M0 0 10 0 10-10')).toBe('0 0 m\n10 0 l\n10 -10 l');
    expect(svgPathToPdf('M.5.5L1e1,2')).toBe('0.5 0.5 m\n10 2 l');
  });

  it('keeps cubics, reflects the smooth forms and raises quadratics to cubics', () => {
    expect(svgPathToPdf('M0,0 C0,10 10,10 10,0 S20,-10 20,0')).toBe('0 0 m\n0 10 10 10 10 0 c\n10 -10 20 -10 20 0 c');
    const quadratic = parse(svgPathToPdf('M0,0 Q15,30 30,0 T60,0'));
    expect(quadratic[1]!.values).toEqual([10, 20, 20, 20, 30, 0]);
    // The reflected control point of T is (45,-30): the curve mirrors the first one.
    expect(quadratic[2]!.values).toEqual([40, -20, 50, -20, 60, 0]);
  });

  it('turns an elliptical arc into cubics that stay on the circle', () => {
    const segments = parse(svgPathToPdf('M0,0 A10,10 0 0 1 20,0'));
    expect(segments.map((segment) => segment.op)).toEqual(['m', 'c', 'c']);
    let from: [number, number] = [0, 0];
    for (const segment of segments.slice(1)) {
      for (const t of [0.25, 0.5, 0.75]) {
        const [x, y] = cubicAt(from, segment.values, t);
        expect(Math.hypot(x - 10, y)).toBeCloseTo(10, 1);
        // sweep-flag 1 turns towards negative y in SVG's downward coordinates.
        expect(y).toBeLessThan(0);
      }
      from = [segment.values[4]!, segment.values[5]!];
    }
    expect(from).toEqual([20, 0]);
  });

  it('draws a zero-radius arc as a straight line, as SVG specifies', () => {
    expect(svgPathToPdf('M160,191 A0,0 0 0 1 160,191 h10 a0,0 0 0 1 0,5')).toBe('160 191 m\n170 191 l\n170 196 l');
  });

  it('rejects a path that does not start with a command or lacks arguments', () => {
    expect(() => svgPathToPdf('10 10')).toThrow(SyntaxError);
    expect(() => svgPathToPdf('M10')).toThrow(SyntaxError);
  });

  it('writes numbers with at most three decimals and no negative zero', () => {
    expect(n(1 / 3)).toBe('0.333');
    expect(n(-0.0001)).toBe('0');
    expect(n(12)).toBe('12');
  });
});
