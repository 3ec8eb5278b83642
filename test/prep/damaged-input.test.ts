/**
 * Damaged and incomplete customs inputs: each ends in a DataInputError naming the file (and the
 * line where there is one), nothing written; through the CLI, exit 1 and no stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndicatorDocument } from '../../src/core/schema.js';
import { DataInputError } from '../../src/prep/errors.js';
import { runBuild, type BuildOptions } from '../../src/prep/node/build-run.js';
import { fixtureOptions, fixtures, repo } from './fixture-options.js';

const scratch = await mkdtemp(join(tmpdir(), 'damaged-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const goodExport = join(fixtures, 'archives/202502_regional_2024_export.zip');
const extractedExport = join(fixtures, 'extracted/Region_2024_Export.txt');

const options = (overrides: Partial<BuildOptions> = {}) =>
  fixtureOptions({ exportPath: goodExport, importPath: join(fixtures, 'archives/202502_regional_2024_import.zip'), ...overrides });

/** Writes `text` as an extracted export file in a folder of its own and returns its path. */
async function exportFile(name: string, text: string | Buffer): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'Region_2024_Export.txt');
  await writeFile(path, text);
  return path;
}

async function failure(overrides: Partial<BuildOptions>): Promise<DataInputError> {
  const outRoot = join(scratch, `out-${Math.random().toString(36).slice(2)}`);
  const error = await runBuild(options({ outRoot, year: 2024, ...overrides })).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(DataInputError);
  await expect(readdir(outRoot)).rejects.toThrow();
  return error as DataInputError;
}

const fixtureLines = async () => (await readFile(extractedExport, 'utf8')).trimEnd().split('\n');

