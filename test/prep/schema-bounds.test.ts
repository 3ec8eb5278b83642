/**
 * The document schema states what the renderer can draw (ten named partners and flow nodes per
 * side plus « Autres », the A129 groups; non-empty where a flow has trade), and the pipeline never
 * writes beyond it, however many codes the input holds.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndicatorDocument, MAX_ACTIVITIES, OTHERS_CODE } from '../../src/core/schema.js';
import { runBuild } from '../../src/prep/node/build-run.js';
import { fixtureOptions, repo } from './fixture-options.js';

const scratch = await mkdtemp(join(tmpdir(), 'bounds-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const meuse = JSON.parse(await readFile(join(repo, 'data/indicators/2024/departement/55.json'), 'utf8')) as IndicatorDocument;
const copy = () => structuredClone(meuse);
const partner = (code: string) => ({ code, label: code, shortLabel: code, exports: 1, imports: 1, balance: 0 });
const rejects = (document: unknown, message: RegExp) => {
  const result = IndicatorDocument.safeParse(document);
  expect(result.success).toBe(false);
  expect(result.error?.message).toMatch(message);
};

describe('schema bounds', () => {
  it('accepts the committed documents', () => {
    expect(IndicatorDocument.safeParse(meuse).success).toBe(true);
  });

  it('refuses more than ten named partners, 3 000 of them, « Autres » elsewhere than last, and repeated codes', () => {
    const codes = Array.from({ length: 3000 }, (_, index) => `P${index}`);
    rejects({ ...copy(), partners: codes.map(partner) }, /too_big|Too big/i);
    rejects({ ...copy(), partners: codes.slice(0, 11).map(partner) }, /at most 10 named entries/);
    rejects({ ...copy(), partners: [partner(OTHERS_CODE), ...codes.slice(0, 3).map(partner)] }, /must come last/);
    rejects({ ...copy(), partners: [partner('DE'), partner('DE')] }, /unique/);
    expect(IndicatorDocument.safeParse({ ...copy(), partners: [...codes.slice(0, 10).map(partner), partner(OTHERS_CODE)] }).success).toBe(true);
  });

  it('refuses more than ten named nodes on a side of a flow, and links between nodes that are not listed', () => {
    const document = copy();
    const node = (code: string) => ({ code, label: code, shortLabel: code, value: 1 });
    document.flows.exports.targets = Array.from({ length: 12 }, (_, index) => node(`T${index}`));
    rejects(document, /too_big|Too big|at most 10 named/i);
    const linked = copy();
    linked.flows.exports.links[0] = { ...linked.flows.exports.links[0], target: 'NOWHERE' };
    rejects(linked, /joins nodes that are not listed/);
  });

  it('refuses empty nodes, links or activities where the flow has trade, and accepts a flow without trade', () => {
    const noSources = copy();
    noSources.flows.exports.sources = [];
    rejects(noSources, /a flow with trade needs sources, targets and links/);
    const noActivities = copy();
    noActivities.activities.imports = [];
    rejects(noActivities, /activities.imports is empty/);
    const noTrade = copy();
    noTrade.totals = { exports: 0, imports: noTrade.totals.imports, balance: -noTrade.totals.imports };
    noTrade.flows.exports = { ...noTrade.flows.exports, total: 0, sources: [], targets: [], links: [] };
    noTrade.activities.exports = [];
    noTrade.partners = [];
    noTrade.shares.exports = { region: 0, france: 0 };
    expect(IndicatorDocument.safeParse(noTrade).error?.message).toBeUndefined();
  });
});

describe('the pipeline stays within the bounds', () => {
  it('writes ten partners, ten nodes per side plus « Autres », and the A129 groups with the rest in « Autres »', async () => {
    const countries = Array.from({ length: 40 }, (_, index) => `${String.fromCharCode(65 + Math.floor(index / 26))}${String.fromCharCode(65 + (index % 26))}`);
    const lines: string[] = [];
    for (let index = 0; index < 200; index += 1) {
      lines.push(`E;${(index % 4) + 1};2024;55;13;G${index};${1000 + index};${countries[index % 40]};${1000 + index};1`);
    }
    const dir = join(scratch, 'many');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'Region_2024_Export.txt'), `${lines.join('\n')}\n`);
    const report = await runBuild(fixtureOptions({ exportPath: join(dir, 'Region_2024_Export.txt') }));
    const document = IndicatorDocument.parse(JSON.parse(report.version.files.get('departement/55.json')!));
    expect(document.partners).toHaveLength(10);
    expect(document.flows.exports.sources.map((node) => node.code).slice(-1)).toEqual([OTHERS_CODE]);
    expect(document.flows.exports.sources).toHaveLength(11);
    expect(document.flows.exports.targets).toHaveLength(11);
    const activities = document.activities.exports;
    expect(activities).toHaveLength(MAX_ACTIVITIES + 1);
    expect(activities.at(-1)).toMatchObject({ code: OTHERS_CODE, label: 'Autres' });
    expect(activities.reduce((sum, activity) => sum + activity.value, 0)).toBe(document.totals.exports);
  });
});
