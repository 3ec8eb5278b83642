/** The PDF writer's reader of Satori's SVG: tags, attributes on demand, text, as Satori writes them. */
import { describe, expect, it } from 'vitest';
import { SvgScanner } from '../../src/core/pdf-svg-scanner';

function tokens(svg: string): string[] {
  const scanner = new SvgScanner(svg);
  const seen: string[] = [];
  for (let kind = scanner.next(); kind !== 'end'; kind = scanner.next()) {
    seen.push(kind === 'text' ? `text:${scanner.text()}` : `${kind}:${scanner.name}${scanner.selfClosing ? '/' : ''}`);
  }
  return seen;
}

describe('SVG scanner', () => {
  it('reads open, self-closing and close tags and the text between them', () => {
    expect(tokens('<svg width="10"><rect x="1"/><text x="0">Meuse &amp; Marne &#x2014; &lt;b&gt; &#233;</text></svg>')).toEqual([
      'open:svg',
      'open:rect/',
      'open:text',
      'text:Meuse & Marne — <b> é',
      'close:text',
      'close:svg',
    ]);
  });

  it('gives attributes as strings, numbers or comparisons only when asked, quotes and spaces as XML allows', () => {
    const scanner = new SvgScanner(`<path d="M0,0 L5,5" fill-opacity = '0.5' stroke-width="2px" fill-rule="evenodd" title="a &quot;b&quot;" x="-1.25e1" hidden />`);
    expect(scanner.next()).toBe('open');
    expect(scanner.attr('d')).toBe('M0,0 L5,5');
    expect(scanner.number('fill-opacity', 1)).toBe(0.5);
    expect(scanner.number('stroke-width', 1)).toBe(2);
    expect(scanner.number('x')).toBe(-12.5);
    expect(scanner.number('opacity', 1)).toBe(1);
    expect(scanner.number('d', 7)).toBe(7);
    expect(scanner.is('fill-rule', 'evenodd')).toBe(true);
    expect(scanner.is('fill-rule', 'even')).toBe(false);
    expect(scanner.attr('title')).toBe('a "b"');
    expect(scanner.attr('hidden')).toBe('');
    expect(scanner.attr('fill')).toBeUndefined();
    // A name that is the start of another is not that one.
    expect(scanner.attr('fill-')).toBeUndefined();
    const [start, end] = scanner.span('d')!;
    expect(`<path d="M0,0 L5,5"`.slice(start, end)).toBe('M0,0 L5,5');
    expect(scanner.selfClosing).toBe(true);
    expect(scanner.next()).toBe('end');
  });

  it('reads a viewBox as its numbers, and nothing when it holds something else', () => {
    const scanner = new SvgScanner('<svg viewBox="0 0,136.70999999999998  9.75" a="1 x 2" b="">');
    scanner.next();
    expect(scanner.numbers('viewBox')).toEqual([0, 0, 136.70999999999998, 9.75]);
    expect(scanner.numbers('a')).toEqual([]);
    expect(scanner.numbers('b')).toEqual([]);
    expect(scanner.numbers('c')).toEqual([]);
  });

  it('keeps many attributes of one tag', () => {
    const attributes = Array.from({ length: 40 }, (_, index) => `a${index}="${index}"`).join(' ');
    const scanner = new SvgScanner(`<g ${attributes}>`);
    scanner.next();
    expect(scanner.number('a39')).toBe(39);
    expect(scanner.number('a0')).toBe(0);
  });

  it('refuses an unquoted or unclosed attribute value', () => {
    expect(() => new SvgScanner('<rect x=5/>').next()).toThrow(SyntaxError);
    expect(() => new SvgScanner('<rect x="5/>').next()).toThrow(/not closed/);
  });
});
