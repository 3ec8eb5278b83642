/**
 * The customs label files (`Libelle_A129.txt`, `Libelle_CPF4_rev2.1.txt`, `Libelle_PAYS.txt`):
 * `code;libellé;début(AAAAMM);fin(AAAAMM)`, no header. The country file keeps historic rows, and
 * some codes (QU, XK, XS) appear twice with different validity: only the row valid during the
 * year counts, and if several are, the most recent one.
 */
import { splitDelimited } from './delimited.js';
import { splitLines } from './text.js';
import type { InputIssue } from './errors.js';

export interface LabelTable {
  labels: Map<string, string>;
  issues: InputIssue[];
  /** Codes with more than one row valid during the year (the latest start wins), with their lines. */
  duplicates: { code: string; lines: number[]; identical: boolean }[];
}

const PERIOD = /^[0-9]{6}$/;

export function parseLabelFile(text: string, file: string, year: number): LabelTable {
  const chosen = new Map<string, { label: string; start: number }>();
  const validRows = new Map<string, { lines: number[]; texts: Set<string> }>();
  const issues: InputIssue[] = [];
  const yearStart = year * 100 + 1;
  const yearEnd = year * 100 + 12;
  splitLines(text).forEach((line, index) => {
    if (line.trim() === '') return;
    const fields = splitDelimited(line, ';');
    const [code, label, start, end] = fields.map((field) => field.trim());
    if (fields.length !== 4 || !code || !label || !PERIOD.test(start) || !PERIOD.test(end)) {
      issues.push({
        file,
        line: index + 1,
        reason: `expected "code;label;start(YYYYMM);end(YYYYMM)", got ${fields.length} fields`,
        reasonFr: `ligne de libellé mal formée (attendu « code;libellé;début;fin »)`,
      });
      return;
    }
    const from = Number(start);
    const to = Number(end);
    if (from > yearEnd || to < yearStart) return;
    const rows = validRows.get(code) ?? { lines: [], texts: new Set<string>() };
    rows.lines.push(index + 1);
    rows.texts.add(line.trim());
    validRows.set(code, rows);
    const previous = chosen.get(code);
    if (!previous || from > previous.start) chosen.set(code, { label, start: from });
  });
  const duplicates = [...validRows]
    .filter(([, rows]) => rows.lines.length > 1)
    .map(([code, rows]) => ({ code, lines: rows.lines, identical: rows.texts.size === 1 }));
  return { labels: new Map([...chosen].map(([code, { label }]) => [code, label])), issues, duplicates };
}
