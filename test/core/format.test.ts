import { describe, expect, it } from 'vitest';
import {
  formatCompactEuros,
  formatMillions,
  formatShareOfFrance,
  formatShareOfRegion,
  formatSignedCompactEuros,
} from '../../src/core/format';

const NNBSP = '\u202f';

describe('figures as the reference factsheets print them', () => {
  it('writes millions of euros with one decimal and drops a trailing zero', () => {
    expect(formatMillions(1_340_711_551)).toBe(`1${NNBSP}340,7`);
    expect(formatMillions(206_960_000)).toBe('207');
    expect(formatMillions(580_354_500_000)).toBe(`580${NNBSP}354,5`);
    expect(formatMillions(675_800_000)).toBe('675,8');
  });

  it('writes the share of the région with one decimal at most', () => {
    expect(formatShareOfRegion(0.019813)).toBe(`2${NNBSP}%`);
    expect(formatShareOfRegion(0.0189)).toBe(`1,9${NNBSP}%`);
    expect(formatShareOfRegion(0.1198)).toBe(`12${NNBSP}%`);
    expect(formatShareOfRegion(0.089)).toBe(`8,9${NNBSP}%`);
  });

  it('writes the share of France with two decimals always', () => {
    expect(formatShareOfFrance(0.00231)).toBe(`0,23${NNBSP}%`);
    expect(formatShareOfFrance(0.014)).toBe(`1,40${NNBSP}%`);
    expect(formatShareOfFrance(0.0003)).toBe(`0,03${NNBSP}%`);
  });

  it('rounds halves away from zero', () => {
    expect(formatShareOfFrance(0.00125)).toBe(`0,13${NNBSP}%`);
    expect(formatMillions(1_250_000)).toBe('1,3');
  });

  it('writes compact chart amounts with their unit and a real minus sign', () => {
    expect(formatCompactEuros(265_163_004)).toBe(`265,2${NNBSP}M€`);
    expect(formatCompactEuros(850_400)).toBe(`850${NNBSP}k€`);
    expect(formatCompactEuros(67_665_400_000)).toBe(`67,7${NNBSP}Md€`);
    expect(formatSignedCompactEuros(58_370_351)).toBe(`+58,4${NNBSP}M€`);
    expect(formatSignedCompactEuros(-32_466_412)).toBe(`\u221232,5${NNBSP}M€`);
  });
});
