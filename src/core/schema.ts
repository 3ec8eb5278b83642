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

/**
 * What the renderer is built to draw: ten named partners (the butterfly chart's rows), the groups
 * of the A129 nomenclature in the treemap, ten named nodes on each side of a Sankey diagram; each
 * may be followed by one « Autres » gathering the rest. A document beyond them is refused on read
 * as on write, rather than drawn for seconds into an unreadable chart.
 */
export const MAX_NAMED_PARTNERS = 10;
export const MAX_ACTIVITIES = 129;
export const MAX_NAMED_FLOW_NODES = 10;

/** At most `named` entries besides « Autres », which comes last when present; codes unique. */
function namedThenOthers<T extends z.ZodType<{ code: string }>>(item: T, named: number) {
  return z
    .array(item)
    .max(named + 1)
    .superRefine((entries, context) => {
      const codes = entries.map((entry) => entry.code);
      const others = codes.indexOf(OTHERS_CODE);
      if (others !== -1 && others !== codes.length - 1) context.addIssue({ code: 'custom', message: `« Autres » (${OTHERS_CODE}) must come last` });
      if (others === -1 && codes.length > named) context.addIssue({ code: 'custom', message: `at most ${named} named entries, then « Autres »` });
      if (new Set(codes).size !== codes.length) context.addIssue({ code: 'custom', message: 'codes must be unique' });
    });
}

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
export const FlowMatrix = z
  .object({
    sourceKind: z.enum(['product', 'country']),
    targetKind: z.enum(['product', 'country']),
    total: Euros,
    sources: namedThenOthers(FlowNode, MAX_NAMED_FLOW_NODES),
    targets: namedThenOthers(FlowNode, MAX_NAMED_FLOW_NODES),
    links: z.array(FlowLink).max((MAX_NAMED_FLOW_NODES + 1) ** 2),
  })
  .superRefine((matrix, context) => {
    // A flow with trade has something to draw; one without has nothing at all.
    const empty = [matrix.sources, matrix.targets, matrix.links].filter((list) => list.length === 0).length;
    if (matrix.total > 0 && empty > 0) context.addIssue({ code: 'custom', message: 'a flow with trade needs sources, targets and links' });
    if (matrix.total === 0 && empty < 3) context.addIssue({ code: 'custom', message: 'a flow without trade has no nodes or links' });
    const sources = new Set(matrix.sources.map((node) => node.code));
    const targets = new Set(matrix.targets.map((node) => node.code));
    for (const link of matrix.links) {
      if (!sources.has(link.source) || !targets.has(link.target)) {
        context.addIssue({ code: 'custom', message: `link ${link.source} → ${link.target} joins nodes that are not listed` });
      }
    }
  });
export type FlowMatrix = z.infer<typeof FlowMatrix>;

export const TerritoireIndustrie = z.object({
  /** The programme's identifier (`ti-5508`) where the source gives one. */
  id: z.string().nullable(),
  name: z.string().min(1),
  /**
   * INSEE codes of the départements where the territory has communes (`2A` and `2B` apart, though
   * Corse is one document). Absent in documents written before it existed: read as « all ».
   */
  departements: z.array(DepartementCode).min(1).optional(),
});
export type TerritoireIndustrie = z.infer<typeof TerritoireIndustrie>;

export const TerritoiresIndustrie = z.object({
  /** The programme the list comes from, e.g. « 2023–2027 »; absent in older documents and where there is no list. */
  programme: z.string().min(1).optional(),
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
  partners: namedThenOthers(Partner, MAX_NAMED_PARTNERS),
  activities: z.object({ exports: namedThenOthers(Activity, MAX_ACTIVITIES), imports: namedThenOthers(Activity, MAX_ACTIVITIES) }),
  flows: z.object({ exports: FlowMatrix, imports: FlowMatrix }),
  /** Départements only; empty elsewhere. */
  territoiresIndustrie: TerritoiresIndustrie,
}).superRefine((document, context) => {
  for (const flow of ['exports', 'imports'] as const) {
    const total = document.totals[flow];
    if (total > 0 && document.activities[flow].length === 0) context.addIssue({ code: 'custom', message: `activities.${flow} is empty although the flow has trade` });
  }
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
    /** Which Territoires d'industrie list the documents carry. */
    territoiresIndustrie: z
      .object({
        programme: z.string().min(1),
        /** The file it was read from, as published. */
        file: z.string().min(1),
        /** Publication date of that file (YYYY-MM-DD), null where the file does not say. */
        fileDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
      })
      .optional(),
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
