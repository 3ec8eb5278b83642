/**
 * The indicator documents: the one contract between the data pipeline, which validates what it
 * writes with these schemas, and the renderer and the service, which validate what they read.
 * Amounts are whole euros as the customs files give them, so that every sum is exact; shares are
 * plain ratios, and rounding belongs to the presentation.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

/** Whole euros; the French yearly total (≈ 6.8e11) stays far below 2^53. */
export const Euros = z.number().int().nonnegative();
export const SignedEuros = z.number().int();

/** INSEE département codes as the factsheets are addressed: 01…95, 2A, 2B, 971…976. */
export const DepartementCode = z
  .string()
  .regex(/^(0[1-9]|1[0-9]|2[AB1-9]|[3-8][0-9]|9[0-5]|97[1-46])$/, 'code de département INSEE attendu');

/** Documents are keyed by the département as the customs service publishes it: Corse is one document, `20`. */
export const DocumentDepartementCode = z.union([DepartementCode, z.literal('20')]);

/** INSEE région codes, plus `DOM`: the customs service publishes the five overseas départements as one région. */
export const RegionCode = z.string().regex(/^([0-9]{2}|DOM)$/, 'code de région attendu');

export const Level = z.enum(['departement', 'region', 'france']);
export type Level = z.infer<typeof Level>;

/** An official label with the short form the charts print. */
export const Labelled = z.object({
  code: z.string().min(1),
  label: z.string().min(1),
  shortLabel: z.string().min(1),
});
export type Labelled = z.infer<typeof Labelled>;

export const Totals = z.object({
  exports: Euros,
  imports: Euros,
  /** exports − imports */
  balance: SignedEuros,
});
export type Totals = z.infer<typeof Totals>;

/** Share of the enclosing geography, as a ratio in [0, 1]; null where there is none (France has no région). */
const Ratio = z.number().min(0).max(1);
export const Shares = z.object({
  exports: z.object({ region: Ratio.nullable(), france: Ratio.nullable() }),
  imports: z.object({ region: Ratio.nullable(), france: Ratio.nullable() }),
});
export type Shares = z.infer<typeof Shares>;

/** A principal partner country: both flows and the balance, for the butterfly chart. */
export const Partner = Labelled.extend({
  exports: Euros,
  imports: Euros,
  balance: SignedEuros,
});
export type Partner = z.infer<typeof Partner>;

/** One A129 activity group within one flow, for the treemap. */
export const Activity = Labelled.extend({
  value: Euros,
  /** value / total of the flow */
  share: Ratio,
});
export type Activity = z.infer<typeof Activity>;

/** The code of the node that gathers everything beyond the top ten, on either side. */
export const OTHERS_CODE = 'AUTRES' as const;

export const FlowNode = Labelled.extend({
  /** Sum of the links that leave or reach this node. */
  value: Euros,
});
export type FlowNode = z.infer<typeof FlowNode>;

export const FlowLink = z.object({
  source: z.string().min(1),
  target: z.string().min(1),
  value: Euros.positive(),
  /** One of the five largest flows between two named nodes (neither is « Autres »). */
  highlight: z.boolean(),
});
export type FlowLink = z.infer<typeof FlowLink>;

/**
 * A Sankey matrix. For exports the sources are products (CPF4) and the targets destination
 * countries; for imports the sources are origin countries and the targets products. Nodes are in
 * display order, largest first, with « Autres » last when present. Codes are unique per side.
 */
export const FlowMatrix = z.object({
  sourceKind: z.enum(['product', 'country']),
  targetKind: z.enum(['product', 'country']),
  total: Euros,
  sources: z.array(FlowNode),
  targets: z.array(FlowNode),
  links: z.array(FlowLink),
});
export type FlowMatrix = z.infer<typeof FlowMatrix>;

export const TerritoireIndustrie = z.object({
  /** The programme's identifier (`ti-5508`) where the source gives one. */
  id: z.string().nullable(),
  name: z.string().min(1),
});

export const TerritoiresIndustrie = z.object({
  /** True when adjacent territories with fewer than 5 communes in the département were left out. */
  principaux: z.boolean(),
  items: z.array(TerritoireIndustrie),
});
export type TerritoiresIndustrie = z.infer<typeof TerritoiresIndustrie>;

export const GeoRef = z.object({ code: z.string().min(1), name: z.string().min(1) });
export type GeoRef = z.infer<typeof GeoRef>;

export const IndicatorDocument = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  year: z.number().int().min(2000).max(2100),
  dataVersion: z.string().min(1),
  sample: z.boolean(),
  level: Level,
  /** INSEE code (`55`, `20` for Corse), INSEE région code or `DOM`, or `FR`. */
  code: z.string().min(1),
  /** The code in the customs files (`55`, `9A`, région `13`…); null for France. */
  customsCode: z.string().nullable(),
  name: z.string().min(1),
  /** The région the département is compared with (`DOM` for overseas); null for régions and France. */
  region: GeoRef.nullable(),
  totals: Totals,
  shares: Shares,
  partners: z.array(Partner),
  activities: z.object({ exports: z.array(Activity), imports: z.array(Activity) }),
  flows: z.object({ exports: FlowMatrix, imports: FlowMatrix }),
  /** Départements only; empty elsewhere. */
  territoiresIndustrie: TerritoiresIndustrie,
});
export type IndicatorDocument = z.infer<typeof IndicatorDocument>;

export const ManifestGeography = z.object({
  level: Level,
  /** The code a reader asks for: INSEE département (2A and 2B both listed), région code or `FR`. */
  code: z.string().min(1),
  name: z.string().min(1),
  /** For départements: the région they are compared with. */
  region: GeoRef.nullable(),
  /** Path of the document relative to the version folder, e.g. `departement/55.json`. */
  document: z.string().regex(/^(departement|region)\/[0-9A-Z]+\.json$|^france\.json$/),
});
export type ManifestGeography = z.infer<typeof ManifestGeography>;

export const Manifest = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  year: z.number().int().min(2000).max(2100),
  /** Content hash of every document of the version: changes when any figure changes. */
  dataVersion: z.string().min(1),
  /** ISO 8601; derived from the inputs so that a rebuild gives the same bytes. */
  generatedAt: z.string().datetime(),
  source: z.object({
    producer: z.string().min(1),
    title: z.string().min(1),
    url: z.string().url(),
    files: z.array(z.string()),
    /** Quarters of the year the figures cover: all four for an annual archive, maybe fewer from the rolling file. */
    quarters: z.array(z.number().int().min(1).max(4)).optional(),
  }),
  sample: z.boolean(),
  geographies: z.array(ManifestGeography),
});
export type Manifest = z.infer<typeof Manifest>;

/**
 * The object a publication writes last, at `<prefix>/current.json`: readers follow it to a complete
 * version, so a publication that stops half-way leaves the previous version served.
 */
export const CurrentPointer = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  year: z.number().int().min(2000).max(2100),
  dataVersion: z.string().min(1),
  /** Key of the version folder relative to the prefix, e.g. `2024/3f9c…`; holds manifest.json and the documents. */
  versionPath: z.string().regex(/^[0-9]{4}\/[0-9a-z-]+$/),
  publishedAt: z.string().datetime(),
});
export type CurrentPointer = z.infer<typeof CurrentPointer>;
