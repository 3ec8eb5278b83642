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

/**
 * The one unit and precision a chart writes all its amounts in, chosen from its largest amount, so
 * that a column of figures reads at a glance: « 7 980,3 M€ » above « 899,9 M€ », never « 8 Md€ »
 * above « 899,9 M€ ».
 */
export interface EuroUnit {
  divisor: number;
  symbol: 'Md€' | 'M€' | 'k€';
  decimals: number;
}

/**
 * Billions only from ten billion up: below that, millions keep four digits at most before the comma
 * and every smaller amount of the chart keeps its precision (« 356,2 M€ » beside « 1 031,5 M€ »,
 * where billions would write « 0,36 Md€ » beside « 1,03 Md€ »).
 */
const EURO_UNITS: readonly (EuroUnit & { from: number })[] = [
  // Two decimals in billions keep tens of millions apart (« 0,10 Md€ », « 0,03 Md€ »).
  { from: 1e10, divisor: 1e9, symbol: 'Md€', decimals: 2 },
  { from: 1e6, divisor: 1e6, symbol: 'M€', decimals: 1 },
  { from: 0, divisor: 1e3, symbol: 'k€', decimals: 0 },
];

export function chartUnit(amounts: readonly number[]): EuroUnit {
  const largest = Math.max(0, ...amounts.map(Math.abs));
  const { divisor, symbol, decimals } = EURO_UNITS.find((unit) => largest >= unit.from)!;
  return { divisor, symbol, decimals };
}

const fixedFormats = new Map<number, Intl.NumberFormat>();
function fixed(decimals: number): Intl.NumberFormat {
  let format = fixedFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fixedFormats.set(decimals, format);
  }
  return format;
}

/**
 * An amount in the chart's unit, trailing zeros kept (« 131,0 M€ »). An amount that is not zero but
 * rounds to zero is written « < 0,01 Md€ », so that a visible bar never reads as nothing.
 */
export function formatInUnit(euros: number, unit: EuroUnit): string {
  const rounded = roundHalfAwayFromZero(Math.abs(euros) / unit.divisor, unit.decimals);
  const sign = euros < 0 ? '\u2212' : '';
  if (rounded === 0 && euros !== 0) return `${sign}<${NNBSP}${fixed(unit.decimals).format(10 ** -unit.decimals)}${NNBSP}${unit.symbol}`;
  return sign + fixed(unit.decimals).format(rounded) + NNBSP + unit.symbol;
}

/** A balance in the chart's unit with its sign written out: « +0,41 Md€ », « −2,00 Md€ ». */
export function formatSignedInUnit(euros: number, unit: EuroUnit): string {
  return (euros > 0 ? '+' : '') + formatInUnit(euros, unit);
}

/** A chart's percentage, always one decimal: « 5,0 % », « 26,5 % ». */
export function formatChartPercent(ratio: number): string {
  return fixed(1).format(roundHalfAwayFromZero(ratio * 100, 1)) + NNBSP + '%';
}
