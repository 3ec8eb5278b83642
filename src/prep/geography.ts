/**
 * From the customs geography to the one the factsheets are addressed by. The customs files use
 * their own département codes (Corse is `20`, overseas `9A`–`9E`, `99` Monaco) and their own
 * région numbering; readers ask for INSEE codes. Two tables meet here: the customs
 * `Departement_region.txt` (`code_dep;lib_dep;code_reg;lib_reg`) and the INSEE départements
 * annotated with their customs codes (`departements_101_with_dgddi_codes.csv`).
 */
import { parseTable, splitDelimited } from './delimited.js';
import { DataInputError } from './errors.js';
import { splitLines } from './text.js';

/** The customs région of the five overseas départements, kept as one région: the factsheets compare to it. */
export const OVERSEAS_CUSTOMS_REGION = '24';
export const OVERSEAS_REGION_CODE = 'DOM';

export interface Region {
  /** INSEE région code, or `DOM`. */
  code: string;
  customsCode: string;
  name: string;
}

export interface CustomsDepartement {
  customsCode: string;
  region: Region;
  /** The document that carries it (`55`, `20` for Corse, `971`); null for Monaco, counted only in its région and France. */
  document: { code: string; name: string; inseeCodes: { code: string; name: string }[] } | null;
}

export interface Geography {
  departements: Map<string, CustomsDepartement>;
  /** Keyed by customs région code. */
  regionsByCustomsCode: Map<string, Region>;
}

export function parseGeography(customsTableText: string, inseeTableText: string): Geography {
  const insee = parseTable(splitLines(inseeTableText), ',');
  const inseeByCustoms = new Map<string, Record<string, string>[]>();
  for (const row of insee) {
    if (!row.dgddi_dep || !row.insee_dep) continue;
    const list = inseeByCustoms.get(row.dgddi_dep) ?? [];
    list.push(row);
    inseeByCustoms.set(row.dgddi_dep, list);
  }

  const regionsByCustomsCode = new Map<string, Region>();
  const departements = new Map<string, CustomsDepartement>();
  for (const line of splitLines(customsTableText)) {
    if (line.trim() === '') continue;
    const [customsCode, customsName, customsRegion, customsRegionName] = splitDelimited(line, ';').map((f) => f.trim());
    if (!customsCode || !customsRegion) {
      throw new DataInputError(`malformed customs geography line: ${line}`, 'table des départements douaniers mal formée');
    }
    const rows = inseeByCustoms.get(customsCode) ?? [];
    for (const row of rows) {
      if (row.dgddi_reg !== customsRegion) {
        throw new DataInputError(
          `département ${row.insee_dep} is in customs région ${row.dgddi_reg} in the INSEE table but ${customsRegion} in the customs table`,
          'les tables de départements INSEE et douanière ne concordent pas',
        );
      }
    }
    let region = regionsByCustomsCode.get(customsRegion);
    if (!region) {
      region = regionFor(customsRegion, customsRegionName, rows);
      regionsByCustomsCode.set(customsRegion, region);
    }
    const inseeCodes = rows
      .map((row) => ({ code: row.insee_dep, name: row.lib_dep }))
      .sort((a, b) => compareDepartementCodes(a.code, b.code));
    departements.set(customsCode, {
      customsCode,
      region,
      document:
        inseeCodes.length === 0
          ? null
          : {
              // Corse is published as one customs département: the document keeps the customs code and name.
              code: inseeCodes.length === 1 ? inseeCodes[0].code : customsCode,
              name: inseeCodes.length === 1 ? inseeCodes[0].name : customsName,
              inseeCodes,
            },
    });
  }
  return { departements, regionsByCustomsCode };
}

function regionFor(customsCode: string, customsName: string, rows: Record<string, string>[]): Region {
  if (customsCode === OVERSEAS_CUSTOMS_REGION) return { code: OVERSEAS_REGION_CODE, customsCode, name: OVERSEAS_REGION_CODE };
  const named = rows.find((row) => row.insee_reg && row.lib_reg);
  if (!named) {
    throw new DataInputError(
      `customs région ${customsCode} (${customsName}) has no INSEE département in the INSEE table`,
      `la région douanière ${customsCode} n'a pas d'équivalent INSEE`,
    );
  }
  return { code: named.insee_reg, customsCode, name: named.lib_reg };
}

/** INSEE order: 01…19, 2A, 2B, 21…95, 971…976. */
export function compareDepartementCodes(a: string, b: string): number {
  const key = (code: string) => code.replace(/^2A$/, '20A').replace(/^2B$/, '20B').replace(/^(\d\d)$/, '$1 ');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

export function compareRegionCodes(a: string, b: string): number {
  const key = (code: string) => (code === OVERSEAS_REGION_CODE ? 'ZZ' : code);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
