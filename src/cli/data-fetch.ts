/**
 * npm run data:fetch [-- options]: downloads a year's customs archives (export and import) and the
 * official Territoires d'industrie commune list into data/raw/<year>/ from the addresses in
 * data/raw/fetch-sources.json, or from --export-url/--import-url/--territoires-url.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataInputError } from '../prep/errors.js';
import { RAW_DIR } from '../prep/node/defaults.js';
import { fetchArchive, readFetchConfig } from '../prep/node/fetch-archive.js';
import { fetchTerritoires } from '../prep/node/fetch-territoires.js';

const HELP = `Usage: npm run data:fetch -- [options]

  --year YYYY         year to fetch (default: the latest year in the configuration)
  --config FILE       addresses (default data/raw/fetch-sources.json)
  --export-url URL    override the export archive's address
  --import-url URL    override the import archive's address
  --territoires-url URL  override the Territoires d'industrie commune list's address
  --no-territoires    do not download the Territoires d'industrie list
  --out DIR           destination (default data/raw/<year>)
Then: npm run data:build -- --export DIR/<file>_export.zip --import DIR/<file>_import.zip \\
        --territoires DIR/liste-ti-com<…>.csv --no-sample
`;

const { values } = parseArgs({
  options: {
    year: { type: 'string' },
    config: { type: 'string', default: join(RAW_DIR, 'fetch-sources.json') },
    'export-url': { type: 'string' },
    'import-url': { type: 'string' },
    'territoires-url': { type: 'string' },
    'no-territoires': { type: 'boolean' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

try {
  const config = await readFetchConfig(values.config!);
  const year = values.year ? Number(values.year) : Math.max(...config.archives.map((archive) => archive.year));
  if (!Number.isInteger(year)) throw new DataInputError(`bad --year "${values.year}"`, 'année invalide');
  const outDir = values.out ?? join(RAW_DIR, String(year));
  for (const flow of ['export', 'import'] as const) {
    const configured = config.archives.find((archive) => archive.year === year && archive.flow === flow);
    const url = values[`${flow}-url`] ?? configured?.url;
    if (!url) {
      throw new DataInputError(
        `no address for the ${year} ${flow} archive: add it to ${values.config} or give --${flow}-url`,
        `adresse de l'archive ${flow} ${year} inconnue : complétez la configuration ou donnez --${flow}-url`,
      );
    }
    const fileName = configured?.file ?? (/[\w-]+_regional_\d{4}_(export|import)\.zip$/.exec(new URL(url).pathname)?.[0] ?? `regional_${year}_${flow}.zip`);
    const started = performance.now();
    const fetched = await fetchArchive({ url, year, flow, outDir, fileName });
    console.log(`${flow}: ${fetched.path} (${(fetched.bytes / 1e6).toFixed(1)} MB, ${fetched.entry}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (!values['no-territoires']) {
    const configured = config.territoiresIndustrie;
    const url = values['territoires-url'] ?? configured?.url;
    if (!url) {
      throw new DataInputError(
        `no address for the Territoires d'industrie list: add territoiresIndustrie to ${values.config}, give --territoires-url or --no-territoires`,
        `adresse de la liste des Territoires d'industrie inconnue : complétez la configuration ou donnez --territoires-url`,
      );
    }
    const fileName = values['territoires-url'] ? (new URL(url).pathname.split('/').pop() || 'territoires-industrie.csv') : configured!.file;
    const fetched = await fetchTerritoires({ url, outDir, fileName });
    console.log(`Territoires d'industrie${configured && !values['territoires-url'] ? ` ${configured.programme}` : ''}: ${fetched.path} (${fetched.departements} départements)`);
  }
} catch (error) {
  const fr = error instanceof DataInputError ? error.messageFr : 'téléchargement interrompu ; les fichiers déjà présents sont inchangés.';
  console.error(`data:fetch failed: ${error instanceof Error ? error.message : String(error)}\n(fr) ${fr}`);
  process.exit(1);
}
