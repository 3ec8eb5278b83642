/**
 * The Territoires d'industrie of each département, from either of two tables:
 * - the département table `insee_dep,id_ti,lib_ti,principaux[,source]` (the bundled sample);
 * - the programme's official commune list `insee_com,lib_com,id_ti,lib_ti`, where a territory with
 *   fewer than 5 communes in a département that is not its main one is left out of that
 *   département's list, which is then marked « principaux ».
 * The format is recognised from the header. Keys are document codes (Corse's two départements
 * share document `20`).
 */
import type { TerritoiresIndustrie } from '../core/schema.js';
import { parseTable } from './delimited.js';
import { DataInputError } from './errors.js';
import { splitLines } from './text.js';

export const MIN_COMMUNES_OUTSIDE_MAIN_DEPARTEMENT = 5;

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

export type TerritoiresFormat = 'departement' | 'commune';

export function parseTerritoires(
  text: string,
  file: string,
  documentCodeOf: (inseeDepartement: string) => string | null,
): { format: TerritoiresFormat; byDocument: Map<string, TerritoiresIndustrie> } {
  const lines = splitLines(text);
  const header = lines[0] ?? '';
  const separator = header.includes(';') ? ';' : ',';
  const rows = parseTable(lines, separator);
  const columns = header.split(separator).map((name) => name.replace(/"/g, '').trim());
  if (columns.includes('insee_com') && columns.includes('lib_ti')) {
    return { format: 'commune', byDocument: fromCommunes(rows, file, documentCodeOf) };
  }
  if (columns.includes('insee_dep') && columns.includes('lib_ti')) {
    return { format: 'departement', byDocument: fromDepartementTable(rows, file, documentCodeOf) };
  }
  throw new DataInputError(
    `${file}: unrecognised Territoires d'industrie table (expected columns insee_com,lib_com,id_ti,lib_ti or insee_dep,id_ti,lib_ti,principaux)`,
    `table des Territoires d'industrie non reconnue (${file})`,
  );
}

function fromDepartementTable(
  rows: Record<string, string>[],
  file: string,
  documentCodeOf: (inseeDepartement: string) => string | null,
): Map<string, TerritoiresIndustrie> {
  const lists = new Map<string, { principaux: boolean; items: Map<string, string | null> }>();
  rows.forEach((row, index) => {
    const document = documentCodeOf(row.insee_dep);
    if (!document || !row.lib_ti) {
      throw new DataInputError(
        `${file}:${index + 2}: unknown département "${row.insee_dep}" or empty territory name`,
        `${file}, ligne ${index + 2} : département inconnu ou territoire sans nom`,
      );
    }
    const list = lists.get(document) ?? { principaux: false, items: new Map() };
    list.principaux ||= row.principaux === '1';
    list.items.set(row.lib_ti, row.id_ti || null);
    lists.set(document, list);
  });
  return new Map([...lists].map(([code, list]) => [code, finish(list.principaux, list.items)]));
}

function fromCommunes(
  rows: Record<string, string>[],
  file: string,
  documentCodeOf: (inseeDepartement: string) => string | null,
): Map<string, TerritoiresIndustrie> {
  /** territory id → document code → number of communes */
  const counts = new Map<string, Map<string, number>>();
  const names = new Map<string, string>();
  rows.forEach((row, index) => {
    const commune = row.insee_com;
    const departement = /^97/.test(commune) ? commune.slice(0, 3) : commune.slice(0, 2);
    const document = /^[0-9AB]{5}$/.test(commune) ? documentCodeOf(departement) : null;
    if (!document || !row.id_ti || !row.lib_ti) {
      throw new DataInputError(
        `${file}:${index + 2}: bad commune code "${commune}" or empty territory`,
        `${file}, ligne ${index + 2} : code commune invalide ou territoire vide`,
      );
    }
    names.set(row.id_ti, row.lib_ti);
    const perDocument = counts.get(row.id_ti) ?? new Map<string, number>();
    perDocument.set(document, (perDocument.get(document) ?? 0) + 1);
    counts.set(row.id_ti, perDocument);
  });

  const lists = new Map<string, { principaux: boolean; items: Map<string, string | null> }>();
  for (const [id, perDocument] of counts) {
    const ranked = [...perDocument].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const main = ranked[0][0];
    for (const [document, communes] of perDocument) {
      const list = lists.get(document) ?? { principaux: false, items: new Map() };
      if (document !== main && communes < MIN_COMMUNES_OUTSIDE_MAIN_DEPARTEMENT) list.principaux = true;
      else list.items.set(names.get(id)!, id);
      lists.set(document, list);
    }
  }
  return new Map([...lists].map(([code, list]) => [code, finish(list.principaux, list.items)]));
}

function finish(principaux: boolean, items: Map<string, string | null>): TerritoiresIndustrie {
  return {
    principaux,
    items: [...items].map(([name, id]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1)),
  };
}
