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
  return { type, props: { style, children: kept.length === 1 ? kept[0] : kept } };
}

export function div(style: Style, ...children: Child[]): Element {
  return h('div', { display: 'flex', ...style }, ...children);
}

export function img(src: string, style: Style): Element {
  return { type: 'img', props: { src, width: style.width, height: style.height, style } };
}
