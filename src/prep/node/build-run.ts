/**
 * The whole build on Node: open the inputs, stream each flow through its reader, check the
 * problems against the tolerance, assemble the version and write it atomically. Both flows are
 * read at once: inflating runs on libuv's threads while the main thread parses the other flow.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TerritoiresIndustrie } from '../../core/schema.js';
import type { FlowAggregate } from '../aggregate.js';
import { DataInputError, formatIssue, type InputIssue } from '../errors.js';
import { FlowReader, type Flow } from '../flow-reader.js';
import { parseGeography, type Geography } from '../geography.js';
import { parseLabelFile } from '../labels.js';
import { LabelBook, parseShortLabelOverrides, type LabelKind } from '../short-labels.js';
import { parseTerritoires, territoiresSourceOf, type TerritoiresFormat, type TerritoiresSource } from '../territoires.js';
import { decodeText, decodeTextFile } from '../text.js';
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
  /** Which programme the list is (« 2023–2027 »); read from the official file names when not given. */
  territoiresProgramme?: string;
  /** Publication date of the list (YYYY-MM-DD); read from the official file names when not given. */
  territoiresFileDate?: string | null;
  shortLabelsPath: string | null;
  /** Folder holding one folder per year; null to build without writing (benchmarks). */
  outRoot: string | null;
  year?: number;
  sample: boolean;
  /** How many malformed lines may be skipped before the build fails. */
  tolerance: number;
  /** Build even if a flow has no row or the year misses quarters (a warning instead of a failure). */
  allowPartial?: boolean;
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
  /** The encoding found in each label file. */
  labelEncodings: Record<string, string>;
  /** Where the time went: opening and reading both flows, building and validating the documents, writing them. */
  timings: { readMs: number; assembleMs: number; writeMs: number };
  warnings: string[];
  version: BuiltVersion;
  /** The sums of each flow the documents were built from (a benchmark checks them against a peer's). */
  aggregates: Record<Flow, FlowAggregate>;
}

export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const exportInput = await openFlowInput(options.exportPath, 'E');
  const importInput = await openFlowInput(options.importPath, 'I').catch((error: unknown) => {
    exportInput.close();
    throw error;
  });
  const inputs = { E: exportInput, I: importInput };
  try {
    return await buildFrom(inputs, options);
  } finally {
    inputs.E.close();
    inputs.I.close();
  }
}

async function buildFrom(inputs: Record<Flow, FlowInput>, options: BuildOptions): Promise<BuildReport> {
  const warnings: string[] = [];
  const started = performance.now();
  const year = resolveYear(inputs, options.year);
  const encodings: Record<string, string> = {};
  const encodingIssues: InputIssue[] = [];
  const labelText = async (name: LabelFile) => {
    const bytes = inputs.E.labelFiles.get(name) ?? inputs.I.labelFiles.get(name) ?? (await readFile(join(options.labelsDir, name)));
    const decoded = decodeTextFile(bytes, name);
    encodings[name] = decoded.description;
    encodingIssues.push(...decoded.issues);
    return decoded.text;
  };
  const geography = parseGeography(await labelText('Departement_region.txt'), await readFile(options.geographyTable, 'utf8'));
  const labelTables = {
    activity: parseLabelFile(await labelText('Libelle_A129.txt'), 'Libelle_A129.txt', year),
    product: parseLabelFile(await labelText('Libelle_CPF4_rev2.1.txt'), 'Libelle_CPF4_rev2.1.txt', year),
    country: parseLabelFile(await labelText('Libelle_PAYS.txt'), 'Libelle_PAYS.txt', year),
  };

  // Past this many problems the build fails anyway and the report has enough lines to show: stop reading.
  const stopAfter = options.tolerance + MAX_REPORTED_ISSUES;
  const stop = new AbortController();
  const read = (input: FlowInput) =>
    readFlow(input, year, geography, stopAfter, stop.signal).catch((error: unknown) => {
      stop.abort();
      throw error;
    });
  const [exportReader, importReader] = await Promise.all([read(inputs.E), read(inputs.I)]);
  const flowsRead = performance.now();
  const readers = { E: { reader: exportReader }, I: { reader: importReader } };

  const issues = [
    ...encodingIssues,
    ...labelTables.activity.issues,
    ...labelTables.product.issues,
    ...labelTables.country.issues,
    ...readers.E.reader.issues,
    ...readers.I.reader.issues,
  ];
  const issueCount =
    encodingIssues.length +
    labelTables.activity.issues.length + labelTables.product.issues.length + labelTables.country.issues.length +
    readers.E.reader.issueCount + readers.I.reader.issueCount;
  if (issueCount > options.tolerance) {
    const stopped = [readers.E.reader, readers.I.reader]
      .filter((reader) => reader.stoppedAtLine !== null)
      .map(
        (reader) =>
          `${reader.file}: reading stopped at line ${reader.stoppedAtLine} after ${reader.issueCount} problems ` +
          '(so many usually means a damaged archive or not a customs data file)\n',
      )
      .join('');
    throw new DataInputError(
      `${issueCount} malformed line(s), more than the tolerance of ${options.tolerance}; nothing was written.\n` +
        stopped +
        issues.slice(0, 20).map((issue) => `  ${formatIssue(issue)}`).join('\n') +
        (issueCount > 20 ? `\n  … and ${issueCount - 20} more` : ''),
      `${issueCount} ligne(s) mal formée(s) dans les fichiers douaniers (tolérance : ${options.tolerance}) ; aucun fichier n'a été écrit.`,
      issues,
    );
  }

  const quarters = [1, 2, 3, 4].filter((q) => readers.E.reader.quartersSeen.has(`${year}-Q${q}`) && readers.I.reader.quartersSeen.has(`${year}-Q${q}`));
  checkCompleteness(readers, inputs, year, quarters, options.allowPartial ?? false, warnings);
  for (const [file, table] of [
    ['Libelle_A129.txt', labelTables.activity],
    ['Libelle_CPF4_rev2.1.txt', labelTables.product],
    ['Libelle_PAYS.txt', labelTables.country],
  ] as const) {
    if (table.duplicates.length === 0) continue;
    const identical = table.duplicates.filter((duplicate) => duplicate.identical).length;
    warnings.push(
      `${file}: ${table.duplicates.length} code(s) with more than one row valid in ${year} (${identical} repeating the same line; the row starting latest is used): ` +
        table.duplicates.slice(0, 5).map((duplicate) => `${duplicate.code} at lines ${duplicate.lines.join(', ')}`).join('; ') +
        (table.duplicates.length > 5 ? '; …' : ''),
    );
  }
  for (const { reader } of [readers.E, readers.I]) {
    if (reader.repeatedKeyCount === 0) continue;
    warnings.push(
      `${reader.file}: ${reader.repeatedKeyCount} row(s) repeat the quarter, département, A129, CPF4 and country of an earlier row with other figures (summed): ` +
        reader.repeatedKeys.slice(0, 5).map((entry) => `line ${entry.line} (first at line ${entry.firstLine})`).join(', ') +
        (reader.repeatedKeyCount > 5 ? ', …' : ''),
    );
  }

  const documentCodeOf = (insee: string) => documentCodeFor(geography, insee);
  let territoires: ReadonlyMap<string, TerritoiresIndustrie> = new Map();
  let territoiresFormat: TerritoiresFormat | null = null;
  let territoiresSource: TerritoiresSource | null = null;
  if (options.territoiresPath) {
    territoiresSource = territoiresSourceOf(options.territoiresPath, options.territoiresProgramme, options.territoiresFileDate);
    const parsed = parseTerritoires(
      decodeText(await readFile(options.territoiresPath)).text,
      options.territoiresPath,
      documentCodeOf,
      territoiresSource.programme,
    );
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
    territoiresSource,
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

  const assembled = performance.now();
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
    labelEncodings: encodings,
    timings: { readMs: flowsRead - started, assembleMs: assembled - flowsRead, writeMs: performance.now() - assembled },
    warnings,
    version,
    aggregates: { E: readers.E.reader.aggregate, I: readers.I.reader.aggregate },
  };
}

