import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowReader, type FlowReaderOptions } from '../../src/prep/flow-reader.js';
import { parseGeography } from '../../src/prep/geography.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const geography = parseGeography(read('data/raw/labels/Departement_region.txt'), read('data/raw/insee/departements_101_with_dgddi_codes.csv'));

function readLines(lines: string[], options: Partial<FlowReaderOptions> = {}) {
  const reader = new FlowReader({ flow: 'E', year: 2024, otherYears: 'reject', file: 'Region_2024_Export.txt', geography, ...options });
  lines.forEach((line, index) => reader.readLine(line, index + 1));
  return reader;
}

const valid = 'E;1;2024;55;13;C10E;1051;DE;1000;10';

describe('FlowReader: each malformed line is reported with file, line and reason', () => {
  const cases: [string, string, RegExp][] = [
    ['wrong field count', 'E;1;2024;55;13;C10E;1051;DE;100', /expected 10 fields.*got 9/],
    ['too many fields (a ";" inside a field)', 'E;1;2024;55;13;C10E;1051;DE;1;2;3', /got 11/],
    ['non-numeric value', 'E;1;2024;55;13;C10E;1051;DE;abc;1', /non-numeric value "abc"/],
    ['decimal value', 'E;1;2024;55;13;C10E;1051;DE;1,5;1', /non-numeric value "1,5"/],
    ['empty value', 'E;1;2024;55;13;C10E;1051;DE;;1', /non-numeric value ""/],
    ['negative value', 'E;1;2024;55;13;C10E;1051;DE;-5;1', /negative value "-5"/],
    ['non-numeric mass', 'E;1;2024;55;13;C10E;1051;DE;5;x', /non-numeric mass/],
    ['unknown flow', 'X;1;2024;55;13;C10E;1051;DE;5;1', /unknown flow "X"/],
    ['import line in the export file', 'I;1;2024;55;13;C10E;1051;DE;5;1', /flow "I" in a file of flow "E"/],
    ['quarter out of range', 'E;5;2024;55;13;C10E;1051;DE;5;1', /unknown quarter "5"/],
    ['year mismatch', 'E;1;2023;55;13;C10E;1051;DE;5;1', /year 2023 does not match the expected year 2024/],
    ['INSEE Corse code instead of the customs 20', 'E;1;2024;2A;22;C10E;1051;DE;5;1', /unknown département code "2A"/],
    ['INSEE overseas code instead of 9A', 'E;1;2024;971;24;C10E;1051;DE;5;1', /unknown département code "971"/],
    ['INSEE région code instead of the customs one', 'E;1;2024;55;44;C10E;1051;DE;5;1', /unknown région code "44"/],
    ['région of another département', 'E;1;2024;55;21;C10E;1051;DE;5;1', /région "21" does not match département 55 \(région 13\)/],
    ['empty product code', 'E;1;2024;55;13;C10E;;DE;5;1', /empty A129, CPF4 or country code/],
  ];
  for (const [name, line, reason] of cases) {
    it(name, () => {
      const reader = readLines([valid, line]);
      expect(reader.issueCount).toBe(1);
      expect(reader.issues[0]).toMatchObject({ file: 'Region_2024_Export.txt', line: 2 });
      expect(reader.issues[0].reason).toMatch(reason);
      expect(reader.issues[0].reasonFr.length).toBeGreaterThan(5);
      expect(reader.rowsRead).toBe(1);
      expect(reader.aggregate.perDepartement().reduce((sum, d) => sum + d.total, 0)).toBe(1000);
    });
  }
});

describe('FlowReader: sums', () => {
  it('sums the quarters of a cell and accepts the customs codes 20, 9A–9E and 99', () => {
    const reader = readLines([
      'E;1;2024;55;13;C10E;1051;DE;100;1',
      'E;2;2024;55;13;C10E;1051;DE;200;1',
      'E;3;2024;20;22;C10E;1051;DE;7;1',
      'E;4;2024;9E;24;C10E;1051;DE;8;1',
      'E;4;2024;99;21;C10E;1051;DE;9;',
    ]);
    expect(reader.issueCount).toBe(0);
    const sums = reader.aggregate.perDepartement();
    const codes = reader.aggregate.departementCodes;
    expect(sums[codes.indexOf('55')].total).toBe(300);
    expect([...sums[codes.indexOf('55')].cells.values]).toEqual([300]);
    expect(sums[codes.indexOf('20')].total).toBe(7);
    expect(sums[codes.indexOf('9E')].total).toBe(8);
    expect(sums[codes.indexOf('99')].total).toBe(9);
  });

  it('skips the other years of the rolling file and reports the quarters it covers', () => {
    const reader = readLines(['E;4;2023;55;13;C10E;1051;DE;999;1', 'E;1;2024;55;13;C10E;1051;DE;5;1'], { otherYears: 'skip' });
    expect(reader.issueCount).toBe(0);
    expect(reader.rowsSkippedOtherYears).toBe(1);
    expect(reader.rowsRead).toBe(1);
    expect([...reader.quartersSeen].sort()).toEqual(['2023-Q4', '2024-Q1']);
  });

  it('counts every issue but keeps only a bounded number of details', () => {
    const reader = readLines(Array.from({ length: 50 }, () => 'garbage'), { maxIssueDetails: 10 });
    expect(reader.issueCount).toBe(50);
    expect(reader.issues).toHaveLength(10);
  });
});

