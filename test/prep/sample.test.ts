/**
 * The bundled sample: its published totals, exactness over every document, and the committed
 * data/indicators/2024 being exactly what the build gives (same bytes).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndicatorDocument, Manifest } from '../../src/core/schema.js';
import { runBuild } from '../../src/prep/node/build-run.js';
import { DEFAULTS } from '../../src/prep/node/defaults.js';

const millions = (euros: number) => Math.round(euros / 1e5) / 10;

describe('the bundled 2024 sample', async () => {
  const report = await runBuild({ ...DEFAULTS, outRoot: null, sample: true, tolerance: 0 });
  const files = report.version.files;
  const doc = (path: string) => IndicatorDocument.parse(JSON.parse(files.get(path)!));

  it('reads every row without a problem', () => {
    expect(report.issueCount).toBe(0);
    expect(report.rows.E + report.rows.I).toBeGreaterThan(1_200_000);
    expect(report.unknownCodes).toEqual({ activity: [], product: [], country: [] });
    expect(Manifest.parse(JSON.parse(files.get('manifest.json')!)).sample).toBe(true);
  });

  it('matches the published totals (M€, one decimal) and the shares printed in the reference factsheets', () => {
    const expected: [string, number, number][] = [
      ['france.json', 580354.5, 684776.3],
      ['region/44.json', 67665.4, 63519.7],
      ['region/75.json', 26635.6, 27634.2],
      ['departement/55.json', 1340.7, 1260.3],
      ['departement/51.json', 8105.8, 5641.1],
      ['departement/23.json', 675.8, 207],
    ];
    for (const [path, exports, imports] of expected) {
      expect([path, millions(doc(path).totals.exports), millions(doc(path).totals.imports)]).toEqual([path, exports, imports]);
    }
    const marne = doc('departement/51.json').shares;
    expect(Math.round(marne.exports.region! * 100)).toBe(12);
    expect((marne.exports.france! * 100).toFixed(2)).toBe('1.40');
    expect((marne.imports.region! * 100).toFixed(1)).toBe('8.9');
    expect((marne.imports.france! * 100).toFixed(2)).toBe('0.82');
    const creuse = doc('departement/23.json').shares;
    expect((creuse.exports.region! * 100).toFixed(1)).toBe('2.5');
    expect((creuse.exports.france! * 100).toFixed(2)).toBe('0.12');
    expect((creuse.imports.region! * 100).toFixed(1)).toBe('0.7');
    expect((creuse.imports.france! * 100).toFixed(2)).toBe('0.03');
    expect((doc('departement/55.json').shares.exports.france! * 100).toFixed(2)).toBe('0.23');
  });

  it('is exact everywhere: matrices, activities, régions and France', () => {
    const documents = [...files.keys()].filter((path) => path !== 'manifest.json').map(doc);
    for (const d of documents) {
      for (const flow of ['exports', 'imports'] as const) {
        const matrix = d.flows[flow];
        expect(matrix.links.reduce((s, l) => s + l.value, 0)).toBe(d.totals[flow]);
        expect(matrix.sources.reduce((s, n) => s + n.value, 0)).toBe(d.totals[flow]);
        expect(matrix.targets.reduce((s, n) => s + n.value, 0)).toBe(d.totals[flow]);
        expect(matrix.sources.length).toBeLessThanOrEqual(11);
        expect(matrix.links.filter((l) => l.highlight)).toHaveLength(5);
        expect(d.activities[flow].reduce((s, a) => s + a.value, 0)).toBe(d.totals[flow]);
      }
      expect(d.partners.length).toBe(10);
      expect(d.partners.some((p) => p.code === 'QU')).toBe(false);
    }
    const france = doc('france.json');
    const regions = documents.filter((d) => d.level === 'region');
    expect(regions.reduce((s, r) => s + r.totals.exports, 0)).toBe(france.totals.exports);
    expect(regions.reduce((s, r) => s + r.totals.imports, 0)).toBe(france.totals.imports);
    for (const region of regions.filter((r) => r.code !== '93')) {
      const members = documents.filter((d) => d.level === 'departement' && d.region?.code === region.code);
      expect(members.reduce((s, d) => s + d.totals.exports, 0)).toBe(region.totals.exports);
      expect(members.reduce((s, d) => s + d.totals.imports, 0)).toBe(region.totals.imports);
    }
    // PACA also holds Monaco, which has no document.
    const paca = documents.filter((d) => d.level === 'departement' && d.region?.code === '93');
    expect(paca.reduce((s, d) => s + d.totals.exports, 0)).toBeLessThan(doc('region/93.json').totals.exports);
  });

  it('is what data/indicators/2024 holds, byte for byte', async () => {
    for (const [path, content] of files) {
      expect([path, await readFile(join(DEFAULTS.outRoot, '2024', path), 'utf8')]).toEqual([path, content]);
    }
  });
});