/**
 * A flow without a single row of the year, or a year missing quarters, would publish zeros or a
 * partial year as if it were the whole: that fails unless the caller allows it (a partial year
 * from the rolling files, on purpose).
 */
function checkCompleteness(
  readers: Record<Flow, { reader: FlowReader }>,
  inputs: Record<Flow, FlowInput>,
  year: number,
  quarters: number[],
  allowPartial: boolean,
  warnings: string[],
): void {
  const problems: string[] = [];
  for (const flow of ['E', 'I'] as const) {
    if (readers[flow].reader.rowsRead === 0) problems.push(`${inputs[flow].label}: no row of ${year} (empty file or entry)`);
  }
  if (quarters.length < 4) problems.push(`the inputs cover only quarter(s) ${quarters.join(', ') || 'none'} of ${year}: figures are not a full year`);
  if (problems.length === 0) return;
  if (allowPartial) {
    warnings.push(...problems.map((problem) => `${problem} (allowed by --allow-partial)`));
    return;
  }
  throw new DataInputError(
    `${problems.join('; ')}; nothing was written (give --allow-partial to build anyway)`,
    'données incomplètes (flux vide ou trimestres manquants) ; aucun fichier n\'a été écrit',
  );
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

const MAX_REPORTED_ISSUES = 1000;

/**
 * Streams one flow through its reader. A stream that fails (a damaged archive: inflate error, size
 * or CRC mismatch) ends the build with the file and the last line read; so does reading stopped
 * after too many problems, since the build would fail anyway.
 */
async function readFlow(input: FlowInput, year: number, geography: Geography, stopAfter: number, signal: AbortSignal): Promise<FlowReader> {
  const reader = new FlowReader({
    flow: input.flow,
    year,
    otherYears: input.rolling ? 'skip' : 'reject',
    file: input.label,
    geography,
    maxIssueDetails: MAX_REPORTED_ISSUES,
  });
  const stream = await input.open();
  try {
    for await (const chunk of stream) {
      reader.push(chunk as Buffer);
      if (reader.issueCount > stopAfter || signal.aborted) {
        stream.destroy();
        if (!signal.aborted) reader.stoppedAtLine = reader.linesSeen;
        return reader;
      }
    }
    reader.end();
  } catch (error) {
    stream.destroy();
    const where = reader.linesSeen > 0 ? ` after line ${reader.linesSeen}` : '';
    throw new DataInputError(
      `${input.label}: unreadable${where} (${error instanceof Error ? error.message : String(error)}); nothing was written`,
      `${input.label} : fichier illisible${reader.linesSeen > 0 ? ` après la ligne ${reader.linesSeen}` : ''} (archive endommagée ?) ; aucun fichier n'a été écrit`,
    );
  }
  return reader;
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
