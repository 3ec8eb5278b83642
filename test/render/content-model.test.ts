/**
 * The content model says what the PDF says, in its order: every heading, paragraph, list item and
 * note of the model is found in the factsheet PDF's text (read back with pdf.js) after the previous
 * one, and each figure's title is there too. The HTML page is written from this model only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeRenderer } from '../../src/adapters/renderer-node.js';
import { escapeXml } from '../../src/core/escape-xml.js';
import { CHART_SLUGS, type Renderer } from '../../src/core/render.js';
import type { Block } from '../../templates/content/model.js';
import { regionRelation } from '../../templates/texts.js';
import { pdfPagesText } from '../helpers/pdf-text.js';
import { loadInput } from '../helpers-render/inputs.js';

let renderer: Renderer;

beforeAll(async () => {
  renderer = await createNodeRenderer();
});

/** pdf.js returns each run and each line as an item of its own: the words are compared without spaces. */
const words = (text: string) => text.replace(/\s+/g, '');

function blockTexts(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return [block.text];
    case 'paragraph':
    case 'note':
      return block.runs.map((run) => run.text).join('').split('\n');
    case 'list':
      return block.items.map((item) => item.map((run) => run.text).join(''));
    case 'figure':
      return [block.title];
  }
}

describe.each(['55', '75', '2A', '2B', '971', '976'])('the content model of %s', (code) => {
  it('has the PDF\'s words in the PDF\'s order, page by page', async () => {
    const input = await loadInput(code);
    const content = await renderer.factsheetContent(input);
    const pages = (await pdfPagesText(await renderer.factsheetPdf(input))).map(words);
    expect(content.sections.map((section) => section.page)).toEqual(pages.map((_, index) => index + 1));
    for (const section of content.sections) {
      const page = pages[section.page - 1]!;
      let from = 0;
      for (const text of section.blocks.flatMap(blockTexts).map(words)) {
        const at = page.indexOf(text, from);
        expect(at, `page ${section.page}: « ${text} » after position ${from}`).toBeGreaterThanOrEqual(0);
        from = at + text.length;
      }
    }
  }, 60_000);

  it('gives each figure the chart SVG\'s description and a non-empty data table', async () => {
    const input = await loadInput(code);
    const content = await renderer.factsheetContent(input);
    const figures = content.sections.flatMap((section) => section.blocks).filter((block) => block.kind === 'figure');
    // Where the région is the territory itself (Corse), its two charts give way to a sentence, as on the printed page.
    const charts = regionRelation(input) === 'same' ? CHART_SLUGS.filter((slug) => !slug.endsWith('-region')) : CHART_SLUGS;
    expect(figures.map((figure) => figure.chart)).toEqual(charts);
    for (const figure of figures) {
      const svg = await renderer.chartSvg(input, figure.chart as never);
      expect(svg).toContain(`<desc id="desc">${escapeXml(figure.alt)}</desc>`);
      expect(figure.table.rows.every((row) => row.length === figure.table.columns.length)).toBe(true);
      // The table reads as the chart and its description do: one unit and precision, percentages with one decimal, no customs abbreviation.
      const texts = [figure.alt, ...figure.table.rows.flat()];
      const units = new Set(texts.flatMap((text) => [...text.matchAll(/\d(?:,(\d+))?\u202f(Md€|M€|k€)/g)].map(([, decimals, unit]) => `${decimals?.length ?? 0} ${unit}`)));
      expect([...units], figure.chart).toHaveLength(1);
      const percents = texts.flatMap((text) => [...text.matchAll(/\d(?:,(\d+))?\u202f%/g)]);
      expect(percents.every(([, decimals]) => decimals?.length === 1), figure.chart).toBe(true);
      expect(texts.filter((text) => /n\.c\.a|élec\./.test(text)), figure.chart).toEqual([]);
    }
  }, 60_000);
});
