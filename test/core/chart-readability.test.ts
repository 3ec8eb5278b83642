/**
 * What a reader of any département's charts must be able to trust: every activity worth 3 % of its
 * flow named with its percentage, no compartment left blank while a smaller one is labelled, no
 * label outside its box, no name cut by an ellipsis, one unit and one precision per chart.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import { CHART_SLUGS, type FactsheetInput } from '../../src/core/factsheet';
import { labelRect, type Label } from '../../src/core/figure';
import { GROUP_SHARE, layoutTreemapCompartments } from '../../src/core/layout/treemap';
import { createTextMeasurer, type TextMeasurer } from '../../src/core/text-measure';
import { buildChart } from '../../templates/charts/charts';
import { withReadableLabels } from '../../templates/charts/readable-labels';
import { loadInput, VERSION_DIR } from '../helpers-render/inputs';

let measure: TextMeasurer;
const inputs = new Map<string, FactsheetInput>();

/** Every code a reader can ask for: 2A and 2B as well as the other 99. */
function askedCodes(): string[] {
  const manifest = JSON.parse(readFileSync(`${VERSION_DIR}/manifest.json`, 'utf8')) as { geographies: { level: string; code: string }[] };
  return manifest.geographies.filter((geo) => geo.level === 'departement').map((geo) => geo.code);
}

beforeAll(async () => {
  measure = createTextMeasurer(await loadNodeFonts());
  for (const code of askedCodes()) inputs.set(code, await loadInput(code));
}, 60_000);

function treemapOf(input: FactsheetInput) {
  const { activities, totals } = input.departement;
  return layoutTreemapCompartments({ imports: withReadableLabels(activities.imports), exports: withReadableLabels(activities.exports) }, totals, {
    width: 515,
    height: 200,
    fontSize: 7.5,
    minFontSize: 7,
    measure,
    colors: { imports: '#000091', exports: '#a558a0', label: '#ffffff', header: '#161616', text: '#161616', muted: '#555555' },
  });
}

const inside = (label: Label, box: { x: number; y: number; width: number; height: number }): boolean => {
  const rect = labelRect(label);
  return rect.x >= box.x - 0.01 && rect.y >= box.y - 0.01 && rect.x + rect.width <= box.x + box.width + 0.01 && rect.y + rect.height <= box.y + box.height + 0.01;
};

