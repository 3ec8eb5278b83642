/**
 * The whole build on Node: open the inputs, stream each flow through its reader, check the
 * problems against the tolerance, assemble the version and write it atomically. Both flows are
 * read at once: inflating runs on libuv's threads while the main thread parses the other flow.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TerritoiresIndustrie } from '../../core/schema.js';
import { DataInputError, formatIssue, type InputIssue } from '../errors.js';
import { FlowReader, type Flow } from '../flow-reader.js';
import { parseGeography, type Geography } from '../geography.js';
import { parseLabelFile } from '../labels.js';
import { LabelBook, parseShortLabelOverrides, type LabelKind } from '../short-labels.js';
import { parseTerritoires, type TerritoiresFormat } from '../territoires.js';
import { decodeText, LineSplitter } from '../text.js';
import { buildVersion, type BuiltVersion } from '../version.js';
import { openFlowInput, type FlowInput, type LabelFile } from './flow-input.js';
import { writeVersionAtomically } from './write-version.js';

export interface BuildOptions {
  exportPath: string;
  importPath: string;
  /** Label files used when the inputs do not ship their own (extracted or rolling data files). */
  labelsDir: string;
  /** INSEE départements annotated with their customs codes. */
  geographyTable: string;
  territoiresPath: string | null;
  shortLabelsPath: string | null;
  /** Folder holding one folder per year; null to build without writing (benchmarks). */
  outRoot: string | null;
  year?: number;
  sample: boolean;
  /** How many malformed lines may be skipped before the build fails. */
  tolerance: number;
  generatedAt?: string;
}

export interface BuildReport {
  year: number;
  dataVersion: string;
  outDir: string | null;
  rows: Record<Flow, number>;
  rowsSkippedOtherYears: Record<Flow, number>;
  quartersSeen: Record<Flow, string[]>;
  quarters: number[];
  issueCount: number;
  issues: InputIssue[];
  unknownCodes: Record<LabelKind, string[]>;
  territoiresFormat: TerritoiresFormat | null;
  warnings: string[];
  version: BuiltVersion;
}

export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const inputs = {
    E: await openFlowInput(options.exportPath, 'E'),
    I: await openFlowInput(options.importPath, 'I'),
  };
  try {
    return await buildFrom(inputs, options);
  } finally {
    inputs.E.close();
    inputs.I.close();
  }
}

