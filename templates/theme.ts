/**
 * The State's palette (Système de design de l'État) and the factsheet's type scale. Colours are
 * chosen to stay distinct on a greyscale print: blue France and glycine violet differ in lightness.
 */
export const colors = {
  blueFrance: '#000091',
  redMarianne: '#e1000f',
  text: '#161616',
  muted: '#555555',
  rule: '#dddddd',
  surface: '#f5f5fe',
  white: '#ffffff',
  imports: '#000091',
  exports: '#a558a0',
  positive: '#18753c',
  negative: '#ce0500',
  flow: '#8585a8',
  flowHighlight: '#e1000f',
  node: '#3a3a3a',
  /** Used for links only, so that the PDF step can find the link text and make it clickable. */
  link: '#000092',
} as const;

export const fontFamily = 'Source Sans 3';

export const page = {
  /** A4 in PostScript points: one SVG unit is one PDF point. */
  width: 595,
  height: 842,
  margin: 40,
} as const;

export const type = {
  body: 9.5,
  small: 7.5,
  chart: 7.5,
  h1: 24,
  h2: 16,
  h3: 11.5,
  lineHeight: 1.35,
} as const;
