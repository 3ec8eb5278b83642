/**
 * The current data version and its documents, read from storage. The manifest is re-read at most
 * every `ttlSeconds`; each snapshot pins a version folder, so a request that started on one version
 * finishes on it even if a publication moves the pointer meanwhile.
 */
import type { z } from 'zod';
import { CurrentPointer, IndicatorDocument, Manifest, type ManifestGeography } from '../core/schema.js';
import { InvalidDocumentError, StorageUnavailableError } from './errors.js';
import type { FactsheetInput } from '../core/factsheet.js';
import type { Clock, Storage } from './ports-app.js';

export interface DataSnapshot {
  manifest: Manifest;
  /** Key prefix of the version folder in storage, `''` or `2024/<dataVersion>/`. */
  base: string;
}

/** Parsed documents kept per version: régions and France are shared by many factsheets. */
const PARSED_DOCUMENTS = 48;
/**
 * After a failed read, storage is not asked again for this long: while it is down, requests get
 * their 503 or stale answer at once instead of each waiting for the client's retries and timeout.
 */
const RETRY_AFTER_FAILURE_MS = 5000;

export class DataSource {
  private snapshot: DataSnapshot | null = null;
  private readAt = -Infinity;
  private refreshing: Promise<DataSnapshot> | null = null;
  private failure: { at: number; error: unknown } | null = null;
  private readonly documents = new Map<string, Promise<IndicatorDocument>>();

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  /** The snapshot to serve now; throws StorageUnavailableError when it is due and cannot be read. */
  async current(): Promise<DataSnapshot> {
    const now = this.clock.now();
    if (this.snapshot && now - this.readAt < this.ttlSeconds * 1000) return this.snapshot;
    if (this.failure && now - this.failure.at < RETRY_AFTER_FAILURE_MS) throw this.failure.error;
    this.refreshing ??= this.read()
      .then(
        (snapshot) => {
          this.failure = null;
          return snapshot;
        },
        (error: unknown) => {
          if (error instanceof StorageUnavailableError) this.failure = { at: this.clock.now(), error };
          throw error;
        },
      )
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** The last snapshot read successfully, for serving stale renderings while storage is down. */
  lastGood(): DataSnapshot | null {
    return this.snapshot;
  }

  geography(snapshot: DataSnapshot, code: string): ManifestGeography | undefined {
    return snapshot.manifest.geographies.find((geo) => geo.level === 'departement' && geo.code === code);
  }

  async document(snapshot: DataSnapshot, path: string): Promise<IndicatorDocument> {
    const key = snapshot.base + path;
    let parsed = this.documents.get(key);
    if (!parsed) {
      parsed = this.readDocument(snapshot, path);
      this.documents.set(key, parsed);
      // Failures are not remembered: storage may come back.
      parsed.catch(() => this.documents.delete(key));
      if (this.documents.size > PARSED_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    }
    return parsed;
  }

  /** The three documents a factsheet compares: the département, its région (or DOM), France. */
  async factsheetInput(snapshot: DataSnapshot, geography: ManifestGeography): Promise<FactsheetInput> {
    const departement = await this.document(snapshot, geography.document);
    if (!departement.region) throw new InvalidDocumentError(geography.document, `${geography.document} has no région`);
    const [region, france] = await Promise.all([
      this.document(snapshot, `region/${departement.region.code}.json`),
      this.document(snapshot, 'france.json'),
    ]);
    return { departement, region, france, manifest: snapshot.manifest, requested: { code: geography.code, name: geography.name } };
  }

  private async read(): Promise<DataSnapshot> {
    const pointerText = await this.storage.getText('current.json');
    let base = '';
    if (pointerText !== null) {
      base = `${parseAs(CurrentPointer, 'current.json', pointerText).versionPath}/`;
    }
    const manifestText = await this.storage.getText(`${base}manifest.json`);
    if (manifestText === null) {
      throw new StorageUnavailableError(`no manifest at ${base || 'the storage root'}manifest.json`);
    }
    const manifest = parseAs(Manifest, `${base}manifest.json`, manifestText);
    if (this.snapshot?.manifest.dataVersion !== manifest.dataVersion) this.documents.clear();
    this.snapshot = { manifest, base };
    this.readAt = this.clock.now();
    return this.snapshot;
  }

  private async readDocument(snapshot: DataSnapshot, path: string): Promise<IndicatorDocument> {
    const text = await this.storage.getText(snapshot.base + path);
    if (text === null) throw new InvalidDocumentError(path, `${snapshot.base}${path} is listed but missing`);
    const document = parseAs(IndicatorDocument, path, text);
    if (document.dataVersion !== snapshot.manifest.dataVersion) {
      throw new InvalidDocumentError(path, `${path} has data version ${document.dataVersion}, the manifest ${snapshot.manifest.dataVersion}`);
    }
    return document;
  }
}

function parseAs<T extends z.ZodType>(schema: T, name: string, text: string): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidDocumentError(name, `${name} is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InvalidDocumentError(name, `${name} fails the schema: ${parsed.error.message.slice(0, 500)}`);
  return parsed.data;
}
