/**
 * Downloads a file to its final place atomically: the bytes go to a temporary file beside it,
 * which `check` must accept before it replaces the target. A failed, partial or refused download
 * leaves the previous file untouched.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DataInputError } from '../errors.js';

export async function downloadChecked<T>(options: {
  url: string;
  outDir: string;
  fileName: string;
  check: (temporaryPath: string) => Promise<T>;
  signal?: AbortSignal;
}): Promise<{ path: string; bytes: number; checked: T }> {
  await mkdir(options.outDir, { recursive: true });
  const target = join(options.outDir, options.fileName);
  const temporary = join(options.outDir, `.part-${process.pid}-${options.fileName}`);
  try {
    const response = await fetch(options.url, { signal: options.signal, redirect: 'follow' });
    if (!response.ok || !response.body) {
      throw new DataInputError(`${options.url}: HTTP ${response.status}`, `téléchargement impossible (HTTP ${response.status})`);
    }
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(temporary));
    const checked = await options.check(temporary);
    const { size } = await stat(temporary);
    await rename(temporary, target);
    return { path: target, bytes: size, checked };
  } finally {
    await rm(temporary, { force: true });
  }
}
