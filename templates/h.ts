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
 * A block. Satori requires `display: flex` on blocks that hold other blocks, and parses every
 * string-valued style of every block, so blocks holding only text go without it. The element is a
 * `section`, which Satori draws like a `div` but without a preset style of its own to parse first.
 */
export function div(style: Style, ...children: Child[]): Element {
  const kept = children.filter((child) => child !== null && child !== undefined && child !== false);
  const textOnly = kept.length === 0 || (kept.length === 1 && typeof kept[0] === 'string');
  return h('section', textOnly || style.display !== undefined ? style : { display: 'flex', ...style }, ...children);
}

export function img(src: string, style: Style): Element {
  return { type: 'img', props: { src, width: style.width, height: style.height, style } };
}
