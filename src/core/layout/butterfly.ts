/**
 * Principal partners as a butterfly chart: imports to the left of a common axis, exports to the
 * right, the balance written in its own column with its sign.
 */
import { scaleLinear } from 'd3-scale';
import type { Partner } from '../schema';
import { chartUnit, formatInUnit, formatSignedInUnit } from '../format';
import type { Box, Figure, Label } from '../figure';
import { round2 } from '../figure';
import type { TextMeasurer } from '../text-measure';

export interface ButterflyPalette {
  imports: string;
  exports: string;
  positive: string;
  negative: string;
  text: string;
  muted: string;
  axis: string;
}

export interface ButterflyOptions {
  width: number;
  rowHeight: number;
  fontSize: number;
  palette: ButterflyPalette;
  measure: TextMeasurer;
}

const HEADER_HEIGHT = 16;
const GAP = 4;

export function layoutButterfly(partners: readonly Partner[], options: ButterflyOptions): Figure {
  const { width, rowHeight, fontSize, palette, measure } = options;
  const height = HEADER_HEIGHT + partners.length * rowHeight + GAP;
  const names = partners.map((partner) => partner.shortLabel);
  const nameColumn = Math.min(120, Math.max(40, ...names.map((name) => measure.width(name, fontSize, 700))) + 2 * GAP);
  const unit = chartUnit(partners.flatMap((partner) => [partner.imports, partner.exports, partner.balance]));
  const amount = (euros: number): string => formatInUnit(euros, unit);
  const signed = (euros: number): string => formatSignedInUnit(euros, unit);
  const balanceTexts = partners.map((partner) => signed(partner.balance));
  const balanceColumn =
    Math.max(measure.width('Balance', fontSize, 700), ...balanceTexts.map((text) => measure.width(text, fontSize, 700))) + 2 * GAP;
  const valueTexts = partners.flatMap((partner) => [amount(partner.imports), amount(partner.exports)]);
  const valueRoom = Math.max(0, ...valueTexts.map((text) => measure.width(text, fontSize))) + GAP;
  const axis = nameColumn + (width - nameColumn - balanceColumn) / 2;
  const maxBar = axis - nameColumn - valueRoom - GAP;
  const maxValue = Math.max(1, ...partners.flatMap((partner) => [partner.imports, partner.exports]));
  const length = scaleLinear().domain([0, maxValue]).range([0, maxBar]);

  const boxes: Box[] = [];
  const labels: Label[] = [];
  const label = (text: string, x: number, y: number, align: Label['align'], color: string, weight: 400 | 700 = 400): void => {
    labels.push({ text, x: round2(x), y: round2(y), align, size: fontSize, weight, color, width: round2(measure.width(text, fontSize, weight)) });
  };

  label('Importations', axis - GAP, HEADER_HEIGHT / 2, 'right', palette.imports, 700);
  label('Exportations', axis + GAP, HEADER_HEIGHT / 2, 'left', palette.exports, 700);
  label('Balance', width - GAP, HEADER_HEIGHT / 2, 'right', palette.text, 700);

  partners.forEach((partner, index) => {
    const top = HEADER_HEIGHT + index * rowHeight;
    const middle = top + rowHeight / 2;
    const barHeight = rowHeight * 0.62;
    const importLength = length(partner.imports);
    const exportLength = length(partner.exports);
    boxes.push({ x: round2(axis - importLength), y: round2(middle - barHeight / 2), width: round2(importLength), height: round2(barHeight), fill: palette.imports });
    boxes.push({ x: round2(axis), y: round2(middle - barHeight / 2), width: round2(exportLength), height: round2(barHeight), fill: palette.exports });
    const name = measure.wrap(partner.shortLabel, fontSize, nameColumn - 2 * GAP, 1, 700)[0];
    if (name) label(name, GAP, middle, 'left', palette.text, 700);
    label(amount(partner.imports), axis - importLength - GAP / 2, middle, 'right', palette.muted);
    label(amount(partner.exports), axis + exportLength + GAP / 2, middle, 'left', palette.muted);
    label(balanceTexts[index]!, width - GAP, middle, 'right', partner.balance < 0 ? palette.negative : palette.positive, 700);
  });
  boxes.push({ x: round2(axis - 0.4), y: HEADER_HEIGHT, width: 0.8, height: round2(partners.length * rowHeight), fill: palette.axis });

  const described = partners
    .map((partner) => `${partner.label} : importations ${amount(partner.imports)}, exportations ${amount(partner.exports)}, balance ${signed(partner.balance)}`)
    .join(' ; ');
  return {
    width,
    height,
    paths: [],
    boxes,
    labels,
    desc: described,
  };
}
