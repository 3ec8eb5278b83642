/**
 * French number typography and the reference factsheets' rounding rules. Intl writes the
 * narrow no-break space (U+202F) as the group separator; the same space goes before « % » so that
 * a figure never breaks from its unit.
 */
const NNBSP = '\u202f';

const oneDecimalAtMost = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Euros as millions with one decimal, a trailing zero dropped: « 1 340,7 », « 207 ». */
export function formatMillions(euros: number): string {
  return oneDecimalAtMost.format(roundHalfAwayFromZero(euros / 1e6, 1));
}

/** The share of the région, as the reference prints it: « 2 % », « 1,9 % », « 12 % ». */
export function formatShareOfRegion(ratio: number): string {
  return oneDecimalAtMost.format(roundHalfAwayFromZero(ratio * 100, 1)) + NNBSP + '%';
}

/** The share of France, always two decimals: « 0,23 % », « 1,40 % ». */
export function formatShareOfFrance(ratio: number): string {
  return twoDecimals.format(roundHalfAwayFromZero(ratio * 100, 2)) + NNBSP + '%';
}

/** A percentage for chart labels, one decimal at most: « 26,5 % ». */
export function formatPercent(ratio: number): string {
  return formatShareOfRegion(ratio);
}

/**
 * Compact amounts for chart labels: « 265,2 M€ » from a million up, « 850 k€ » below, « 1,2 Md€ »
 * from a billion, so that every label stays short without losing its order of magnitude.
 */
export function formatCompactEuros(euros: number): string {
  const magnitude = Math.abs(euros);
  const sign = euros < 0 ? '\u2212' : '';
  if (magnitude >= 1e9) return sign + oneDecimalAtMost.format(roundHalfAwayFromZero(magnitude / 1e9, 1)) + NNBSP + 'Md€';
  if (magnitude >= 1e6) return sign + oneDecimalAtMost.format(roundHalfAwayFromZero(magnitude / 1e6, 1)) + NNBSP + 'M€';
  return sign + oneDecimalAtMost.format(roundHalfAwayFromZero(magnitude / 1e3, 0)) + NNBSP + 'k€';
}

/** A balance with its sign written out, so that colour is not the only cue: « +58,4 M€ », « −32,5 M€ ». */
export function formatSignedCompactEuros(euros: number): string {
  if (euros > 0) return '+' + formatCompactEuros(euros);
  if (euros === 0) return formatCompactEuros(0);
  return formatCompactEuros(euros);
}

/**
 * Rounds half away from zero on the decimal representation: binary floats would otherwise round
 * 0.125 down, and a reader checking a figure by hand rounds up.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(Number(scaled.toPrecision(15)));
  return (Math.sign(value) * rounded) / factor;
}
