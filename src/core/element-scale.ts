/**
 * The element tree as handed to Satori.
 *
 * Scale: Satori's layout engine snaps every box to whole units. At one unit per PDF point that
 * moves words and labels by up to a point, which shows. Pages are therefore laid out at a multiple
 * of their size and drawn back at scale: the snapping shrinks by the same factor.
 *
 * Cheap styles: Satori tries to read every string-valued style as a length and learns that it is
 * not one from a thrown exception, whose stack trace made up a good share of its time. Colours are
 * therefore written `rgb(r, g, b)`, which it recognises as no length at once, and every element
 * states its font size as a number, inherited from its parent, instead of leaving it to be parsed.
 */
import type { Child, Element } from '../../templates/h';

const UNITLESS = new Set(['lineHeight', 'fontWeight', 'flex', 'flexGrow', 'flexShrink', 'opacity', 'zIndex']);

/** Satori's own default, for a tree whose root states none. */
const DEFAULT_FONT_SIZE = 16;

export function scaleElement(element: Element, factor: number, inheritedFontSize: number | undefined = DEFAULT_FONT_SIZE * factor): Element {
  const style: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(element.props.style ?? {})) {
    if (UNITLESS.has(key)) style[key] = value;
    else if (typeof value === 'number') style[key] = value * factor;
    else style[key] = hexToRgb(value.replace(/(-?\d*\.?\d+)px/g, (_match, amount: string) => `${Number(amount) * factor}px`));
  }
  // A size written as text (em, %) is left to Satori, and so are its children's.
  if (style.fontSize === undefined && inheritedFontSize !== undefined) style.fontSize = inheritedFontSize;
  const props: Element['props'] = { ...element.props, style };
  if (typeof element.props.width === 'number') props.width = element.props.width * factor;
  if (typeof element.props.height === 'number') props.height = element.props.height * factor;
  const children = element.props.children;
  if (children !== undefined) {
    const fontSize = typeof style.fontSize === 'number' ? style.fontSize : undefined;
    props.children = Array.isArray(children) ? children.map((child) => scaleChild(child, factor, fontSize)) : scaleChild(children, factor, fontSize);
  }
  return { type: element.type, props };
}

function scaleChild(child: Child, factor: number, fontSize: number | undefined): Child {
  return typeof child === 'object' && child !== null ? scaleElement(child, factor, fontSize) : child;
}

function hexToRgb(value: string): string {
  return value.replace(/#([0-9a-f]{6}|[0-9a-f]{3})\b/gi, (_match, hex: string) => {
    const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
    const [r, g, b] = [0, 2, 4].map((start) => parseInt(full.slice(start, start + 2), 16));
    return `rgb(${r}, ${g}, ${b})`;
  });
}
