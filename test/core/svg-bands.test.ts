import { describe, expect, it } from 'vitest';
import { svgBands } from '../../src/core/svg-bands';

/** A chart card as the renderer writes it: 4 units per point, a drawing nested at 4× its own units. */
function card(children: string): string {
  return (
    '<svg width="547" height="613" viewBox="0 0 2188 2452" xmlns="http://www.w3.org/2000/svg"><title>t</title>' +
    '<rect x="0" y="0" width="2188" height="2452" fill="#fff"/>' +
    `<svg x="64" y="156" width="2060" height="2120" viewBox="0 0 515 530" overflow="visible"><defs><path id="g1" d="M0 0L500 0L500 700Z"/></defs>${children}</svg>` +
    '</svg>'
  );
}

describe('an SVG cut into two bands', () => {
  it('cuts on a pixel row that is a whole number of units, each band scaled as the whole', () => {
    const bands = svgBands(card(''), 1200)!;
    // 1200 px for 2188 units: 300 rows every 547 units; the picture is 1345 rows.
    expect(bands.map((band) => band.rows)).toEqual([600, 745]);
    expect(bands[0].svg).toMatch(/^<svg width="547" height="273.5" viewBox="0 0 2188 1094"/);
    expect(bands[1].svg).toMatch(/^<svg width="547" height="339.5" viewBox="0 1094 2188 1358"/);
  });

  it('keeps a shape that crosses the cut in both bands, one wholly above or below it in its own only', () => {
    // Nested units: y 0 is root 156, one unit is 4 root units; the cut (root 1094) is at 234.5.
    const crossing = '<path d="M10,200C50,200 50,300 90,300L90,310C50,310 50,210 10,210Z" fill="#8585a8" fill-opacity="0.35"/>';
    const above = '<rect x="0" y="10" width="8" height="20" fill="#3a3a3a"/>';
    const below = '<g fill="#161616" transform="matrix(0.0075 0 0 -0.0075 20 500)"><use href="#g1" x="0"/></g>';
    const [top, bottom] = svgBands(card(crossing + above + below), 1200)!;
    expect(top.svg).toContain(crossing);
    expect(bottom.svg).toContain(crossing);
    expect(top.svg).toContain(above);
    expect(bottom.svg).not.toContain(above);
    expect(top.svg).not.toContain(below);
    expect(bottom.svg).toContain(below);
    // What every band needs whatever it draws: the glyph outlines, the background, the title.
    for (const band of [top, bottom]) for (const part of ['<defs>', '<rect x="0" y="0" width="2188"', '<title>t</title>']) expect(band.svg).toContain(part);
  });

  it('keeps in both bands what it cannot bound', () => {
    const relative = '<path d="m10 10l5 400z" fill="#000"/>';
    const group = '<g opacity="0.5"><rect x="0" y="10" width="8" height="20"/></g>';
    const [top, bottom] = svgBands(card(relative + group), 1200)!;
    for (const band of [top, bottom]) {
      expect(band.svg).toContain(relative);
      expect(band.svg).toContain(group);
    }
  });

  it('does not cut where no row is a whole number of units near the middle, nor an SVG it does not know', () => {
    // 1201 px and 2188 units share no factor: a whole unit falls on a row only every 2188 units.
    expect(svgBands(card(''), 1201)).toBeNull();
    expect(svgBands('<svg width="10" height="10"><rect width="10" height="10"/></svg>', 1200)).toBeNull();
  });
});
