/**
 * Where the région is the territory itself (Corse), the comparison page holds France's Sankey alone:
 * it is drawn as tall as the département's, so that the page is not half empty; elsewhere it shares
 * the page with the région's and keeps the compared height.
 */
import { describe, expect, it } from 'vitest';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import { unshapedFonts } from '../../src/core/font-tables';
import { createTextMeasurer } from '../../src/core/text-measure';
import { buildChart } from '../../templates/charts/charts';
import { loadInput } from '../helpers-render/inputs';

describe('France Sankey height on the comparison pages', async () => {
  const measure = createTextMeasurer(unshapedFonts(await loadNodeFonts()));

  it.each(['2A', '2B'])('%s: France Sankey as tall as the département one', async (code) => {
    const input = await loadInput(code);
    for (const prefix of ['export', 'import'] as const) {
      const departement = buildChart(prefix, input, measure).figure.height;
      expect(buildChart(`${prefix}-france`, input, measure).figure.height).toBe(departement);
    }
  });

  it.each(['55', '75', '971'])('%s: France Sankey as tall as the région one, shorter than the département one', async (code) => {
    const input = await loadInput(code);
    for (const prefix of ['export', 'import'] as const) {
      const france = buildChart(`${prefix}-france`, input, measure).figure.height;
      expect(france).toBe(buildChart(`${prefix}-region`, input, measure).figure.height);
      expect(france).toBeLessThan(buildChart(prefix, input, measure).figure.height);
    }
  });
});
