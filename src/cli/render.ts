/**
 * Renders a département's factsheet to files, to look at or to send: the PDF, every page as PNG,
 * and every chart as SVG and PNG.
 *   npm run render -- 55 [--out .tmp/render] [--data data/indicators/2024] [--width 1200]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFactsheetFromDisk } from '../adapters/factsheet-fs';
import { createNodeRenderer } from '../adapters/renderer-node';
import { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH } from '../core/render';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: '.tmp/render' },
    data: { type: 'string', default: 'data/indicators/2024' },
    width: { type: 'string', default: String(PNG_WIDTH.default) },
  },
});
const codes = positionals.length > 0 ? positionals : ['55'];
const renderer = await createNodeRenderer();
const width = Number(values.width);
for (const code of codes) {
  const input = await loadFactsheetFromDisk(values.data!, code);
  const folder = join(values.out!, code);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'fiche.pdf'), await renderer.factsheetPdf(input));
  for (let page = 1; page <= PAGE_COUNT; page++) {
    await writeFile(join(folder, `page-${page}.png`), await renderer.pagePng(input, page, width));
  }
  for (const slug of CHART_SLUGS) {
    await writeFile(join(folder, `${slug}.svg`), await renderer.chartSvg(input, slug));
    await writeFile(join(folder, `${slug}.png`), await renderer.chartPng(input, slug, width));
  }
  console.log(`${code}: ${folder}`);
}
