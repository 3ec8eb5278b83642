/**
 * Satori reads React-like element objects; this builds them without React or JSX so the templates
 * stay plain TypeScript that runs anywhere.
 */
export type Style = Record<string, string | number>;
export interface Element {
  type: string;
  props: { style?: Style; children?: Child | Child[]; [attribute: string]: unknown };
}
export type Child = Element | string | null | undefined | false;

export function h(type: string, style: Style, ...children: Child[]): Element {
  const kept = children.filter((child): child is Element | string => child !== null && child !== undefined && child !== false);
  if (kept.length === 0) return { type, props: { style } };
  return { type, props: { style, children: kept.length === 1 ? kept[0] : kept } };
}

/**
 * A block. The element is a `section`, which Satori lays out like a `div` (flex by default) but
 * without a preset style of its own and without demanding an explicit `display: flex` when it holds
 * several blocks. No style is written that Satori would take anyway: it tries each string-valued
 * style as a length and learns that a keyword is none from a thrown exception, a cost per value.
 */
export function div(style: Style, ...children: Child[]): Element {
  return h('section', style, ...children);
}

export function img(src: string, style: Style): Element {
  return { type: 'img', props: { src, width: style.width, height: style.height, style } };
}
