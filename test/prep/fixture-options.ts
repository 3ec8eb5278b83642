/** Build options over the small fixtures in the official layout, without Territoires d'industrie or short labels. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from '../../src/prep/node/build-run.js';

export const fixtures = fileURLToPath(new URL('../fixtures/raw/', import.meta.url));
export const repo = fileURLToPath(new URL('../../', import.meta.url));

export function fixtureOptions(overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    exportPath: join(fixtures, 'extracted/Region_2024_Export.txt'),
    importPath: join(fixtures, 'extracted/Region_2024_Import.txt'),
    labelsDir: join(fixtures, 'labels'),
    geographyTable: join(repo, 'data/raw/insee/departements_101_with_dgddi_codes.csv'),
    territoiresPath: null,
    shortLabelsPath: null,
    outRoot: null,
    sample: false,
    tolerance: 0,
    year: 2024,
    ...overrides,
  };
}
