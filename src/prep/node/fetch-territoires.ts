/**
 * Downloads the official commune list of the Territoires d'industrie
 * (`insee_com,lib_com,id_ti,lib_ti`), which must read as that table — every commune code in a
 * département, every territory named — before it replaces the previous file.
 */
import { readFile } from 'node:fs/promises';
import { DepartementCode } from '../../core/schema.js';
import { DataInputError } from '../errors.js';
import { parseTerritoires } from '../territoires.js';
import { decodeText } from '../text.js';
import { downloadChecked } from './download.js';

export interface FetchedTerritoires {
  path: string;
  bytes: number;
  /** Départements whose list the file gives. */
  departements: number;
}

export async function fetchTerritoires(options: { url: string; outDir: string; fileName: string; signal?: AbortSignal }): Promise<FetchedTerritoires> {
  const { path, bytes, checked } = await downloadChecked({
    ...options,
    check: async (temporary) => {
      const text = decodeText(await readFile(temporary)).text;
      const parsed = (() => {
        try {
          return parseTerritoires(text, options.url, (code) => (DepartementCode.safeParse(code).success ? code : null));
        } catch (error) {
          throw new DataInputError(
            `${options.url} is not the Territoires d'industrie commune list: ${error instanceof Error ? error.message : String(error)}`,
            `le fichier téléchargé n'est pas la liste des communes des Territoires d'industrie`,
          );
        }
      })();
      if (parsed.format !== 'commune' || parsed.byDocument.size === 0) {
        throw new DataInputError(
          `${options.url} is not the Territoires d'industrie commune list (expected insee_com,lib_com,id_ti,lib_ti and at least one commune)`,
          `le fichier téléchargé n'est pas la liste des communes des Territoires d'industrie`,
        );
      }
      return parsed.byDocument.size;
    },
  });
  return { path, bytes, departements: checked };
}
