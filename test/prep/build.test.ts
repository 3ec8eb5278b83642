import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { IndicatorDocument, Manifest } from '../../src/core/schema.js';
import { DataInputError } from '../../src/prep/errors.js';
import { runBuild, type BuildOptions } from '../../src/prep/node/build-run.js';

const fixtures = fileURLToPath(new URL('../fixtures/raw/', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
const scratch = await mkdtemp(join(tmpdir(), 'data-build-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

function options(overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    exportPath: join(fixtures, 'archives/202502_regional_2024_export.zip'),
    importPath: join(fixtures, 'archives/202502_regional_2024_import.zip'),
    labelsDir: join(fixtures, 'labels'),
    geographyTable: join(repo, 'data/raw/insee/departements_101_with_dgddi_codes.csv'),
    territoiresPath: join(fixtures, 'territoires/liste-ti-com2023-20240704.csv'),
    shortLabelsPath: join(repo, 'data/raw/short-labels.csv'),
    outRoot: null,
    sample: false,
    tolerance: 0,
    ...overrides,
  };
}

function documentOf(files: Map<string, string>, path: string) {
  const text = files.get(path);
  if (!text) throw new Error(`no ${path}`);
  return IndicatorDocument.parse(JSON.parse(text));
}

describe('data build from archives in the official layout', async () => {
  const report = await runBuild(options());
  const files = report.version.files;
  const doc = (path: string) => documentOf(files, path);

  it('writes a manifest and one document per département (Corse once, no Monaco), région and France', () => {
    const manifest = Manifest.parse(JSON.parse(files.get('manifest.json')!));
    expect(manifest).toMatchObject({ year: 2024, sample: false, dataVersion: report.dataVersion, generatedAt: '2025-02-14T09:30:00.000Z' });
    expect(manifest.source.quarters).toEqual([1, 2, 3, 4]);
    const departements = [...files.keys()].filter((path) => path.startsWith('departement/'));
    expect(departements).toHaveLength(100);
    expect(files.has('departement/20.json')).toBe(true);
    expect(files.has('departement/2A.json')).toBe(false);
    expect(files.has('departement/99.json')).toBe(false);
    expect([...files.keys()].filter((path) => path.startsWith('region/')).sort()).toEqual(
      ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94', 'DOM'].map((code) => `region/${code}.json`),
    );
    const corse = manifest.geographies.filter((geo) => geo.document === 'departement/20.json').map((geo) => geo.code);
    expect(corse).toEqual(['2A', '2B']);
    expect(manifest.geographies.find((geo) => geo.code === '974')).toMatchObject({ region: { code: 'DOM', name: 'DOM' }, document: 'departement/974.json' });
    expect(manifest.geographies.at(-1)).toMatchObject({ level: 'france', code: 'FR', document: 'france.json' });
  });

  it('sums the quarters into yearly totals and the shares of région and France', () => {
    const meuse = doc('departement/55.json');
    expect(meuse).toMatchObject({ code: '55', customsCode: '55', name: 'Meuse', region: { code: '44', name: 'Grand Est' } });
    expect(meuse.totals).toEqual({ exports: 2060, imports: 1550, balance: 510 });
    expect(meuse.shares.exports.region).toBeCloseTo(2060 / 2760, 12);
    expect(meuse.shares.imports.france).toBeCloseTo(1550 / 2160, 12);
    expect(doc('france.json').totals).toEqual({ exports: 2990, imports: 2160, balance: 830 });
    expect(doc('france.json').shares).toEqual({ exports: { region: null, france: null }, imports: { region: null, france: null } });
    expect(doc('region/44.json').shares.exports).toEqual({ region: null, france: 2760 / 2990 });
  });

  it('counts Monaco (99) in Provence-Alpes-Côte d’Azur and France', () => {
    expect(doc('region/93.json').totals).toEqual({ exports: 140, imports: 200, balance: -60 });
    expect(doc('region/93.json').name).toBe("Provence-Alpes-Côte d'Azur");
  });

  it('builds Corse (customs 20) as document 20 in région 94, and the overseas départements against DOM', () => {
    expect(doc('departement/20.json')).toMatchObject({ code: '20', customsCode: '20', name: 'Corse', region: { code: '94', name: 'Corse' } });
    expect(doc('departement/20.json').totals).toEqual({ exports: 40, imports: 300, balance: -260 });
    expect(doc('departement/20.json').shares.exports.region).toBe(1);
    expect(doc('departement/971.json')).toMatchObject({ customsCode: '9A', name: 'Guadeloupe', region: { code: 'DOM', name: 'DOM' } });
    expect(doc('region/DOM.json')).toMatchObject({ code: 'DOM', customsCode: '24', name: 'DOM', totals: { exports: 50, imports: 40 } });
    expect(doc('departement/974.json').shares.exports.region).toBe(20 / 50);
  });

  it('labels countries as valid in the year (XK Kosovo, XS Serbie) and keeps QU out of the partners only', () => {
    const meuse = doc('departement/55.json');
    expect(meuse.partners.map((partner) => partner.code)).toEqual(['DE', 'BE', 'US', 'CN', 'XK', 'ZZ']);
    expect(meuse.partners.find((p) => p.code === 'XK')?.label).toBe('Kosovo');
    expect(meuse.partners[0]).toMatchObject({ code: 'DE', exports: 1500, imports: 900, balance: 600, shortLabel: 'Allemagne' });
    const qu = meuse.flows.exports.targets.find((node) => node.code === 'QU');
    expect(qu).toMatchObject({ label: 'Pays et territoires non déterminés', shortLabel: 'Non déterminés', value: 50 });
    expect(doc('departement/974.json').flows.exports.targets[0].label).toBe('Serbie');
  });

  it('keeps unknown product and country codes as their label and reports them', () => {
    const meuse = doc('departement/55.json');
    expect(meuse.flows.exports.sources.find((node) => node.code === '9999')).toMatchObject({ label: '9999', shortLabel: '9999', value: 10 });
    expect(report.unknownCodes).toEqual({ activity: [], product: ['9999'], country: ['ZZ'] });
    expect(report.warnings.join('\n')).toMatch(/9999/);
  });

  it('lists the A129 activities of each flow with their share', () => {
    const meuse = doc('departement/55.json');
    expect(meuse.activities.exports.map((a) => [a.code, a.value])).toEqual([
      ['C10E', 1710],
      ['C26E', 300],
      ['A01Z', 50],
    ]);
    expect(meuse.activities.exports[0].share).toBe(1710 / 2060);
    expect(meuse.activities.exports[1].shortLabel).toBe('Appareils de mesure, horlogerie');
  });

  it('applies the commune-level Territoires d’industrie rule', () => {
    expect(doc('departement/52.json').territoiresIndustrie).toEqual({
      programme: '2023–2027',
      principaux: true,
      items: [{ id: 'ti-4402', name: 'Sud Haute-Marne', departements: ['52'] }],
    });
    expect(doc('departement/20.json').territoiresIndustrie.items).toEqual([{ id: 'ti-9401', name: 'Ajaccio, pays ajaccien', departements: ['2A', '2B'] }]);
    expect(doc('departement/01.json').territoiresIndustrie).toEqual({ programme: '2023–2027', principaux: false, items: [] });
    expect(doc('region/44.json').territoiresIndustrie).toEqual({ principaux: false, items: [] });
    expect(report.territoiresFormat).toBe('commune');
    expect(Manifest.parse(JSON.parse(files.get('manifest.json')!)).source.territoiresIndustrie).toEqual({
      programme: '2023–2027',
      file: 'liste-ti-com2023-20240704.csv',
      fileDate: '2024-07-04',
    });
  });

  it('is exact: matrices sum to the totals, régions to their départements, France to everything', () => {
    const all = [...files.keys()].filter((path) => path !== 'manifest.json').map((path) => doc(path));
    for (const d of all) {
      for (const flow of ['exports', 'imports'] as const) {
        const matrix = d.flows[flow];
        expect(matrix.total).toBe(d.totals[flow]);
        expect(matrix.links.reduce((s, l) => s + l.value, 0)).toBe(d.totals[flow]);
        expect(d.activities[flow].reduce((s, a) => s + a.value, 0)).toBe(d.totals[flow]);
      }
    }
    const regions = all.filter((d) => d.level === 'region');
    const departements = all.filter((d) => d.level === 'departement');
    for (const region of regions.filter((r) => r.code !== '93')) {
      const members = departements.filter((d) => d.region?.code === region.code);
      expect(members.reduce((s, d) => s + d.totals.exports, 0)).toBe(region.totals.exports);
      expect(members.reduce((s, d) => s + d.totals.imports, 0)).toBe(region.totals.imports);
    }
    expect(regions.reduce((s, r) => s + r.totals.exports, 0)).toBe(2990);
  });

  it('gives the same bytes twice', async () => {
    const again = await runBuild(options());
    expect([...again.version.files]).toEqual([...files]);
  });
});

describe('other official inputs', () => {
  it('accepts the extracted .txt files with the label files beside them', async () => {
    const archives = await runBuild(options());
    const report = await runBuild(options({
      exportPath: join(fixtures, 'extracted/Region_2024_Export.txt'),
      importPath: join(fixtures, 'extracted/Region_2024_Import.txt'),
      generatedAt: '2025-02-14T09:30:00.000Z',
      year: 2024,
    }));
    expect(report.dataVersion).toBe(archives.dataVersion);
    expect(report.version.files.get('departement/55.json')).toBe(archives.version.files.get('departement/55.json'));
  });

  it('reads the rolling REGIONAL_CPF4PAYS files for the year asked, and reports the quarters', async () => {
    const report = await runBuild(options({
      exportPath: join(fixtures, 'rolling/REGIONAL_CPF4PAYSE.txt'),
      importPath: join(fixtures, 'rolling/REGIONAL_CPF4PAYSI.txt'),
      year: 2024,
    }));
    expect(report.rowsSkippedOtherYears).toEqual({ E: 1, I: 1 });
    expect(report.quartersSeen.E).toEqual(['2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(report.quarters).toEqual([1, 2, 3, 4]);
    expect(documentOf(report.version.files, 'france.json').totals.exports).toBe(2990);
    const only2023 = await runBuild(options({
      exportPath: join(fixtures, 'rolling/REGIONAL_CPF4PAYSE.txt'),
      importPath: join(fixtures, 'rolling/REGIONAL_CPF4PAYSI.txt'),
      year: 2023,
      allowPartial: true,
    }));
    expect(only2023.quarters).toEqual([4]);
    expect(only2023.warnings.join('\n')).toMatch(/only quarter\(s\) 4 of 2023/);
    expect(documentOf(only2023.version.files, 'france.json').totals).toEqual({ exports: 99999, imports: 88888, balance: 11111 });
  });

  it('asks for the year with the rolling files', async () => {
    await expect(runBuild(options({
      exportPath: join(fixtures, 'rolling/REGIONAL_CPF4PAYSE.txt'),
      importPath: join(fixtures, 'rolling/REGIONAL_CPF4PAYSI.txt'),
    }))).rejects.toThrow(/--year/);
  });

  it('refuses an archive given as the wrong flow', async () => {
    await expect(runBuild(options({ exportPath: join(fixtures, 'archives/202502_regional_2024_import.zip') }))).rejects.toThrow(/holds the import flow/);
  });
});

describe('malformed input', () => {
  const malformed = options({ exportPath: join(fixtures, 'malformed/Region_2024_Export.txt'), importPath: join(fixtures, 'extracted/Region_2024_Import.txt') });

  it('fails with every bad line (file, line, reason) and writes nothing, leaving the previous version in place', async () => {
    const outRoot = join(scratch, 'failing');
    await mkdir(join(outRoot, '2024'), { recursive: true });
    await writeFile(join(outRoot, '2024/manifest.json'), 'previous');
    const failure = await runBuild({ ...malformed, outRoot }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataInputError);
    const error = failure as DataInputError;
    expect(error.message).toMatch(/8 malformed line\(s\), more than the tolerance of 0/);
    expect(error.messageFr).toMatch(/aucun fichier n'a été écrit/);
    expect(error.issues.map((issue) => [issue.file, issue.line])).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((line) => ['Region_2024_Export.txt', line]));
    expect(error.issues.map((issue) => issue.reason).join('\n')).toMatch(/got 9[\s\S]*"abc"[\s\S]*negative[\s\S]*unknown flow[\s\S]*year 2023[\s\S]*"2A"[\s\S]*région code "44"[\s\S]*"1,5"/);
    expect(await readdir(outRoot)).toEqual(['2024']);
    expect(await readFile(join(outRoot, '2024/manifest.json'), 'utf8')).toBe('previous');
  });

  it('skips and reports the bad lines within the tolerance', async () => {
    const outRoot = join(scratch, 'tolerant');
    const report = await runBuild({ ...malformed, outRoot, tolerance: 8, allowPartial: true });
    expect(report.issueCount).toBe(8);
    expect(report.rows.E).toBe(1);
    expect(await readdir(outRoot)).toEqual(['2024']);
    const france = IndicatorDocument.parse(JSON.parse(await readFile(join(outRoot, '2024/france.json'), 'utf8')));
    expect(france.totals.exports).toBe(1000);
    await expect(runBuild({ ...malformed, outRoot, tolerance: 7, allowPartial: true })).rejects.toThrow(/more than the tolerance of 7/);
  });
});

describe('npm run data:build', () => {
  it('exits with a summary in English and a French message on malformed input, writing nothing', async () => {
    const { execFile } = await import('node:child_process');
    const outRoot = join(scratch, 'cli');
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          '--import', 'tsx', join(repo, 'src/cli/data-build.ts'),
          '--export', join(fixtures, 'malformed/Region_2024_Export.txt'),
          '--import', join(fixtures, 'extracted/Region_2024_Import.txt'),
          '--labels', join(fixtures, 'labels'),
          '--out', outRoot,
          '--schema-out', join(scratch, 'cli-schema'),
        ],
        { cwd: repo },
        (error, stdout, stderr) => resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data:build failed: 8 malformed line\(s\)/);
    expect(result.stderr).toMatch(/Region_2024_Export\.txt:3: non-numeric value "abc"/);
    expect(result.stderr).toMatch(/\(fr\) 8 ligne\(s\) mal formée\(s\)/);
    await expect(readdir(outRoot)).rejects.toThrow();
  });
});
