/**
 * Publishes a built version to object storage so that readers never see half of it: every file
 * goes under `<prefix>/<year>/<dataVersion>/` (documents first, then the manifest), and only then
 * is `<prefix>/current.json` replaced to point at it. A publication stopped at any point leaves
 * the pointer on the previous, complete version.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CurrentPointer, IndicatorDocument, Manifest, SCHEMA_VERSION } from '../core/schema.js';
import { DataInputError } from '../prep/errors.js';

/** Versioned objects never change once written; the pointer must be re-read at each request. */
export const VERSIONED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const POINTER_CACHE_CONTROL = 'no-cache';
const PARALLEL_UPLOADS = 8;

export interface PublishOptions {
  client: S3Client;
  bucket: string;
  prefix: string;
  /** A built version folder, e.g. data/indicators/2024. */
  versionDir: string;
  signal?: AbortSignal;
  /** Called after each versioned upload (progress, tests). */
  onUploaded?: (key: string) => void;
  now?: () => Date;
}

export function objectKey(prefix: string, ...parts: string[]): string {
  return [prefix.replace(/^\/+|\/+$/g, ''), ...parts].filter((part) => part !== '').join('/');
}

export async function publishVersion(options: PublishOptions): Promise<CurrentPointer> {
  const { manifest, documents, manifestText } = await readVersion(options.versionDir);
  const versionPath = `${manifest.year}/${manifest.dataVersion}`;

  const queue = [...documents];
  const upload = async (path: string, body: string) => {
    options.signal?.throwIfAborted();
    const key = objectKey(options.prefix, versionPath, path);
    await options.client.send(
      new PutObjectCommand({
        Bucket: options.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json; charset=utf-8',
        CacheControl: VERSIONED_CACHE_CONTROL,
      }),
      { abortSignal: options.signal },
    );
    options.onUploaded?.(key);
  };
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await upload(next.path, next.text);
  };
  await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
  await upload('manifest.json', manifestText);

  const pointer = CurrentPointer.parse({
    schemaVersion: SCHEMA_VERSION,
    year: manifest.year,
    dataVersion: manifest.dataVersion,
    versionPath,
    publishedAt: (options.now ?? (() => new Date()))().toISOString(),
  });
  options.signal?.throwIfAborted();
  await options.client.send(
    new PutObjectCommand({
      Bucket: options.bucket,
      Key: objectKey(options.prefix, 'current.json'),
      Body: `${JSON.stringify(pointer, null, 2)}\n`,
      ContentType: 'application/json; charset=utf-8',
      CacheControl: POINTER_CACHE_CONTROL,
    }),
    { abortSignal: options.signal },
  );
  return pointer;
}

/** Reads and validates a version folder: a manifest, and documents that all carry its data version. */
async function readVersion(versionDir: string) {
  const manifestText = await readFile(join(versionDir, 'manifest.json'), 'utf8').catch(() => {
    throw new DataInputError(`${versionDir} has no manifest.json: build it first (npm run data:build)`, 'version introuvable : lancez d\'abord npm run data:build');
  });
  const manifest = Manifest.parse(JSON.parse(manifestText));
  const paths = (await readdir(versionDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => relative(versionDir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .filter((path) => path !== 'manifest.json')
    .sort();
  const documents = await Promise.all(
    paths.map(async (path) => {
      const text = await readFile(join(versionDir, path), 'utf8');
      const parsed = IndicatorDocument.safeParse(JSON.parse(text));
      if (!parsed.success || parsed.data.dataVersion !== manifest.dataVersion || parsed.data.year !== manifest.year) {
        throw new DataInputError(
          `${path} is not a valid document of version ${manifest.dataVersion}: ${parsed.success ? 'other version' : parsed.error.message}`,
          `le document ${path} n'appartient pas à la version ${manifest.dataVersion} ou est invalide`,
        );
      }
      return { path, text };
    }),
  );
  const missing = manifest.geographies.map((geo) => geo.document).filter((document) => !paths.includes(document));
  if (missing.length > 0) {
    throw new DataInputError(`the manifest lists missing documents: ${[...new Set(missing)].join(', ')}`, 'des documents listés par le manifeste manquent');
  }
  return { manifest, manifestText, documents };
}
