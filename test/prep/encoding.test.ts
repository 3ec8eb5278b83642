/**
 * The encoding of each label file is found from its bytes and reported: a stray Windows-1252 byte
 * in a UTF-8 file is a reported line, not a whole file of mojibake; UTF-16 with or without BOM is
 * decoded; a file that cannot be decoded says so.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndicatorDocument } from '../../src/core/schema.js';
import { DataInputError } from '../../src/prep/errors.js';
import { parseLabelFile } from '../../src/prep/labels.js';
import { runBuild } from '../../src/prep/node/build-run.js';
import { decodeTextFile } from '../../src/prep/text.js';
import { fixtureOptions, fixtures } from './fixture-options.js';

const scratch = await mkdtemp(join(tmpdir(), 'encoding-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** « Norvège » whose è is the single Windows-1252 byte 0xE8, among UTF-8 lines with accents. */
const strayByte = Buffer.concat([utf8('DE;Allemagne;190001;999912\r\nNO;Norv'), Buffer.from([0xe8]), utf8('ge;190001;999912\r\nQU;Pays et territoires non déterminés;201201;999912\r\n')]);

describe('decodeTextFile', () => {
  it('reports the line of a stray Windows-1252 byte in a UTF-8 file and keeps the other lines right', () => {
    const decoded = decodeTextFile(strayByte, 'Libelle_PAYS.txt');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.description).toBe('UTF-8, 1 line(s) with bytes that are not UTF-8');
    expect(decoded.issues).toEqual([
      expect.objectContaining({ file: 'Libelle_PAYS.txt', line: 2, reason: expect.stringMatching(/byte 0xE8 at column 8 is not UTF-8.*« è »/) }),
    ]);
    const labels = parseLabelFile(decoded.text, 'Libelle_PAYS.txt', 2024).labels;
    expect(labels.get('QU')).toBe('Pays et territoires non déterminés');
    expect(labels.get('NO')).toBe('Norvège');
  });

  it('still reads a file that is Windows-1252 throughout as Windows-1252', async () => {
    const decoded = decodeTextFile(await readFile(join(fixtures, 'labels/Libelle_CPF4_rev2.1.txt')), 'Libelle_CPF4_rev2.1.txt');
    expect([decoded.encoding, decoded.description, decoded.issues]).toEqual(['windows-1252', 'Windows-1252', []]);
  });

  const text = 'NO;Norvège;190001;999912\r\nQU;Pays et territoires non déterminés;201201;999912\r\n';
  const cases: [string, Buffer, string][] = [
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]), 'UTF-8 with BOM'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'UTF-16LE with BOM'],
    ['UTF-16LE without BOM', Buffer.from(text, 'utf16le'), 'UTF-16LE without BOM'],
    ['UTF-16BE without BOM', Buffer.from(text, 'utf16le').swap16(), 'UTF-16BE without BOM'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), 'UTF-16BE with BOM'],
  ];
  for (const [name, bytes, description] of cases) {
    it(`decodes ${name} and says so`, () => {
      const decoded = decodeTextFile(bytes, 'Libelle_PAYS.txt');
      expect(decoded.description).toBe(description);
      expect(decoded.issues).toEqual([]);
      const { labels, issues } = parseLabelFile(decoded.text, 'Libelle_PAYS.txt', 2024);
      expect(issues).toEqual([]);
      expect(labels.get('NO')).toBe('Norvège');
    });
  }

  it('rejects UTF-16 that cannot be decoded, with a clear reason', () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from([0x41])]);
    expect(decodeTextFile(broken, 'Libelle_PAYS.txt').issues).toEqual([
      expect.objectContaining({ file: 'Libelle_PAYS.txt', line: null, reason: 'looks like UTF-16LE with BOM but is not valid UTF-16LE' }),
    ]);
  });
});

describe('label encodings in the build', () => {
  async function labelsWith(name: string, bytes: Buffer): Promise<string> {
    const dir = await mkdtemp(join(scratch, 'labels-'));
    await cp(join(fixtures, 'labels'), dir, { recursive: true });
    await writeFile(join(dir, name), bytes);
    return dir;
  }
  const build = (labelsDir: string, tolerance = 0) =>
    runBuild(fixtureOptions({ labelsDir, tolerance }));

  it('says which encoding each label file has', async () => {
    const report = await build(join(fixtures, 'labels'));
    expect(report.labelEncodings).toEqual({
      'Departement_region.txt': 'UTF-8',
      'Libelle_A129.txt': 'UTF-8 with BOM',
      'Libelle_CPF4_rev2.1.txt': 'Windows-1252',
      'Libelle_PAYS.txt': 'UTF-8',
    });
  });

  it('fails on a stray byte with the file and line, and reads the labels right when tolerated', async () => {
    const original = await readFile(join(fixtures, 'labels/Libelle_PAYS.txt'));
    const lines = original.toString('utf8').split('\r\n');
    const withStray = Buffer.concat([utf8(`${lines.slice(0, 2).join('\r\n')}\r\nDE;Allemagne d`), Buffer.from([0xe9]), utf8(`but;190001;999912\r\n${lines.slice(3).join('\r\n')}`)]);
    const dir = await labelsWith('Libelle_PAYS.txt', withStray);
    const error = await build(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataInputError);
    expect((error as DataInputError).message).toMatch(/Libelle_PAYS\.txt:3: byte 0xE9 at column 15 is not UTF-8/);
    const report = await build(dir, 1);
    const meuse = IndicatorDocument.parse(JSON.parse(report.version.files.get('departement/55.json')!));
    expect(meuse.partners.find((partner) => partner.code === 'QU')).toBeUndefined();
    expect(meuse.flows.exports.targets.find((node) => node.code === 'QU')?.label).toBe('Pays et territoires non déterminés');
    expect(meuse.partners.find((partner) => partner.code === 'DE')?.label).toBe('Allemagne début');
  });

  it('reads a UTF-16 label file instead of reporting a wrong field count', async () => {
    const original = await readFile(join(fixtures, 'labels/Libelle_PAYS.txt'), 'utf8');
    const report = await build(await labelsWith('Libelle_PAYS.txt', Buffer.from(original, 'utf16le')));
    expect(report.labelEncodings['Libelle_PAYS.txt']).toBe('UTF-16LE without BOM');
    const meuse = IndicatorDocument.parse(JSON.parse(report.version.files.get('departement/55.json')!));
    expect(meuse.flows.exports.targets.find((node) => node.code === 'QU')?.label).toBe('Pays et territoires non déterminés');
  });
});

describe('duplicate label codes in the build', () => {
  it('warns with the count and the first lines', async () => {
    const original = await readFile(join(fixtures, 'labels/Libelle_PAYS.txt'), 'utf8');
    const dir = await mkdtemp(join(scratch, 'labels-'));
    await cp(join(fixtures, 'labels'), dir, { recursive: true });
    await writeFile(join(dir, 'Libelle_PAYS.txt'), `${original}DE;Allemagne;190001;999912\r\n`);
    const report = await runBuild(fixtureOptions({ labelsDir: dir, tolerance: 0 }));
    const lineCount = original.trimEnd().split('\r\n').length;
    expect(report.warnings).toContain(
      `Libelle_PAYS.txt: 1 code(s) with more than one row valid in 2024 (1 repeating the same line; the row starting latest is used): DE at lines 3, ${lineCount + 1}`,
    );
  });
});
