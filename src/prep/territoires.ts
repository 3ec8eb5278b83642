/**
 * The Territoires d'industrie of each département, from either of two tables:
 * - the département table `insee_dep,id_ti,lib_ti,principaux[,source]` (the bundled sample);
 * - the programme's official commune list `insee_com,lib_com,id_ti,lib_ti`, where a territory with
 *   fewer than 5 communes in a département that is not its main one is left out of that
 *   département's list, which is then marked « principaux ».
 * The format is recognised from the header. Keys are document codes (Corse's two départements
 * share document `20`). Each territory lists the INSEE départements where it has communes (the
 * département table: where it has a row), so that a reader can tell 2A from 2B.
 */
import type { TerritoiresIndustrie } from '../core/schema.js';
import { compareDepartementCodes } from './geography.js';
import { parseTable } from './delimited.js';
import { DataInputError } from './errors.js';
import { splitLines } from './text.js';

export const MIN_COMMUNES_OUTSIDE_MAIN_DEPARTEMENT = 5;

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

export type TerritoiresFormat = 'departement' | 'commune';

/** Which list the documents carry, as the manifest records it. */
export interface TerritoiresSource {
  programme: string;
  file: string;
  fileDate: string | null;
}

/** Programmes by the year the official file names carry (`liste-ti-com2023-20240704.csv`). */
const PROGRAMMES_BY_START: Record<string, string> = { '2018': '2018–2023', '2023': '2023–2027' };

/**
 * The programme and date of a list, as given, else as the official file names say them
 * (`liste-ti-com2023-20240704.csv`: programme 2023–2027, published 2024-07-04;
 * `ti_2018_2023_…`: programme 2018–2023). A list whose programme cannot be told is refused:
 * the factsheets must say which one they print.
 */
export function territoiresSourceOf(path: string, programme?: string, fileDate?: string | null): TerritoiresSource {
  const file = path.split(/[\\/]/).pop()!;
  const official = /liste-ti-com(\d{4})-(\d{4})(\d{2})(\d{2})/.exec(file);
  const span = /ti_(\d{4})_(\d{4})/.exec(file);
  const named = official ? PROGRAMMES_BY_START[official[1]] : span ? `${span[1]}–${span[2]}` : undefined;
  const chosen = programme ?? named;
  if (!chosen) {
    throw new DataInputError(
      `${path}: cannot tell which Territoires d'industrie programme this list is: give --territoires-programme (e.g. 2023–2027)`,
      `programme des Territoires d'industrie inconnu pour ${file} : indiquez --territoires-programme`,
    );
  }
  const date = fileDate !== undefined ? fileDate : official ? `${official[2]}-${official[3]}-${official[4]}` : null;
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new DataInputError(`bad Territoires d'industrie file date "${date}" (expected YYYY-MM-DD)`, `date de la liste des Territoires d'industrie invalide (AAAA-MM-JJ attendu)`);
  }
  return { programme: chosen.replace('-', '–'), file, fileDate: date };
}

export function parseTerritoires(
  text: string,
  file: string,
  documentCodeOf: (inseeDepartement: string) => string | null,
  programme?: string,
): { format: TerritoiresFormat; byDocument: Map<string, TerritoiresIndustrie> } {
  const parsed = parseTerritoiresTable(text, file, documentCodeOf);
  if (programme === undefined) return parsed;
  return { format: parsed.format, byDocument: new Map([...parsed.byDocument].map(([code, list]) => [code, { programme, ...list }])) };
}

function parseTerritoiresTable(
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
  const departementsOf = new Map<string, Set<string>>();
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
    const key = row.id_ti || row.lib_ti;
    departementsOf.set(key, (departementsOf.get(key) ?? new Set()).add(row.insee_dep));
  });
  return new Map([...lists].map(([code, list]) => [code, finish(list.principaux, list.items, (name, id) => departementsOf.get(id ?? name)!)]));
}

function fromCommunes(
  rows: Record<string, string>[],
  file: string,
  documentCodeOf: (inseeDepartement: string) => string | null,
): Map<string, TerritoiresIndustrie> {
  /** territory id → document code → number of communes */
  const counts = new Map<string, Map<string, number>>();
  const names = new Map<string, string>();
  const departementsOf = new Map<string, Set<string>>();
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
    // A commune in several territories lists them separated by « ; », in both columns.
    const ids = row.id_ti.split(';').map((id) => id.trim());
    const labels = row.lib_ti.split(' ; ').map((label) => label.trim());
    if (ids.length !== labels.length || ids.some((id) => id === '') || labels.some((label) => label === '')) {
      throw new DataInputError(
        `${file}:${index + 2}: ${ids.length} territory id(s) but ${labels.length} name(s) (several territories are separated by " ; ")`,
        `${file}, ligne ${index + 2} : identifiants et noms de territoires en nombres différents`,
      );
    }
    ids.forEach((id, position) => {
      names.set(id, labels[position]);
      const perDocument = counts.get(id) ?? new Map<string, number>();
      perDocument.set(document, (perDocument.get(document) ?? 0) + 1);
      counts.set(id, perDocument);
      departementsOf.set(id, (departementsOf.get(id) ?? new Set()).add(departement));
    });
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
  return new Map([...lists].map(([code, list]) => [code, finish(list.principaux, list.items, (_, id) => departementsOf.get(id!)!)]));
}

function finish(
  principaux: boolean,
  items: Map<string, string | null>,
  departementsOf: (name: string, id: string | null) => Set<string>,
): TerritoiresIndustrie {
  return {
    principaux,
    items: [...items]
      .map(([name, id]) => ({ id, name, departements: [...departementsOf(name, id)].sort(compareDepartementCodes) }))
      .sort((a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1)),
  };
}