describe('the activities treemap of every département', () => {
  it('covers the 101 départements', () => {
    expect(inputs.size).toBe(101);
    expect([...inputs.keys()]).toEqual(expect.arrayContaining(['2A', '2B', '971', '976']));
  });

  it('names every activity worth 3 % of its flow, with its percentage, inside its box or in the legend', () => {
    const missing: string[] = [];
    for (const [code, input] of inputs) {
      const { compartments } = treemapOf(input);
      for (const flow of ['imports', 'exports'] as const) {
        for (const activity of input.departement.activities[flow].filter((item) => item.share >= GROUP_SHARE)) {
          const compartment = compartments.find((item) => item.flow === flow && item.grouped === 1 && item.value === activity.value && item.name === withReadableLabels([activity])[0]!.shortLabel);
          if (!compartment || compartment.inside.length === 0) {
            missing.push(`${code}/${flow}: ${activity.shortLabel} ${(activity.share * 100).toFixed(1)} %`);
            continue;
          }
          const shown = compartment.key === null ? compartment.inside : compartment.legend;
          const words = shown.filter((label) => label.weight === 400).map((label) => label.text).join(' ');
          if (words !== compartment.name) missing.push(`${code}/${flow}: « ${compartment.name} » shown as « ${words} »`);
          if (!shown.some((label) => /^\d+,\d\u202f%$/.test(label.text))) missing.push(`${code}/${flow}: ${compartment.name} has no percentage`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('leaves no compartment blank that is larger than a labelled one of its block', () => {
    const problems: string[] = [];
    for (const [code, input] of inputs) {
      const { compartments } = treemapOf(input);
      for (const flow of ['imports', 'exports'] as const) {
        const block = compartments.filter((item) => item.flow === flow);
        const labelled = block.filter((item) => item.inside.length > 0).map((item) => item.value);
        const blank = block.filter((item) => item.inside.length === 0).map((item) => item.value);
        if (blank.length > 0 && labelled.length > 0 && Math.max(...blank) >= Math.min(...labelled)) problems.push(`${code}/${flow}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps each label inside its compartment and gathers the tail into one compartment', () => {
    const problems: string[] = [];
    for (const [code, input] of inputs) {
      const { compartments } = treemapOf(input);
      for (const compartment of compartments) {
        for (const label of compartment.inside) if (!inside(label, compartment.box)) problems.push(`${code}: « ${label.text} » leaves its box`);
        if (compartment.grouped > 1 && compartment.name !== `Autres activités (${compartment.grouped})`) problems.push(`${code}: ${compartment.name}`);
      }
      for (const flow of ['imports', 'exports'] as const) {
        if (compartments.filter((item) => item.flow === flow && item.grouped > 1).length > 1) problems.push(`${code}/${flow}: more than one gathered compartment`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes both block headers whole, with their unit', () => {
    for (const [, input] of inputs) {
      const { figure } = buildChart('activites', input, measure);
      const headers = figure.labels.filter((label) => /^(Importations|Exportations) · /.test(label.text));
      expect(headers.map((label) => label.text)).toEqual(
        (['imports', 'exports'] as const).filter((flow) => input.departement.totals[flow] > 0).map((flow) => expect.stringMatching(new RegExp(`^${flow === 'imports' ? 'Importations' : 'Exportations'} · \\d[\\d\\u202f]*,\\d+\\u202f(Md€|M€|k€)$`))),
      );
    }
  });
});

describe('the département Sankeys', () => {
  it('keep each name level with its own node, none pushed away by its neighbours', () => {
    const problems: string[] = [];
    for (const [code, input] of inputs) {
      for (const slug of ['export', 'import'] as const) {
        const { figure } = buildChart(slug, input, measure);
        const values = figure.labels.filter((label) => label.weight === 400);
        figure.boxes.forEach((node, index) => {
          const value = values[index]!;
          // A label may reach past a thin node by half a line, never further.
          const slack = (value.size * 1.2) / 2;
          if (value.y < node.y - slack || value.y > node.y + node.height + slack) problems.push(`${code}/${slug}: « ${value.text} » away from its node`);
        });
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('every chart of every département', () => {
  it('cuts no label with an ellipsis and prints no customs abbreviation', () => {
    const problems: string[] = [];
    for (const [code, input] of inputs) {
      for (const slug of CHART_SLUGS) {
        for (const label of buildChart(slug, input, measure).figure.labels) {
          if (/…|\.\.\.|n\.c\.a|élec\./.test(label.text)) problems.push(`${code}/${slug}: « ${label.text} »`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes all its amounts in one unit with one precision, and all its percentages with one decimal', () => {
    const problems: string[] = [];
    for (const [code, input] of inputs) {
      for (const slug of CHART_SLUGS) {
        const { figure } = buildChart(slug, input, measure);
        // The alternative text reads the same figures, so it follows the same rule.
        const texts = [...figure.labels.map((label) => label.text), figure.desc];
        const amounts = texts.flatMap((text) => [...text.matchAll(/(\d[\d\u202f]*)(?:,(\d+))?\u202f(Md€|M€|k€)/g)]);
        const forms = new Set(amounts.map(([, , decimals, unit]) => `${unit} ${decimals?.length ?? 0}`));
        if (forms.size > 1) problems.push(`${code}/${slug}: ${[...forms].join(', ')}`);
        const percents = texts.flatMap((text) => [...text.matchAll(/(\d+)(?:,(\d+))?\u202f%/g)]);
        if (percents.some(([, , decimals]) => decimals?.length !== 1)) problems.push(`${code}/${slug}: percentages with other than one decimal`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('a département without trade', () => {
  it('still gets every chart, empty, without throwing', () => {
    const input = structuredClone(inputs.get('48')!);
    const empty = { ...input.departement.flows.exports, total: 0, sources: [], targets: [], links: [] };
    input.departement = {
      ...input.departement,
      totals: { exports: 0, imports: 0, balance: 0 },
      partners: [],
      activities: { exports: [], imports: [] },
      flows: { exports: empty, imports: { ...empty, sourceKind: 'country', targetKind: 'product' } },
    };
    for (const slug of CHART_SLUGS) {
      const { figure } = buildChart(slug, input, measure);
      expect(figure.width).toBeGreaterThan(0);
      if (slug === 'activites' || slug === 'export' || slug === 'import') expect(figure.boxes).toEqual([]);
    }
  });
});
