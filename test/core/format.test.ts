import { describe, expect, it } from 'vitest';
import { chartUnit, formatInUnit, formatMillions, formatShareOfFrance, formatShareOfRegion, roundHalfAwayFromZero } from '../../src/core/format';

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
    expect(formatMillions(-1_250_000)).toBe('-1,3');
    expect(formatShareOfRegion(0.0125)).toBe(`1,3${NNBSP}%`);
    expect(formatInUnit(1_250_000, chartUnit([1_250_000]))).toBe(`1,3${NNBSP}M€`);
    expect(formatInUnit(-1_250_000, chartUnit([1_250_000]))).toBe(`\u22121,3${NNBSP}M€`);
  });

  it('rounds the half that binary floats store just below it as a reader would, up', () => {
    // 0.00145 × 100 × 100 is 14.499999999999998 in binary: a plain Math.round gives « 0,14 % ».
    expect(formatShareOfFrance(0.00145)).toBe(`0,15${NNBSP}%`);
    expect(formatShareOfFrance(0.00195)).toBe(`0,20${NNBSP}%`);
    expect(roundHalfAwayFromZero(0.145, 2)).toBe(0.15);
    expect(roundHalfAwayFromZero(-0.145, 2)).toBe(-0.15);
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    // Just below a half stays below.
    expect(formatShareOfFrance(0.0014499)).toBe(`0,14${NNBSP}%`);
    expect(roundHalfAwayFromZero(0.1449, 2)).toBe(0.14);
  });
});
