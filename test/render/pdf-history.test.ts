/**
 * A PDF's bytes depend on its data only, not on what the process drew before: a render thread that
 * served a chart SVG or PNG first must write the factsheet a fresh thread writes, with the same
 * text to copy (its ToUnicode map).
 */
import { describe, expect, it } from 'vitest';
import { createNodeRenderer } from '../../src/adapters/renderer-node.js';
import { loadFactsheetFromDisk } from '../../src/adapters/factsheet-fs.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';
import { pdfPagesText } from '../helpers/pdf-text.js';

describe('PDF bytes and the renderer\'s history', () => {
  it('are the same after drawing glyph outlines for a chart SVG and PNG', async () => {
    const input = await loadFactsheetFromDisk(SAMPLE_DIR, '55');
    const fresh = await (await createNodeRenderer()).factsheetPdf(input);
    const used = await createNodeRenderer();
    await used.chartSvg(input, 'export');
    await used.chartPng(input, 'pays', 300);
    const after = await used.factsheetPdf(input);
    expect(Buffer.from(after).equals(Buffer.from(fresh))).toBe(true);
    // The period of running text is still copied as a period.
    const pages = await pdfPagesText(after);
    expect(pages[1]).toMatch(/[a-zé]\. [A-Z]/);
  });
});
