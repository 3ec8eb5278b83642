/**
 * An SVG path's `d` as PDF path-construction operators, in the path's own coordinates: the caller
 * sets the transform (cm) once per drawing instead of paying for it on every point. Written as a
 * string directly, because building an operator object per number was most of the PDF step.
 * Every command is read; elliptical arcs become cubic Béziers as PDF has no arc operator.
 */
const COMMAND = /[MmLlHhVvCcSsQqTtAaZz]/;
const TOKEN = /[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?/g;

const ARITY: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

export function svgPathToPdf(d: string): string {
  const tokens = d.match(TOKEN) ?? [];
  const out: string[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  // Reflection points for the smooth forms (S, T), reset by any other command.
  let lastCubicX = 0;
  let lastCubicY = 0;
  let lastQuadX = 0;
  let lastQuadY = 0;
  let previous = '';
  let index = 0;
  let command = '';

  const moveTo = (nx: number, ny: number): void => {
    out.push(`${n(nx)} ${n(ny)} m`);
    x = startX = nx;
    y = startY = ny;
  };
  const lineTo = (nx: number, ny: number): void => {
    out.push(`${n(nx)} ${n(ny)} l`);
    x = nx;
    y = ny;
  };
  const cubicTo = (x1: number, y1: number, x2: number, y2: number, nx: number, ny: number): void => {
    out.push(`${n(x1)} ${n(y1)} ${n(x2)} ${n(y2)} ${n(nx)} ${n(ny)} c`);
    lastCubicX = x2;
    lastCubicY = y2;
    x = nx;
    y = ny;
  };
  const quadTo = (qx: number, qy: number, nx: number, ny: number): void => {
    cubicTo(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), nx + (2 / 3) * (qx - nx), ny + (2 / 3) * (qy - ny), nx, ny);
    lastQuadX = qx;
    lastQuadY = qy;
  };

  while (index < tokens.length) {
    const token = tokens[index]!;
    if (COMMAND.test(token)) {
      command = token;
      index++;
    } else if (!command) {
      throw new SyntaxError(`SVG path must start with a command: ${d.slice(0, 40)}`);
    }
    const upper = command.toUpperCase();
    const relative = command !== upper;
    const arity = ARITY[upper]!;
    const args: number[] = [];
    for (let k = 0; k < arity; k++) {
      const value = tokens[index++];
      if (value === undefined || COMMAND.test(value)) throw new SyntaxError(`SVG path command ${command} lacks arguments: ${d.slice(0, 40)}`);
      args.push(Number(value));
    }
    const dx = relative ? x : 0;
    const dy = relative ? y : 0;
    switch (upper) {
      case 'M':
        moveTo(args[0]! + dx, args[1]! + dy);
        // Further pairs after a moveto are implicit linetos.
        command = relative ? 'l' : 'L';
        break;
      case 'L':
        lineTo(args[0]! + dx, args[1]! + dy);
        break;
      case 'H':
        lineTo(args[0]! + dx, y);
        break;
      case 'V':
        lineTo(x, args[0]! + dy);
        break;
      case 'C':
        cubicTo(args[0]! + dx, args[1]! + dy, args[2]! + dx, args[3]! + dy, args[4]! + dx, args[5]! + dy);
        break;
      case 'S': {
        const smooth = previous === 'C' || previous === 'S';
        cubicTo(smooth ? 2 * x - lastCubicX : x, smooth ? 2 * y - lastCubicY : y, args[0]! + dx, args[1]! + dy, args[2]! + dx, args[3]! + dy);
        break;
      }
      case 'Q':
        quadTo(args[0]! + dx, args[1]! + dy, args[2]! + dx, args[3]! + dy);
        break;
      case 'T': {
        const smooth = previous === 'Q' || previous === 'T';
        quadTo(smooth ? 2 * x - lastQuadX : x, smooth ? 2 * y - lastQuadY : y, args[0]! + dx, args[1]! + dy);
        break;
      }
      case 'A':
        arcTo(args[0]!, args[1]!, args[2]!, args[3]! !== 0, args[4]! !== 0, args[5]! + dx, args[6]! + dy);
        break;
      case 'Z':
        out.push('h');
        x = startX;
        y = startY;
        break;
    }
    previous = upper;
    if (upper === 'Z') command = '';
  }
  return out.join('\n');

  /** SVG's endpoint arc (implementation notes, F.6) as centre parameters, then one Bézier per quarter turn at most. */
  function arcTo(rxIn: number, ryIn: number, rotation: number, largeArc: boolean, sweep: boolean, nx: number, ny: number): void {
    if (nx === x && ny === y) return;
    let rx = Math.abs(rxIn);
    let ry = Math.abs(ryIn);
    if (rx === 0 || ry === 0) return lineTo(nx, ny);
    const phi = (rotation * Math.PI) / 180;
    const cos = Math.cos(phi);
    const sin = Math.sin(phi);
    const hx = (x - nx) / 2;
    const hy = (y - ny) / 2;
    const x1 = cos * hx + sin * hy;
    const y1 = -sin * hx + cos * hy;
    const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
    if (lambda > 1) {
      rx *= Math.sqrt(lambda);
      ry *= Math.sqrt(lambda);
    }
    const numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
    const factor = (largeArc === sweep ? -1 : 1) * Math.sqrt(Math.max(0, numerator / (rx * rx * y1 * y1 + ry * ry * x1 * x1)));
    const cx1 = (factor * rx * y1) / ry;
    const cy1 = (-factor * ry * x1) / rx;
    const cx = cos * cx1 - sin * cy1 + (x + nx) / 2;
    const cy = sin * cx1 + cos * cy1 + (y + ny) / 2;
    const angle = (ux: number, uy: number, vx: number, vy: number): number => {
      const sign = ux * vy - uy * vx < 0 ? -1 : 1;
      const dot = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
      return sign * Math.acos(Math.min(1, Math.max(-1, dot)));
    };
    const theta = angle(1, 0, (x1 - cx1) / rx, (y1 - cy1) / ry);
    let delta = angle((x1 - cx1) / rx, (y1 - cy1) / ry, (-x1 - cx1) / rx, (-y1 - cy1) / ry);
    if (!sweep && delta > 0) delta -= 2 * Math.PI;
    if (sweep && delta < 0) delta += 2 * Math.PI;
    const segments = Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9);
    const step = delta / segments;
    const kappa = (4 / 3) * Math.tan(step / 4);
    const point = (t: number): [number, number] => [cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin, cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos];
    const derivative = (t: number): [number, number] => [-rx * Math.sin(t) * cos - ry * Math.cos(t) * sin, -rx * Math.sin(t) * sin + ry * Math.cos(t) * cos];
    for (let s = 0; s < segments; s++) {
      const t0 = theta + s * step;
      const t1 = t0 + step;
      const [p0x, p0y] = point(t0);
      const [d0x, d0y] = derivative(t0);
      const [p1x, p1y] = s === segments - 1 ? [nx, ny] : point(t1);
      const [d1x, d1y] = derivative(t1);
      cubicTo(p0x + kappa * d0x, p0y + kappa * d0y, p1x - kappa * d1x, p1y - kappa * d1y, p1x, p1y);
    }
  }
}

/** Numbers as PDF writes them: no exponent, at most three decimals, no trailing zeros. */
export function n(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
