import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { pixelSizeAtWidth, rowBands } from '../../src/core/svg-row-bands';

const drawing = (width: number, height: number, box: string, extra = '') =>
  `<svg width="${width}" height="${height}" viewBox="${box}"${extra} xmlns="http://www.w3.org/2000/svg"><rect x="10" y="10" width="50" height="50" fill="red"/></svg>`;

describe('row bands of an SVG', () => {
  it('gives the height resvg draws the whole picture at, for sizes that do not divide evenly', () => {
    for (const [width, height, box, widthPx] of [
      [547, 613, '0 0 2188 2452', 1200],
      [595, 842, '0 0 2380 3368', 2400],
      [300, 301, '0 0 300 301', 97],
      [100, 33.3, '5 -7 100 33.3', 640],
    ] as const) {
      const svg = drawing(width, height, box);
      const whole = new Resvg(svg, { fitTo: { mode: 'width', value: widthPx } }).render();
      expect(pixelSizeAtWidth(svg, widthPx)).toEqual({ width: whole.width, height: whole.height });
    }
  });

  it('covers every row once, top to bottom, each band drawn at the size it says', () => {
    const svg = drawing(547, 613, '0 0 2188 2452');
    const bands = rowBands(svg, 1200, 3)!;
    expect(bands.map(({ firstRow, rows }) => [firstRow, rows])).toEqual([
      [0, 448],
      [448, 448],
      [896, 449],
    ]);
    for (const band of bands) {
      const image = new Resvg(band.svg).render();
      expect([image.width, image.height]).toEqual([1200, band.rows]);
    }
  });

  it('shows in each band the rows of the whole picture at the same scale', () => {
    // A rectangle from row 300 to row 900 of the whole picture: each band shows its own part of it.
    const svg = `<svg width="100" height="100" viewBox="0 0 100 100" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="25" width="100" height="50" fill="#000"/></svg>`;
    const bands = rowBands(svg, 1200, 2)!;
    const rowsFilled = bands.map((band) => {
      const image = new Resvg(band.svg, { background: '#fff' }).render();
      const filled: number[] = [];
      for (let row = 0; row < image.height; row += 1) if (image.pixels[row * image.width * 4 + 600 * 4] === 0) filled.push(band.firstRow + row);
      return [filled[0], filled.at(-1)];
    });
    expect(rowsFilled).toEqual([
      [300, 599],
      [600, 899],
    ]);
  });

  it('leaves whole what it cannot cut exactly: no view box, or a view box fitted another way', () => {
    expect(rowBands('<svg width="10" height="10" xmlns="http://www.w3.org/2000/svg"/>', 100, 2)).toBeUndefined();
    expect(rowBands(drawing(10, 10, '0 0 10 10', ' preserveAspectRatio="none"'), 100, 2)).toBeUndefined();
    expect(rowBands(drawing(10, 10, '0 0 0 10'), 100, 2)).toBeUndefined();
    expect(rowBands(drawing(10, 10, '0 0 10 10'), 100, 0)).toBeUndefined();
  });
});
