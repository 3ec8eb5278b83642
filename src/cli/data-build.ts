/**
 * npm run data:build [-- options]: customs archives → data/indicators/<year>/ (+ data/schema/).
 * Without arguments it rebuilds the committed sample; see --help for real archives.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DataInputError, formatIssue } from '../prep/errors.js';
import { runBuild } from '../prep/node/build-run.js';
import { DEFAULTS, REPO_ROOT } from '../prep/node/defaults.js';
import { writeJsonSchemas } from '../prep/node/write-schema.js';

const HELP = `Usage: npm run data:build -- [options]

  --export FILE        export flow: AAAAMM_regional_AAAA_export.zip, Region_AAAA_Export.txt or REGIONAL_CPF4PAYSE.txt
  --import FILE        import flow, likewise (default: the bundled synthetic sample)
  --year YYYY          year to build (required for the rolling REGIONAL_CPF4PAYS* files; else read from the names)
  --labels DIR         label files for inputs that do not ship them (default data/raw/labels)
  --geography FILE     INSEE départements with customs codes (default data/raw/insee/departements_101_with_dgddi_codes.csv)
  --territoires FILE   Territoires d'industrie: département table (insee_dep,id_ti,lib_ti,principaux) or the
                       official commune list (insee_com,lib_com,id_ti,lib_ti); "none" for no list
                       (default: the 2018–2023 list by département, the complete list available offline)
  --territoires-programme P  the list's programme, e.g. 2023–2027 (default: read from the official file name)
  --territoires-date YYYY-MM-DD  the list's publication date (default: read from the official file name)
  --short-labels FILE  short chart labels overriding the rule (default data/raw/short-labels.csv)
  --out DIR            output root (default data/indicators); the version goes to DIR/<year>/
  --schema-out DIR     JSON Schema output (default data/schema)
  --tolerance N        skip and report up to N malformed or duplicate lines instead of failing (default 0)
  --allow-partial      build even if a flow has no row or the year misses quarters (default: fail)
  --sample | --no-sample  mark the documents as synthetic or real (default: --sample only for the bundled inputs)
  --generated-at ISO   generation time to record (default: latest modification time inside the inputs)
`;

const { values } = parseArgs({
  options: {
    export: { type: 'string' },
    import: { type: 'string' },
    year: { type: 'string' },
    labels: { type: 'string', default: DEFAULTS.labelsDir },
    geography: { type: 'string', default: DEFAULTS.geographyTable },
    territoires: { type: 'string', default: DEFAULTS.territoiresPath },
    'territoires-programme': { type: 'string' },
    'territoires-date': { type: 'string' },
    'short-labels': { type: 'string', default: DEFAULTS.shortLabelsPath },
    out: { type: 'string', default: DEFAULTS.outRoot },
    'schema-out': { type: 'string', default: DEFAULTS.schemaDir },
    tolerance: { type: 'string', default: '0' },
    'allow-partial': { type: 'boolean' },
    sample: { type: 'boolean' },
    'no-sample': { type: 'boolean' },
    'generated-at': { type: 'string' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const bundled = values.export === undefined && values.import === undefined;
const started = performance.now();
try {
  if (values.sample && values['no-sample']) throw new DataInputError('--sample and --no-sample are exclusive', 'options --sample et --no-sample incompatibles');
  if ((values.export === undefined) !== (values.import === undefined)) {
    throw new DataInputError('give both --export and --import (or neither, for the bundled sample)', 'indiquez --export et --import ensemble');
  }
  const tolerance = Number(values.tolerance);
  if (!Number.isInteger(tolerance) || tolerance < 0) throw new DataInputError(`bad --tolerance "${values.tolerance}"`, 'tolérance invalide');
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    throw new DataInputError(`bad --year "${values.year}"`, 'année invalide');
  }
  const report = await runBuild({
    exportPath: values.export ?? DEFAULTS.exportPath,
    importPath: values.import ?? DEFAULTS.importPath,
    labelsDir: values.labels!,
    geographyTable: values.geography!,
    territoiresPath: values.territoires === 'none' ? null : values.territoires!,
    territoiresProgramme: values['territoires-programme'],
    territoiresFileDate: values['territoires-date'],
    shortLabelsPath: values['short-labels'] === 'none' ? null : values['short-labels']!,
    outRoot: values.out!,
    year,
    sample: values.sample ? true : values['no-sample'] ? false : bundled,
    tolerance,
    allowPartial: values['allow-partial'] ?? false,
    generatedAt: values['generated-at'],
  });
  await writeJsonSchemas(values['schema-out']!);
  const seconds = (performance.now() - started) / 1000;
  const where = (path: string | null) => (path ? relative(REPO_ROOT, path) || '.' : '-');
  console.log(`built ${report.year} version ${report.dataVersion} in ${seconds.toFixed(2)} s → ${where(report.outDir)}`);
  console.log(`  rows: export ${report.rows.E}, import ${report.rows.I}; quarters of ${report.year}: ${report.quarters.join(', ')}`);
  if (report.rowsSkippedOtherYears.E + report.rowsSkippedOtherYears.I > 0) {
    console.log(`  rows of other years skipped: export ${report.rowsSkippedOtherYears.E}, import ${report.rowsSkippedOtherYears.I}`);
    console.log(`  quarters in the inputs: export ${report.quartersSeen.E.join(' ')}; import ${report.quartersSeen.I.join(' ')}`);
  }
  console.log(`  documents: ${report.version.files.size - 1} + manifest; sample: ${report.version.manifest.sample}`);
  console.log(`  label files: ${Object.entries(report.labelEncodings).map(([file, encoding]) => `${file} ${encoding}`).join('; ')}`);
  const territoires = report.version.manifest.source.territoiresIndustrie;
  if (report.territoiresFormat && territoires) {
    console.log(`  Territoires d'industrie: programme ${territoires.programme}, ${territoires.file} (${territoires.fileDate ?? 'no date'}), ${report.territoiresFormat} table`);
  }
  if (report.issueCount > 0) {
    console.log(`  ${report.issueCount} malformed line(s) skipped (tolerance ${tolerance}):`);
    for (const issue of report.issues.slice(0, 20)) console.log(`    ${formatIssue(issue)}`);
  }
  for (const warning of report.warnings) console.log(`  warning: ${warning}`);
} catch (error) {
  if (error instanceof DataInputError) {
    console.error(`data:build failed: ${error.message}`);
    console.error(`(fr) ${error.messageFr}`);
    process.exit(1);
  }
  console.error(`data:build failed unexpectedly; nothing was written.\n${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
}
