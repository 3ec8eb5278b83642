/**
 * An SVG path's `d` as PDF path-construction operators, in the path's own coordinates: the caller
 * sets the transform (cm) once per drawing instead of paying for it on every point. Read character
 * by character and written as bytes into the page's content (pdf-content-writer.ts): a factsheet
 * has thousands of paths, and tokenising each with a regular expression, then formatting each
 * number as a string, was a large part of the PDF step. Every command is read; elliptical arcs
 * become cubic Béziers as PDF has no arc operator.
 */
import { ContentWriter } from './pdf-content-writer';
import { readDecimal } from './pdf-decimal';

/** Arguments each command takes, by character code of its upper-case letter. */
const ARITY = new Int8Array(128).fill(-1);
for (const [letter, count] of Object.entries({ M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 })) {
  ARITY[letter.charCodeAt(0)] = count;
  ARITY[letter.toLowerCase().charCodeAt(0)] = count;
}

const NOT_A_COMMAND = 0;
const UPPER_CASE = 0xdf;

export function svgPathToPdf(d: string): string {
  const out = new ContentWriter();
  writeSvgPath(out, d, 0, d.length);
  return out.toString();
}

/** Writes the path `text.slice(start, end)` into a page's content, one operator per line. */
export function writeSvgPath(out: ContentWriter, text: string, start: number, end: number): void {
  new PathConverter(out, text, start, end).run();
}

class PathConverter {
  /** Read by readDecimal, hence public. */
  position: number;
  private x = 0;
  private y = 0;
  private startX = 0;
  private startY = 0;
  // Reflection points for the smooth forms (S, T), reset by any other command.
  private lastCubicX = 0;
  private lastCubicY = 0;
  private lastQuadX = 0;
  private lastQuadY = 0;
  private readonly args = new Float64Array(7);

  constructor(
    private readonly out: ContentWriter,
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.position = start;
  }

  run(): void {
    const args = this.args;
    let command = NOT_A_COMMAND;
    let previous = NOT_A_COMMAND;
    for (;;) {
      const next = this.skipSeparators();
      if (next === -1) break;
      if (ARITY[next]! >= 0 && next < 128) {
        command = next;
        this.position++;
      } else if (command === NOT_A_COMMAND) {
        throw new SyntaxError(`SVG path must start with a command: ${this.excerpt()}`);
      }
      const upper = command & UPPER_CASE;
      const relative = command !== upper;
      const arity = ARITY[command]!;
      for (let index = 0; index < arity; index++) {
        const value = this.number();
        if (Number.isNaN(value)) throw new SyntaxError(`SVG path command ${String.fromCharCode(command)} lacks arguments: ${this.excerpt()}`);
        args[index] = value;
      }
      const dx = relative ? this.x : 0;
      const dy = relative ? this.y : 0;
      switch (upper) {
        case 0x4d: // M
          this.moveTo(args[0]! + dx, args[1]! + dy);
          // Further pairs after a moveto are implicit linetos.
          command = relative ? 0x6c : 0x4c;
          break;
        case 0x4c: // L
          this.lineTo(args[0]! + dx, args[1]! + dy);
          break;
        case 0x48: // H
          this.lineTo(args[0]! + dx, this.y);
          break;
        case 0x56: // V
          this.lineTo(this.x, args[0]! + dy);
          break;
        case 0x43: // C
          this.cubicTo(args[0]! + dx, args[1]! + dy, args[2]! + dx, args[3]! + dy, args[4]! + dx, args[5]! + dy);
          break;
        case 0x53: {
          // S
          const smooth = previous === 0x43 || previous === 0x53;
          const { x, y } = this;
          this.cubicTo(smooth ? 2 * x - this.lastCubicX : x, smooth ? 2 * y - this.lastCubicY : y, args[0]! + dx, args[1]! + dy, args[2]! + dx, args[3]! + dy);
          break;
        }
        case 0x51: // Q
          this.quadTo(args[0]! + dx, args[1]! + dy, args[2]! + dx, args[3]! + dy);
          break;
        case 0x54: {
          // T
          const smooth = previous === 0x51 || previous === 0x54;
          const { x, y } = this;
          this.quadTo(smooth ? 2 * x - this.lastQuadX : x, smooth ? 2 * y - this.lastQuadY : y, args[0]! + dx, args[1]! + dy);
          break;
        }
        case 0x41: // A
          this.arcTo(args[0]!, args[1]!, args[2]!, args[3]! !== 0, args[4]! !== 0, args[5]! + dx, args[6]! + dy);
          break;
        case 0x5a: // Z
          this.out.line('h');
          this.x = this.startX;
          this.y = this.startY;
          break;
      }
      previous = upper;
      if (upper === 0x5a) command = NOT_A_COMMAND;
    }
  }

  /** Skips white space, commas and anything that is neither a command nor a number; returns the next character's code, or -1 at the end. */
  private skipSeparators(): number {
    const text = this.text;
    while (this.position < this.end) {
      const code = text.charCodeAt(this.position);
      if ((code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d || code === 0x2b || (code < 128 && ARITY[code]! >= 0)) return code;
      this.position++;
    }
    return -1;
  }

  /** The next number, or NaN where a command or the end comes first. */
  private number(): number {
    const code = this.skipSeparators();
    if (code === -1 || (code < 128 && ARITY[code]! >= 0)) return Number.NaN;
    const value = readDecimal(this.text, this, this.end);
    if (Number.isNaN(value)) throw new SyntaxError(`SVG path has a number without digits: ${this.excerpt()}`);
    return value;
  }

  private excerpt(): string {
    return this.text.slice(this.start, Math.min(this.end, this.start + 40));
  }

  private moveTo(nx: number, ny: number): void {
    this.out.number(nx).number(ny).line('m');
    this.x = this.startX = nx;
    this.y = this.startY = ny;
  }

  private lineTo(nx: number, ny: number): void {
    this.out.number(nx).number(ny).line('l');
    this.x = nx;
    this.y = ny;
  }

  private cubicTo(x1: number, y1: number, x2: number, y2: number, nx: number, ny: number): void {
    this.out.number(x1).number(y1).number(x2).number(y2).number(nx).number(ny).line('c');
    this.lastCubicX = x2;
    this.lastCubicY = y2;
    this.x = nx;
    this.y = ny;
  }

  private quadTo(qx: number, qy: number, nx: number, ny: number): void {
    const { x, y } = this;
    this.cubicTo(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), nx + (2 / 3) * (qx - nx), ny + (2 / 3) * (qy - ny), nx, ny);
    this.lastQuadX = qx;
    this.lastQuadY = qy;
  }

  /** SVG's endpoint arc (implementation notes, F.6) as centre parameters, then one Bézier per quarter turn at most. */
  private arcTo(rxIn: number, ryIn: number, rotation: number, largeArc: boolean, sweep: boolean, nx: number, ny: number): void {
    const { x, y } = this;
    if (nx === x && ny === y) return;
    let rx = Math.abs(rxIn);
    let ry = Math.abs(ryIn);
    if (rx === 0 || ry === 0) return this.lineTo(nx, ny);
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
      this.cubicTo(p0x + kappa * d0x, p0y + kappa * d0y, p1x - kappa * d1x, p1y - kappa * d1y, p1x, p1y);
    }
  }
}

/** Numbers as PDF writes them: no exponent, at most three decimals, no trailing zeros. */
export function n(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
