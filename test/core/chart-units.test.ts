import { describe, expect, it } from 'vitest';
import { chartUnit, formatChartPercent, formatInUnit, formatSignedInUnit } from '../../src/core/format';
import { readableLabel } from '../../templates/charts/readable-labels';

const NNBSP = '\u202f';

describe("a chart's unit", () => {
  it('is chosen from the largest amount, whatever its sign', () => {
    expect(chartUnit([899_900_000, 13_790_000_000]).symbol).toBe('Md€');
    expect(chartUnit([899_900_000, 8_042_300_000]).symbol).toBe('M€');
    expect(chartUnit([112_000, -131_000_000]).symbol).toBe('M€');
    expect(chartUnit([112_000, 999_999]).symbol).toBe('k€');
    expect(chartUnit([]).symbol).toBe('k€');
  });

  it('writes every amount with the same decimals, trailing zeros kept', () => {
    const billions = chartUnit([13_790_000_000]);
    expect(formatInUnit(8_042_300_000, billions)).toBe(`8,04${NNBSP}Md€`);
    expect(formatInUnit(899_900_000, billions)).toBe(`0,90${NNBSP}Md€`);
    expect(formatSignedInUnit(-2_004_000_000, billions)).toBe(`\u22122,00${NNBSP}Md€`);
    expect(formatSignedInUnit(407_700_000, billions)).toBe(`+0,41${NNBSP}Md€`);
    const millions = chartUnit([131_000_000]);
    expect(formatInUnit(131_000_000, millions)).toBe(`131,0${NNBSP}M€`);
    expect(formatInUnit(112_000, millions)).toBe(`0,1${NNBSP}M€`);
    expect(formatInUnit(8_042_300_000, millions)).toBe(`8${NNBSP}042,3${NNBSP}M€`);
    expect(formatInUnit(850_400, chartUnit([850_400]))).toBe(`850${NNBSP}k€`);
  });

  it('never writes an amount that is not zero as zero', () => {
    const billions = chartUnit([5e10]);
    expect(formatInUnit(3_000_000, billions)).toBe(`<${NNBSP}0,01${NNBSP}Md€`);
    expect(formatInUnit(-3_000_000, billions)).toBe(`\u2212<${NNBSP}0,01${NNBSP}Md€`);
    expect(formatInUnit(0, billions)).toBe(`0,00${NNBSP}Md€`);
  });

  it('writes percentages with one decimal, trailing zero kept', () => {
    expect(formatChartPercent(0.05)).toBe(`5,0${NNBSP}%`);
    expect(formatChartPercent(0.2649)).toBe(`26,5${NNBSP}%`);
    expect(formatChartPercent(0.00049)).toBe(`0,0${NNBSP}%`);
  });
});

describe('labels from the customs files', () => {
  it('have their abbreviations written out', () => {
    expect(readableLabel('Autres produits métalliques n.c.a.')).toBe('Autres produits métalliques non classés ailleurs');
    expect(readableLabel('Moteurs et transformateurs élec.')).toBe('Moteurs et transformateurs électriques');
    expect(readableLabel('Produits laitiers')).toBe('Produits laitiers');
  });
});
