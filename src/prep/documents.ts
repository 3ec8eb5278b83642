/**
 * One indicator document from the yearly sums of a geography: totals and shares, the principal
 * partner countries, the A129 activities of each flow and the two Sankey matrices.
 */
import {
  MAX_ACTIVITIES,
  MAX_NAMED_PARTNERS,
  OTHERS_CODE,
  SCHEMA_VERSION,
  type Activity,
  type IndicatorDocument,
  type Level,
  type Partner,
  type TerritoiresIndustrie,
} from '../core/schema.js';
import type { FlowAggregate, GeographySums } from './aggregate.js';
import { buildFlowMatrixFromIds, OTHERS_LABEL } from './flows.js';
import { byValueThenCode } from './ranking.js';
import type { LabelBook } from './short-labels.js';

export const TOP_PARTNERS = MAX_NAMED_PARTNERS;

/** Geonomenclature codes QP–QZ are statistical (undetermined, high seas, stores), not countries. */
export function isCountry(code: string): boolean {
  return !/^Q[P-Z]$/.test(code) && code !== 'EU';
}

/** The sums of one geography in both flows, with the code tables needed to read them. */
export interface TradeSums {
  exports: GeographySums;
  imports: GeographySums;
}

export interface FlowCodes {
  exports: FlowAggregate;
  imports: FlowAggregate;
}

export interface DocumentSubject {
  level: Level;
  code: string;
  customsCode: string | null;
  name: string;
  region: { code: string; name: string } | null;
}

export function buildDocument(options: {
  subject: DocumentSubject;
  year: number;
  sample: boolean;
  sums: TradeSums;
  regionSums: TradeSums | null;
  franceSums: TradeSums | null;
  codes: FlowCodes;
  labels: LabelBook;
  territoires: TerritoiresIndustrie;
}): IndicatorDocument {
  const { subject, sums, codes, labels } = options;
  const exportCells = idCellsOf(sums.exports, codes.exports);
  const importCells = idCellsOf(sums.imports, codes.imports);
  const share = (part: number, whole: GeographySums | undefined) => (whole && whole.total > 0 ? part / whole.total : null);

  return {
    schemaVersion: SCHEMA_VERSION,
    year: options.year,
    dataVersion: '',
    sample: options.sample,
    level: subject.level,
    code: subject.code,
    customsCode: subject.customsCode,
    name: subject.name,
    region: subject.region,
    totals: {
      exports: sums.exports.total,
      imports: sums.imports.total,
      balance: sums.exports.total - sums.imports.total,
    },
    shares: {
      exports: { region: share(sums.exports.total, options.regionSums?.exports), france: share(sums.exports.total, options.franceSums?.exports) },
      imports: { region: share(sums.imports.total, options.regionSums?.imports), france: share(sums.imports.total, options.franceSums?.imports) },
    },
    partners: partnersOf(exportCells, importCells, labels),
    activities: {
      exports: activitiesOf(sums.exports, codes.exports, labels),
      imports: activitiesOf(sums.imports, codes.imports, labels),
    },
    flows: {
      exports: buildFlowMatrixFromIds({
        cells: { source: exportCells.product, target: exportCells.country, value: exportCells.value, count: exportCells.count },
        sourceCodes: codes.exports.products.codes,
        targetCodes: codes.exports.countries.codes,
        sourceKind: 'product',
        targetKind: 'country',
        labelSource: (code) => labels.labelled('product', code),
        labelTarget: (code) => labels.labelled('country', code),
      }),
      imports: buildFlowMatrixFromIds({
        cells: { source: importCells.country, target: importCells.product, value: importCells.value, count: importCells.count },
        sourceCodes: codes.imports.countries.codes,
        targetCodes: codes.imports.products.codes,
        sourceKind: 'country',
        targetKind: 'product',
        labelSource: (code) => labels.labelled('country', code),
        labelTarget: (code) => labels.labelled('product', code),
      }),
    },
    territoiresIndustrie: options.territoires,
  };
}

/** The cells of a geography as parallel arrays of product and country ids. */
interface IdCellArrays {
  product: Int32Array;
  country: Int32Array;
  value: Float64Array;
  count: number;
  countryCodes: readonly string[];
}

function idCellsOf(sums: GeographySums, aggregate: FlowAggregate): IdCellArrays {
  const { keys, values, size: count } = sums.cells;
  const cells: IdCellArrays = { product: new Int32Array(count), country: new Int32Array(count), value: values, count, countryCodes: aggregate.countries.codes };
  for (let i = 0; i < count; i += 1) {
    cells.product[i] = aggregate.productOf(keys[i]);
    cells.country[i] = aggregate.countryOf(keys[i]);
  }
  return cells;
}

function partnersOf(exportCells: IdCellArrays, importCells: IdCellArrays, labels: LabelBook): Partner[] {
  // Each flow interns its own country codes: sum by id, then meet by code.
  const byCountry = (cells: IdCellArrays) => {
    const byId = new Float64Array(cells.countryCodes.length);
    for (let i = 0; i < cells.count; i += 1) byId[cells.country[i]] += cells.value[i];
    const totals = new Map<string, number>();
    byId.forEach((value, id) => {
      if (value !== 0) totals.set(cells.countryCodes[id], value);
    });
    return totals;
  };
  const exports = byCountry(exportCells);
  const imports = byCountry(importCells);
  const countries = new Set([...exports.keys(), ...imports.keys()].filter(isCountry));
  return [...countries]
    .map((code) => ({ code, value: (exports.get(code) ?? 0) + (imports.get(code) ?? 0) }))
    .filter((entry) => entry.value > 0)
    .sort(byValueThenCode)
    .slice(0, TOP_PARTNERS)
    .map(({ code }) => {
      const exported = exports.get(code) ?? 0;
      const imported = imports.get(code) ?? 0;
      return { ...labels.labelled('country', code), exports: exported, imports: imported, balance: exported - imported };
    });
}

/** Every A129 group of the flow, largest first; beyond the nomenclature's size (unknown codes) the rest is one « Autres ». */
function activitiesOf(sums: GeographySums, aggregate: FlowAggregate, labels: LabelBook): Activity[] {
  const { keys, values } = sums.activities;
  const ranked = Array.from(keys, (group, index) => ({ code: aggregate.activityGroups.codes[group], value: values[index] }))
    .filter((entry) => entry.value > 0)
    .sort(byValueThenCode);
  const share = (value: number) => (sums.total > 0 ? value / sums.total : 0);
  const named = ranked
    .slice(0, MAX_ACTIVITIES)
    .map(({ code, value }) => ({ ...labels.labelled('activity', code), value, share: share(value) }));
  if (ranked.length <= MAX_ACTIVITIES) return named;
  const rest = ranked.slice(MAX_ACTIVITIES).reduce((sum, entry) => sum + entry.value, 0);
  return [...named, { code: OTHERS_CODE, label: OTHERS_LABEL, shortLabel: OTHERS_LABEL, value: rest, share: share(rest) }];
}