describe('damaged archives', () => {
  it('names a truncated archive', async () => {
    const path = join(scratch, 'truncated/202502_regional_2024_export.zip');
    await mkdir(join(scratch, 'truncated'), { recursive: true });
    await writeFile(path, (await readFile(goodExport)).subarray(0, 900));
    const error = await failure({ exportPath: path });
    expect(error.message).toMatch(/truncated\/202502_regional_2024_export\.zip: not a readable zip archive/);
    expect(error.messageFr).toMatch(/archive zip lisible/);
  });

  it('names a file that is not a zip, and an empty one', async () => {
    await mkdir(join(scratch, 'html'), { recursive: true });
    const html = join(scratch, 'html/202502_regional_2024_export.zip');
    await writeFile(html, '<html>Maintenance</html>');
    expect((await failure({ exportPath: html })).message).toMatch(/html\/202502_regional_2024_export\.zip: not a readable zip archive/);
    await mkdir(join(scratch, 'zero'), { recursive: true });
    const zero = join(scratch, 'zero/202502_regional_2024_export.zip');
    await writeFile(zero, '');
    expect((await failure({ exportPath: zero })).message).toMatch(/zero\/202502_regional_2024_export\.zip: not a readable zip archive/);
  });

  it('checks the CRC: a changed digit in a stored entry inflates to plausible text but fails', async () => {
    const error = await failure({ exportPath: join(fixtures, 'damaged/crc/202502_regional_2024_export.zip') });
    expect(error.message).toMatch(/202502_regional_2024_export\.zip!Regional-2024-export\/Region_2024_Export\.txt: unreadable( after line \d+)? \(CRC-32 mismatch/);
  });

  it('stops early on an archive whose compressed bytes were damaged, naming it and the line', async () => {
    const sample = await readFile(join(repo, 'data/raw/sample-2024/202502_regional_2024_export.zip'));
    const damaged = Buffer.from(sample);
    for (let i = 2_000_000; i < 2_000_400; i += 1) damaged[i] ^= 0x5a;
    await mkdir(join(scratch, 'flipped'), { recursive: true });
    const path = join(scratch, 'flipped/202502_regional_2024_export.zip');
    await writeFile(path, damaged);
    const error = await failure({
      exportPath: path,
      importPath: join(repo, 'data/raw/sample-2024/202502_regional_2024_import.zip'),
      labelsDir: join(repo, 'data/raw/labels'),
    });
    expect(error.message).toMatch(/202502_regional_2024_export\.zip!Regional-2024-export\/Region_2024_Export\.txt/);
    const line = Number(/(?:stopped at line|unreadable after line) (\d+)/.exec(error.message)?.[1]);
    expect(line).toBeGreaterThan(0);
    expect(line).toBeLessThan(631_108);
  });
});

describe('values that cannot be summed exactly', () => {
  it('reports a value beyond 2^53 − 1 with its line', async () => {
    const path = await exportFile('huge', `${(await fixtureLines()).join('\n')}\nE;1;2024;55;13;C10E;1051;DE;99999999999999999999;1\n`);
    const error = await failure({ exportPath: path });
    expect(error.issues).toEqual([
      expect.objectContaining({ file: 'Region_2024_Export.txt', line: 13, reason: expect.stringMatching(/value "99999999999999999999" is too large to be exact/) }),
    ]);
  });

  it('reports the line where the sum of the flow stops being exact', async () => {
    const lines = [...(await fixtureLines()), 'E;1;2024;55;13;C10E;1051;FR;4503599627370496;1', 'E;2;2024;55;13;C10E;1051;FR;4503599627370496;1'];
    const error = await failure({ exportPath: await exportFile('sum', lines.join('\n')) });
    expect(error.issues.map((issue) => [issue.line, issue.reason])).toEqual([[14, expect.stringMatching(/sum of the flow exceeds 2\^53/)]]);
  });
});

describe('empty and partial inputs', () => {
  it('fails on an empty data file unless partial data is allowed', async () => {
    const path = await exportFile('empty', '');
    const error = await failure({ exportPath: path });
    expect(error.message).toMatch(/Region_2024_Export\.txt: no row of 2024 \(empty file or entry\)/);
    expect(error.message).toMatch(/--allow-partial/);
    const report = await runBuild(options({ exportPath: path, year: 2024, allowPartial: true }));
    expect(report.warnings.join('\n')).toMatch(/no row of 2024.*allowed by --allow-partial/);
  });

  it('fails on an empty data entry in an archive', async () => {
    const error = await failure({ exportPath: join(fixtures, 'damaged/empty-entry/202502_regional_2024_export.zip') });
    expect(error.message).toMatch(/202502_regional_2024_export\.zip!Regional-2024-export\/Region_2024_Export\.txt: no row of 2024/);
  });

  it('fails on a year missing a quarter', async () => {
    const withoutQ4 = (await fixtureLines()).filter((line) => !line.startsWith('E;4;'));
    const error = await failure({ exportPath: await exportFile('three-quarters', withoutQ4.join('\n')) });
    expect(error.message).toMatch(/only quarter\(s\) 1, 2, 3 of 2024/);
  });
});

describe('duplicate rows', () => {
  it('fails on a line repeated whole, naming both lines; skips it when tolerated', async () => {
    const lines = await fixtureLines();
    const path = await exportFile('duplicate', [...lines, lines[0]].join('\n'));
    const error = await failure({ exportPath: path });
    expect(error.issues).toEqual([expect.objectContaining({ line: 13, reason: 'duplicate of line 1' })]);
    const report = await runBuild(options({ exportPath: path, year: 2024, tolerance: 1 }));
    const france = IndicatorDocument.parse(JSON.parse(report.version.files.get('france.json')!));
    expect(france.totals.exports).toBe(2990);
  });

  it('finds a repeated line wherever it is, also when the file is not sorted', async () => {
    const lines = await fixtureLines();
    const path = await exportFile('duplicate-unsorted', [lines[5], ...lines, lines[3], lines[8]].join('\n'));
    const error = await failure({ exportPath: path });
    expect(error.issues.map((issue) => [issue.line, issue.reason])).toEqual([
      [7, 'duplicate of line 1'],
      [14, 'duplicate of line 5'],
      [15, 'duplicate of line 10'],
    ]);
  });

  it('warns, with counts and lines, about rows that repeat a key with other figures, and sums them', async () => {
    const lines = await fixtureLines();
    const path = await exportFile('repeated-key', [...lines, 'E;1;2024;55;13;C10E;1051;DE;7;1'].join('\n'));
    const report = await runBuild(options({ exportPath: path, year: 2024 }));
    expect(report.warnings.join('\n')).toMatch(/Region_2024_Export\.txt: 1 row\(s\) repeat the quarter, département, A129, CPF4 and country of an earlier row with other figures \(summed\): line 13 \(first at line 1\)/);
    const france = IndicatorDocument.parse(JSON.parse(report.version.files.get('france.json')!));
    expect(france.totals.exports).toBe(2997);
  });
});

describe('npm run data:build on a damaged archive', () => {
  it('exits 1 with the file named and no stack trace, writing nothing', async () => {
    await mkdir(join(scratch, 'cli'), { recursive: true });
    const path = join(scratch, 'cli/202502_regional_2024_export.zip');
    await writeFile(path, (await readFile(goodExport)).subarray(0, 900));
    const outRoot = join(scratch, 'cli-out');
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(repo, 'src/cli/data-build.ts'), '--export', path, '--import', join(fixtures, 'archives/202502_regional_2024_import.zip'), '--out', outRoot, '--schema-out', join(scratch, 'cli-schema')],
        { cwd: repo },
        (error, _stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^data:build failed: .*cli\/202502_regional_2024_export\.zip: not a readable zip archive/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await expect(readdir(outRoot)).rejects.toThrow();
  });
});
