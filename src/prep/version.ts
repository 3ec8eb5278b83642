/**
 * Everything one build writes, as relative path → file text: the documents of every département,
 * région and France, and the manifest. The data version is a hash of the documents' content (with
 * the version field empty), so the same figures always give the same version and the same bytes.
 */
import {
  IndicatorDocument,
  Manifest,
  SCHEMA_VERSION,
  type ManifestGeography,
  type TerritoiresIndustrie,
} from '../core/schema.js';
import { mergeSums } from './aggregate.js';
import { buildDocument, type FlowCodes, type TradeSums } from './documents.js';
import { compareDepartementCodes, compareRegionCodes, type Geography, type Region } from './geography.js';
import type { LabelBook } from './short-labels.js';

export const SOURCE = {
  producer: 'Direction générale des douanes et droits indirects (DGDDI)',
  title: 'Statistiques régionales et départementales du commerce extérieur',
  url: 'https://www.douane.gouv.fr/la-douane/opendata',
} as const;

/** Stands for the version while it is being computed (the schema wants a non-empty one); the hash sees it empty. */
const PENDING_VERSION = 'pending';
const PENDING_VERSION_FIELD = `"dataVersion": "${PENDING_VERSION}"`;

const NO_TERRITOIRES: TerritoiresIndustrie = { principaux: false, items: [] };

export interface VersionInputs {
  year: number;
  sample: boolean;
  /** ISO 8601, derived from the inputs (never the clock). */
  generatedAt: string;
  sourceFiles: string[];
  /** Quarters of the year the inputs cover (1–4); all four for an annual archive. */
  quarters: number[];
  geography: Geography;
  codes: FlowCodes;
  labels: LabelBook;
  territoires: ReadonlyMap<string, TerritoiresIndustrie>;
  /** Which Territoires d'industrie list the documents carry; null without one. */
  territoiresSource?: { programme: string; file: string; fileDate: string | null } | null;
  /** Hex digest of a text (SHA-256 on Node); injected so this module stays free of any runtime. */
  hash: (text: string) => string;
}

export interface BuiltVersion {
  dataVersion: string;
  manifest: Manifest;
  /** Relative path → file content, in path order. */
  files: Map<string, string>;
}

export function buildVersion(inputs: VersionInputs): BuiltVersion {
  const { geography, codes } = inputs;
  const customsDepartements = [...geography.departements.values()];
  const exportsByDepartement = codes.exports.perDepartement();
  const importsByDepartement = codes.imports.perDepartement();
  const departementSums = customsDepartements.map((_, index): TradeSums => ({
    exports: exportsByDepartement[index],
    imports: importsByDepartement[index],
  }));
  const france = sumTrade(departementSums);

  const regions = new Map<string, { region: Region; parts: TradeSums[] }>();
  customsDepartements.forEach((departement, index) => {
    const entry = regions.get(departement.region.code) ?? { region: departement.region, parts: [] };
    entry.parts.push(departementSums[index]);
    regions.set(departement.region.code, entry);
  });
  const regionSums = new Map([...regions].map(([code, entry]) => [code, sumTrade(entry.parts)]));

  const common = { year: inputs.year, sample: inputs.sample, codes, labels: inputs.labels };
  const documents = new Map<string, IndicatorDocument>();
  const geographies: ManifestGeography[] = [];

  customsDepartements.forEach((departement, index) => {
    if (!departement.document) return;
    const { region } = departement;
    const path = `departement/${departement.document.code}.json`;
    documents.set(
      path,
      buildDocument({
        ...common,
        subject: {
          level: 'departement',
          code: departement.document.code,
          customsCode: departement.customsCode,
          name: departement.document.name,
          region: { code: region.code, name: region.name },
        },
        sums: departementSums[index],
        regionSums: regionSums.get(region.code)!,
        franceSums: france,
        territoires:
          inputs.territoires.get(departement.document.code) ??
          (inputs.territoiresSource ? { programme: inputs.territoiresSource.programme, ...NO_TERRITOIRES } : NO_TERRITOIRES),
      }),
    );
    for (const insee of departement.document.inseeCodes) {
      geographies.push({ level: 'departement', code: insee.code, name: insee.name, region: { code: region.code, name: region.name }, document: path });
    }
  });

  const regionGeographies: ManifestGeography[] = [];
  for (const [code, { region }] of regions) {
    const path = `region/${code}.json`;
    documents.set(
      path,
      buildDocument({
        ...common,
        subject: { level: 'region', code, customsCode: region.customsCode, name: region.name, region: null },
        sums: regionSums.get(code)!,
        regionSums: null,
        franceSums: france,
        territoires: NO_TERRITOIRES,
      }),
    );
    regionGeographies.push({ level: 'region', code, name: region.name, region: null, document: path });
  }
  documents.set(
    'france.json',
    buildDocument({
      ...common,
      subject: { level: 'france', code: 'FR', customsCode: null, name: 'France', region: null },
      sums: france,
      regionSums: null,
      franceSums: null,
      territoires: NO_TERRITOIRES,
    }),
  );

  geographies.sort((a, b) => compareDepartementCodes(a.code, b.code));
  regionGeographies.sort((a, b) => compareRegionCodes(a.code, b.code));
  const paths = [...documents.keys()].sort();
  // Each document is validated, then serialised once: the version, a hash of the texts with an
  // empty version, is written into that text (a document's third key, so the first match).
  const texts = paths.map((path) => serialize(IndicatorDocument.parse({ ...documents.get(path), dataVersion: PENDING_VERSION })));
  const dataVersion = inputs
    .hash(paths.map((path, index) => `${path}\n${texts[index].replace(PENDING_VERSION_FIELD, '"dataVersion": ""')}`).join('\n'))
    .slice(0, 16);

  const files = new Map<string, string>();
  paths.forEach((path, index) => files.set(path, texts[index].replace(PENDING_VERSION_FIELD, `"dataVersion": "${dataVersion}"`)));
  const manifest = Manifest.parse({
    schemaVersion: SCHEMA_VERSION,
    year: inputs.year,
    dataVersion,
    generatedAt: inputs.generatedAt,
    source: {
      ...SOURCE,
      files: inputs.sourceFiles,
      quarters: inputs.quarters,
      ...(inputs.territoiresSource ? { territoiresIndustrie: inputs.territoiresSource } : {}),
    },
    sample: inputs.sample,
    geographies: [
      ...geographies,
      ...regionGeographies,
      { level: 'france', code: 'FR', name: 'France', region: null, document: 'france.json' },
    ],
  });
  files.set('manifest.json', serialize(manifest));
  return { dataVersion, manifest, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

function sumTrade(parts: readonly TradeSums[]): TradeSums {
  return {
    exports: mergeSums(parts.map((part) => part.exports)),
    imports: mergeSums(parts.map((part) => part.imports)),
  };
}

export function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
