/**
 * Satori's layout engine snaps every box to whole units. At one unit per PDF point that moves
 * words of a rich paragraph and chart labels by up to a point, which shows. Pages are therefore laid
 * out at a multiple of their size and drawn back at scale: the snapping shrinks by the same factor.
 */
import type { Child, Element } from '../../templates/h';

const UNITLESS = new Set(['lineHeight', 'fontWeight', 'flex', 'flexGrow', 'flexShrink', 'opacity', 'zIndex']);

export function scaleElement(element: Element, factor: number): Element {
  const style: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(element.props.style ?? {})) {
    if (UNITLESS.has(key)) style[key] = value;
    else if (typeof value === 'number') style[key] = value * factor;
    else style[key] = value.replace(/(-?\d*\.?\d+)px/g, (_match, amount: string) => `${Number(amount) * factor}px`);
  }
  const props: Element['props'] = { ...element.props, style };
  if (typeof element.props.width === 'number') props.width = element.props.width * factor;
  if (typeof element.props.height === 'number') props.height = element.props.height * factor;
  const children = element.props.children;
  if (children !== undefined) {
    props.children = Array.isArray(children) ? children.map((child) => scaleChild(child, factor)) : scaleChild(children, factor);
  }
  return { type: element.type, props };
}

function scaleChild(child: Child, factor: number): Child {
  return typeof child === 'object' && child !== null ? scaleElement(child, factor) : child;
}