describe('FlowReader: repeated lines', () => {
  it('finds a repeated line whose key is longer than the ones before it', () => {
    const long = `E;1;2024;55;13;C10E;1051;${'Z'.repeat(300)};5;1`;
    const reader = readLines(['E;1;2024;55;13;C10E;1051;DE;5;1', long, long]);
    expect(reader.duplicateLineCount).toBe(1);
    expect(reader.issues.map((issue) => [issue.line, issue.reason])).toEqual([[3, 'duplicate of line 2']]);
  });

  it('finds repeated lines and repeated keys after the rows stop being sorted, far back in a long file', () => {
    // 70,000 sorted rows (more than one block of the sorted rows' history), then rows out of order.
    const countries = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
    const products = Array.from({ length: 104 }, (_, i) => String(1000 + i));
    const sorted = products.flatMap((product) => countries.map((country) => `E;1;2024;55;13;C10E;${product};${country};5;1`)).slice(0, 70_000);
    const reader = readLines([...sorted, sorted[2], sorted[68_999], sorted[68_999].replace(/;5;1$/, ';6;1')]);
    expect(reader.issues.map((issue) => [issue.line, issue.reason])).toEqual([
      [70_001, 'duplicate of line 3'],
      [70_002, 'duplicate of line 69000'],
    ]);
    expect(reader.repeatedKeys).toEqual([{ line: 70_003, firstLine: 69_000 }]);
    expect(reader.rowsRead).toBe(70_001);
  });

  it('tells a repeated line from rows that differ in their last key field only', () => {
    const reader = readLines([
      'E;1;2024;55;13;C10E;1051;DE;5;1',
      'E;1;2024;55;13;C10E;1051;DK;5;1',
      'E;1;2024;55;13;C10E;1051;DK;5;1',
      'E;1;2024;55;13;C10E;1051;DKX;6;1',
      'E;1;2024;55;13;C10E;1051;DE;7;1',
    ]);
    expect(reader.issues.map((issue) => [issue.line, issue.reason])).toEqual([[3, 'duplicate of line 2']]);
    expect(reader.repeatedKeys).toEqual([{ line: 5, firstLine: 1 }]);
  });
});

describe('FlowReader: bytes cut anywhere', () => {
  const text = '\ufeffE;1;2024;55;13;C10E;1051;DE;100;1\r\n\r\nE;2;2024;55;13;C10E;1051;BE;200;\r\nE;3;2024;55;13;C10E;1051;DE;abc;1\nE;4;2024;51;13;C29A;2910;US;7;1';
  const bytes = new TextEncoder().encode(text);

  function readChunks(size: number) {
    const reader = new FlowReader({ flow: 'E', year: 2024, otherYears: 'reject', file: 'Region_2024_Export.txt', geography });
    for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
    reader.end();
    return reader;
  }

  it('gives the same rows, sums and line numbers whatever the chunk size (BOM, CRLF, blank line, no final break)', () => {
    for (const size of [1, 2, 3, 7, 16, bytes.length]) {
      const reader = readChunks(size);
      expect([size, reader.rowsRead, reader.issues.map((issue) => issue.line)]).toEqual([size, 3, [4]]);
      expect(reader.aggregate.perDepartement().reduce((sum, d) => sum + d.total, 0)).toBe(307);
      expect([...reader.quartersSeen]).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    }
  });

  it('reports a line longer than any data line once and goes on with the next one', () => {
    const reader = new FlowReader({ flow: 'E', year: 2024, otherYears: 'reject', file: 'Region_2024_Export.txt', geography });
    const long = new Uint8Array(20_000).fill(0x41);
    reader.push(new TextEncoder().encode('E;1;2024;55;13;C10E;1051;DE;100;1\n'));
    for (let i = 0; i < long.length; i += 1000) reader.push(long.subarray(i, i + 1000));
    reader.push(new TextEncoder().encode('\nE;2;2024;55;13;C10E;1051;DE;100;1\n'));
    reader.end();
    expect(reader.rowsRead).toBe(2);
    expect(reader.issues.map((issue) => [issue.line, issue.reason])).toEqual([[2, expect.stringMatching(/longer than 4096 bytes/)]]);
    expect(reader.linesSeen).toBe(3);
  });
});
