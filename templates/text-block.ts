/**
 * Running text — paragraphs, with bold or linked runs — broken into lines here and drawn as a
 * figure of labels, one per same-style phrase of a line. Satori measures every word of every text
 * block again each time its layout engine asks for a size, which made page text the slowest part
 * of a factsheet; here each word is measured once, with the same fonts, and Satori only reserves
 * the block's place. Headings and short texts stay with Satori.
 */
import { breakLines, type PlacedSegment, type StyledRun } from '../src/core/line-break';
import { round2, type Box, type Figure, type Label } from '../src/core/figure';
import type { StructTag } from '../src/core/pdf-tags';
import type { TextMeasurer } from '../src/core/text-measure';
import { figureElement } from './charts/figure-element';
import type { Element } from './h';
import { nestedOf, type NestedSvgs } from './nested-svg';
import type { Rich, Run } from './texts';
import { colors, type } from './theme';

/** What a template needs to draw running text: the fonts' advances and the render's nested drawings. */
export interface TextContext {
  measure: TextMeasurer;
  nested: NestedSvgs;
}

export interface TextBlockStyle {
  fontSize?: number;
  lineHeight?: number;
  color?: string;
  bold?: boolean;
  marginTop?: number;
  marginBottom?: number;
  /** Lines set against the block's left edge (the default) or its right edge. */
  align?: 'left' | 'right';
  /** What the block is in the tagged PDF: a paragraph unless said otherwise. */
  tag?: StructTag;
}

const PARAGRAPH: StructTag = { role: 'P' };

/** Link underline below the baseline and its thickness, in ems, close to what Satori draws. */
const UNDERLINE_OFFSET = 0.12;
const UNDERLINE_THICKNESS = 0.06;

export function textBlock(content: string | Rich, width: number, context: TextContext, style: TextBlockStyle = {}): Element {
  const size = style.fontSize ?? type.body;
  const lineBox = size * (style.lineHeight ?? type.lineHeight);
  const baseColor = style.color ?? colors.text;
  const lines: readonly (readonly PlacedSegment<Run | null>[])[] =
    typeof content === 'string'
      ? context.measure.plainLines(content, width, size, style.bold ? 700 : 400)
      : breakLines(
          content.map((run): StyledRun<Run> => ({ text: run.text, weight: run.bold || style.bold ? 700 : 400, style: run })),
          width,
          size,
          context.measure,
        );
  const labels: Label[] = [];
  const boxes: Box[] = [];
  lines.forEach((segments, index) => {
    const centre = index * lineBox + lineBox / 2;
    const last = segments[segments.length - 1];
    const indent = style.align === 'right' && last ? width - (last.x + last.width) : 0;
    for (const segment of segments) {
      const color = segment.style?.link ? colors.link : baseColor;
      const x = round2(segment.x + indent);
      labels.push({ text: segment.text, x, y: round2(centre), align: 'left', size, weight: segment.weight, color, width: round2(segment.width) });
      if (segment.style?.link) {
        const baseline = context.measure.baseline(centre, size, segment.weight);
        boxes.push({ x, y: round2(baseline + size * UNDERLINE_OFFSET), width: round2(segment.width), height: round2(size * UNDERLINE_THICKNESS), fill: color });
      }
    }
  });
  const figure: Figure = { width, height: round2(lines.length * lineBox), paths: [], boxes, labels, desc: '' };
  const element = figureElement(figure, context.nested, context.measure, { marginTop: style.marginTop ?? 0, marginBottom: style.marginBottom ?? 5 });
  nestedOf(element, context.nested).tag = style.tag ?? PARAGRAPH;
  return element;
}

/** One line of text exactly as wide as it is, for short texts set side by side. */
export function textLine(text: string, context: TextContext, style: TextBlockStyle = {}): Element {
  const width = context.measure.width(text, style.fontSize ?? type.body, style.bold ? 700 : 400);
  // A hair of room, so that rounding never pushes the last word onto a second line.
  return textBlock(text, Math.ceil(width * 100) / 100 + 0.01, context, style);
}
