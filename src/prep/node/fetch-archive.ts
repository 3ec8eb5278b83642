/**
 * Downloads one customs archive, which must open as a zip holding the expected data file of the
 * right year and flow before it replaces the previous one; and the address book of the downloads.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { DataInputError } from '../errors.js';
import { downloadChecked } from './download.js';
import { openFlowInput } from './flow-input.js';

export const FetchConfig = z.object({
  description: z.string().optional(),
  dataset: z.string().url().optional(),
  archives: z.array(
    z.object({
      year: z.number().int().min(2000).max(2100),
      flow: z.enum(['export', 'import']),
      file: z.string().regex(/^[\w.-]+\.zip$/),
      url: z.string().url(),
    }),
  ),
  /** The official commune list of the current Territoires d'industrie programme. */
  territoiresIndustrie: z
    .object({
      programme: z.string().min(1),
      file: z.string().regex(/^[\w.-]+\.csv$/),
      url: z.string().url(),
    })
    .optional(),
});
export type FetchConfig = z.infer<typeof FetchConfig>;

export async function readFetchConfig(path: string): Promise<FetchConfig> {
  const parsed = FetchConfig.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new DataInputError(`${path}: ${parsed.error.message}`, `configuration de téléchargement invalide (${path})`);
  return parsed.data;
}

export interface FetchedArchive {
  path: string;
  bytes: number;
  entry: string;
}

export async function fetchArchive(options: {
  url: string;
  year: number;
  flow: 'export' | 'import';
  outDir: string;
  fileName: string;
  signal?: AbortSignal;
}): Promise<FetchedArchive> {
  const { path, bytes, checked: entry } = await downloadChecked({
    ...options,
    check: async (temporary) => {
      const input = await openFlowInput(temporary, options.flow === 'export' ? 'E' : 'I').catch((error: unknown) => {
        throw new DataInputError(
          `${options.url} is not the expected customs archive: ${error instanceof Error ? error.message : String(error)}`,
          `le fichier téléchargé n'est pas l'archive douanière attendue (${basename(options.fileName)})`,
        );
      });
      input.close();
      if (input.yearInName !== options.year) {
        throw new DataInputError(`${options.url} holds ${input.label}, not the ${options.year} data`, `l'archive téléchargée ne concerne pas l'année ${options.year}`);
      }
      return input.label.split('!')[1] ?? input.label;
    },
  });
  return { path, bytes, entry };
}
