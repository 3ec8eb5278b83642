/**
 * Chart labels. Official labels run to a hundred characters; the charts have room for about 34.
 * A rule shortens most of them readably (keep what comes before « ; » or a parenthesis, then
 * before a comma, else cut between words); a committed table overrides it where the rule reads
 * badly (`data/raw/short-labels.csv`: `type;code;libelle_court`, type = pays, cpf4 or a129).
 */
import { parseTable } from './delimited.js';
import { DataInputError } from './errors.js';
import { splitLines } from './text.js';

export const SHORT_LABEL_MAX = 34;

export type LabelKind = 'country' | 'product' | 'activity';

const KIND_BY_TYPE: Record<string, LabelKind> = { pays: 'country', cpf4: 'product', a129: 'activity' };

export function shortenLabel(label: string, max = SHORT_LABEL_MAX): string {
  let text = label.trim();
  if (text.length <= max) return text;
  // What follows « ; », a parenthesis or « : » qualifies the head; a comma often cuts an enumeration
  // too early (« Colorants, pigments… »), so it is only used when the head stays substantial.
  for (const [cut, minimum] of [[/\s+;\s+.*$/, 4], [/\s*\(.*$/, 4], [/\s+:\s+.*$/, 4], [/\s*,.*$/, 15]] as const) {
    const shorter = text.replace(cut, '').trim();
    if (shorter.length >= minimum) text = shorter;
    if (text.length <= max) return text;
  }
  const words = text.split(/\s+/);
  let result = '';
  for (const word of words) {
    const next = result ? `${result} ${word}` : word;
    if (next.length > max - 1) break;
    result = next;
  }
  // A trailing preposition or article reads worse than a shorter label.
  result = result.replace(/,$/, '').replace(/\s+(de|des|du|d'|et|à|la|le|les|l'|en|pour|sur|au|aux|ou)$/i, '');
  return `${result || text.slice(0, max - 1)}…`;
}

export function parseShortLabelOverrides(text: string, file: string): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const row of parseTable(splitLines(text), ';')) {
    const kind = KIND_BY_TYPE[row.type];
    if (!kind || !row.code || !row.libelle_court) {
      throw new DataInputError(
        `${file}: bad row ${JSON.stringify(row)} (expected type;code;libelle_court with type pays, cpf4 or a129)`,
        `table des libellés courts mal formée (${file})`,
      );
    }
    overrides.set(`${kind}:${row.code}`, row.libelle_court);
  }
  return overrides;
}

/** Labels of every code the documents print; codes without a label keep their code and are reported. */
export class LabelBook {
  readonly unknown: Record<LabelKind, Set<string>> = { country: new Set(), product: new Set(), activity: new Set() };

  constructor(
    private readonly tables: Record<LabelKind, ReadonlyMap<string, string>>,
    private readonly overrides: ReadonlyMap<string, string> = new Map(),
  ) {}

  labelled(kind: LabelKind, code: string): { code: string; label: string; shortLabel: string } {
    const label = this.tables[kind].get(code);
    if (label === undefined) this.unknown[kind].add(code);
    const official = label ?? code;
    return { code, label: official, shortLabel: this.overrides.get(`${kind}:${code}`) ?? shortenLabel(official) };
  }
}
