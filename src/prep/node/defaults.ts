/** Where the committed inputs and outputs live, relative to the repository root. */
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const RAW_DIR = join(REPO_ROOT, 'data/raw');

export const DEFAULTS = {
  exportPath: join(RAW_DIR, 'sample-2024/202502_regional_2024_export.zip'),
  importPath: join(RAW_DIR, 'sample-2024/202502_regional_2024_import.zip'),
  labelsDir: join(RAW_DIR, 'labels'),
  geographyTable: join(RAW_DIR, 'insee/departements_101_with_dgddi_codes.csv'),
  territoiresPath: join(RAW_DIR, 'territoires-industrie/ti_2018_2023_by_departement.csv'),
  shortLabelsPath: join(RAW_DIR, 'short-labels.csv'),
  outRoot: join(REPO_ROOT, 'data/indicators'),
  schemaDir: join(REPO_ROOT, 'data/schema'),
} as const;