async function buildFrom(inputs: Record<Flow, FlowInput>, options: BuildOptions): Promise<BuildReport> {
  const warnings: string[] = [];
  const year = resolveYear(inputs, options.year);
  const labelText = async (name: LabelFile) => {
    const bytes = inputs.E.labelFiles.get(name) ?? inputs.I.labelFiles.get(name) ?? (await readFile(join(options.labelsDir, name)));
    return decodeText(bytes).text;
  };
  const geography = parseGeography(await labelText('Departement_region.txt'), await readFile(options.geographyTable, 'utf8'));
  const labelTables = {
    activity: parseLabelFile(await labelText('Libelle_A129.txt'), 'Libelle_A129.txt', year),
    product: parseLabelFile(await labelText('Libelle_CPF4_rev2.1.txt'), 'Libelle_CPF4_rev2.1.txt', year),
    country: parseLabelFile(await labelText('Libelle_PAYS.txt'), 'Libelle_PAYS.txt', year),
  };

  const readers = {
    E: await readFlow(inputs.E, year, geography),
    I: await readFlow(inputs.I, year, geography),
  };
  await Promise.all([readers.E.done, readers.I.done]);

  const issues = [
    ...labelTables.activity.issues,
    ...labelTables.product.issues,
    ...labelTables.country.issues,
    ...readers.E.reader.issues,
    ...readers.I.reader.issues,
  ];
  const issueCount =
    labelTables.activity.issues.length + labelTables.product.issues.length + labelTables.country.issues.length +
    readers.E.reader.issueCount + readers.I.reader.issueCount;
  if (issueCount > options.tolerance) {
    throw new DataInputError(
      `${issueCount} malformed line(s), more than the tolerance of ${options.tolerance}; nothing was written.\n` +
        issues.slice(0, 20).map((issue) => `  ${formatIssue(issue)}`).join('\n') +
        (issueCount > 20 ? `\n  … and ${issueCount - 20} more` : ''),
      `${issueCount} ligne(s) mal formée(s) dans les fichiers douaniers (tolérance : ${options.tolerance}) ; aucun fichier n'a été écrit.`,
      issues,
    );
  }

  const quarters = [1, 2, 3, 4].filter((q) => readers.E.reader.quartersSeen.has(`${year}-Q${q}`) && readers.I.reader.quartersSeen.has(`${year}-Q${q}`));
  if (quarters.length < 4) warnings.push(`the inputs cover only quarter(s) ${quarters.join(', ') || 'none'} of ${year}: figures are not a full year`);

  const documentCodeOf = (insee: string) => documentCodeFor(geography, insee);
  let territoires: ReadonlyMap<string, TerritoiresIndustrie> = new Map();
  let territoiresFormat: TerritoiresFormat | null = null;
  if (options.territoiresPath) {
    const parsed = parseTerritoires(decodeText(await readFile(options.territoiresPath)).text, options.territoiresPath, documentCodeOf);
    territoires = parsed.byDocument;
    territoiresFormat = parsed.format;
  }
  const overrides = options.shortLabelsPath
    ? parseShortLabelOverrides(await readFile(options.shortLabelsPath, 'utf8'), options.shortLabelsPath)
    : new Map<string, string>();
  const labels = new LabelBook(
    { activity: labelTables.activity.labels, product: labelTables.product.labels, country: labelTables.country.labels },
    overrides,
  );

  const version = buildVersion({
    year,
    sample: options.sample,
    generatedAt: options.generatedAt ?? new Date(Math.max(inputs.E.modified.getTime(), inputs.I.modified.getTime())).toISOString(),
    sourceFiles: [inputs.E.label, inputs.I.label],
    quarters,
    geography,
    codes: { exports: readers.E.reader.aggregate, imports: readers.I.reader.aggregate },
    labels,
    territoires,
    hash: (text) => createHash('sha256').update(text).digest('hex'),
  });

  const unknownCodes = {
    activity: unknownOf(labelTables.activity.labels, readers, (r) => r.aggregate.activityGroups.codes),
    product: unknownOf(labelTables.product.labels, readers, (r) => r.aggregate.products.codes),
    country: unknownOf(labelTables.country.labels, readers, (r) => r.aggregate.countries.codes),
  };
  for (const [kind, codes] of Object.entries(unknownCodes)) {
    if (codes.length > 0) warnings.push(`${codes.length} ${kind} code(s) without a label for ${year}, kept as their code: ${codes.join(', ')}`);
  }

  const outDir = options.outRoot ? await writeVersionAtomically(options.outRoot, String(year), version.files) : null;
  return {
    year,
    dataVersion: version.dataVersion,
    outDir,
    rows: { E: readers.E.reader.rowsRead, I: readers.I.reader.rowsRead },
    rowsSkippedOtherYears: { E: readers.E.reader.rowsSkippedOtherYears, I: readers.I.reader.rowsSkippedOtherYears },
    quartersSeen: { E: [...readers.E.reader.quartersSeen].sort(), I: [...readers.I.reader.quartersSeen].sort() },
    quarters,
    issueCount,
    issues,
    unknownCodes,
    territoiresFormat,
    warnings,
    version,
  };
}

function resolveYear(inputs: Record<Flow, FlowInput>, requested: number | undefined): number {
  if (requested !== undefined) return requested;
  const named = [inputs.E, inputs.I].filter((input) => !input.rolling).map((input) => input.yearInName);
  if (inputs.E.rolling || inputs.I.rolling) {
    throw new DataInputError(
      'the rolling REGIONAL_CPF4PAYS files cover five quarters: say which year to build with --year',
      'les fichiers « dernière publication » couvrent cinq trimestres : indiquez l\'année avec --year',
    );
  }
  if (named[0] === null || named[0] !== named[1]) {
    throw new DataInputError(
      `cannot tell the year from the file names (${inputs.E.label}, ${inputs.I.label}): give --year`,
      'année introuvable dans les noms de fichiers : indiquez-la avec --year',
    );
  }
  return named[0];
}

async function readFlow(input: FlowInput, year: number, geography: Geography) {
  const reader = new FlowReader({ flow: input.flow, year, otherYears: input.rolling ? 'skip' : 'reject', file: input.label, geography });
  const splitter = new LineSplitter((line, lineNumber) => reader.readLine(line, lineNumber));
  const decoder = new TextDecoder('utf-8');
  const stream = await input.open();
  const done = (async () => {
    for await (const chunk of stream) splitter.push(decoder.decode(chunk as Buffer, { stream: true }));
    splitter.push(decoder.decode());
    splitter.end();
  })();
  return { reader, done };
}

function documentCodeFor(geography: Geography, insee: string): string | null {
  for (const departement of geography.departements.values()) {
    if (departement.document?.inseeCodes.some((code) => code.code === insee)) return departement.document.code;
  }
  return null;
}

function unknownOf(
  table: Map<string, string>,
  readers: Record<Flow, { reader: FlowReader }>,
  codesOf: (reader: FlowReader) => readonly string[],
): string[] {
  const seen = new Set([...codesOf(readers.E.reader), ...codesOf(readers.I.reader)]);
  return [...seen].filter((code) => !table.has(code)).sort();
}
