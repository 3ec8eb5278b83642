/**
 * Downloads one customs archive to its final place atomically: the bytes go to a temporary file
 * beside it, which must open as a zip holding the expected data file of the right year and flow
 * before it replaces the target. A failed or partial download leaves the previous file untouched.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { DataInputError } from '../errors.js';
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
  await mkdir(options.outDir, { recursive: true });
  const target = join(options.outDir, options.fileName);
  const temporary = join(options.outDir, `.part-${process.pid}-${options.fileName}`);
  try {
    const response = await fetch(options.url, { signal: options.signal, redirect: 'follow' });
    if (!response.ok || !response.body) {
      throw new DataInputError(`${options.url}: HTTP ${response.status}`, `téléchargement impossible (HTTP ${response.status})`);
    }
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(temporary));
    const input = await openFlowInput(temporary, options.flow === 'export' ? 'E' : 'I').catch((error: unknown) => {
      throw new DataInputError(
        `${options.url} is not the expected customs archive: ${error instanceof Error ? error.message : String(error)}`,
        `le fichier téléchargé n'est pas l'archive douanière attendue (${basename(options.fileName)})`,
      );
    });
    input.close();
    if (input.yearInName !== options.year) {
      throw new DataInputError(
        `${options.url} holds ${input.label}, not the ${options.year} data`,
        `l'archive téléchargée ne concerne pas l'année ${options.year}`,
      );
    }
    const { size } = await stat(temporary);
    await rename(temporary, target);
    return { path: target, bytes: size, entry: input.label.split('!')[1] ?? input.label };
  } finally {
    await rm(temporary, { force: true });
  }
}
