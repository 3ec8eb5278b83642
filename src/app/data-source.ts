/**
 * The current data version and its documents, read from storage.
 *
 * - Each snapshot pins a version (its manifest and folder), so a request that started on one version
 *   finishes on it. When a document disagrees with the snapshot (another data version, or missing
 *   because a folder was replaced), the manifest is read again at once: if the version moved, the
 *   request starts over on the new one (VersionMovedError) instead of failing.
 * - Once a snapshot exists, the manifest is re-read when its TTL has passed; on Node in the
 *   background (stale-while-revalidate), so no request waits on storage for it, even a hung one.
 * - A failed re-read (storage unreachable, manifest or pointer corrupt or empty) keeps the last good
 *   snapshot in service, marked with the fault, and storage is not asked again for a few seconds.
 */
import type { z } from 'zod';
import { CurrentPointer, IndicatorDocument, Manifest, type ManifestGeography } from '../core/schema.js';
import { InvalidDocumentError, StorageUnavailableError, VersionMovedError } from './errors.js';
import type { FactsheetInput } from '../core/factsheet.js';
import type { Clock, Logger, Storage } from './ports-app.js';

export interface DataSnapshot {
  manifest: Manifest;
  /** Key prefix of the version folder in storage, `''` or `2024/<dataVersion>/`. */
  base: string;
  /** Set when the last read of the manifest failed and this is the last good version, served stale. */
  fault?: string;
}

/** Parsed documents kept: régions and France are shared by many factsheets. */
const PARSED_DOCUMENTS = 48;
/**
 * After a failed read, storage is not asked again for this long: while it is down, requests get
 * their answer at once instead of each waiting for the client's retries and timeout.
 */
const RETRY_AFTER_FAILURE_MS = 5000;
/**
 * A folder replaced by rename is absent for an instant between the two renames: a missing manifest
 * is looked for again a few times, a few milliseconds apart, before counting as a fault.
 */
const MISSING_MANIFEST_RETRIES = [10, 40, 150];

export class DataSource {
  private snapshot: DataSnapshot | null = null;
  private readAt = -Infinity;
  private refreshing: Promise<DataSnapshot> | null = null;
  private failure: { at: number; error: Error } | null = null;
  private readonly documents = new Map<string, Promise<IndicatorDocument>>();

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
    private readonly logger?: Logger,
    /**
     * Re-read the manifest without making the request that finds it due wait (Node). Workers keep
     * it in the request: work left running after a response is cut off there, and a promise started
     * by one request cannot be awaited by another.
     */
    private readonly revalidateInBackground = false,
  ) {}

  /**
   * The snapshot to serve now. Waits on storage only when no version was ever read; then throws
   * StorageUnavailableError (unreachable) or InvalidDocumentError (manifest corrupt).
   */
  async current(): Promise<DataSnapshot> {
    const now = this.clock.now();
    const backingOff = this.failure !== null && now - this.failure.at < RETRY_AFTER_FAILURE_MS;
    if (!this.snapshot) {
      if (backingOff) throw this.failure!.error;
      return this.refresh();
    }
    if (!backingOff && now - this.readAt >= this.ttlSeconds * 1000) {
      // Failures are recorded by refresh and reported through the snapshot's fault.
      const refreshed = this.refresh().catch(() => undefined);
      if (!this.revalidateInBackground) await refreshed;
    }
    return this.failure ? { ...this.snapshot, fault: this.failure.error.message } : this.snapshot;
  }

  /** The manifest read in progress, if any: a runtime that ends work with its request must keep it alive. */
  rereading(): Promise<unknown> | null {
    return this.refreshing?.catch(() => undefined) ?? null;
  }

  /** The last snapshot read successfully, for serving stale renderings while storage is down. */
  lastGood(): DataSnapshot | null {
    return this.snapshot;
  }

  /** What /healthz reports about storage. */
  health(): { storage: 'ok' | 'unreachable' | 'invalid' | 'unknown'; error?: string } {
    if (this.failure) {
      return { storage: this.failure.error instanceof InvalidDocumentError ? 'invalid' : 'unreachable', error: this.failure.error.message };
    }
    return { storage: this.snapshot ? 'ok' : 'unknown' };
  }

  geography(snapshot: DataSnapshot, code: string): ManifestGeography | undefined {
    return snapshot.manifest.geographies.find((geo) => geo.level === 'departement' && geo.code === code);
  }

  async document(snapshot: DataSnapshot, path: string): Promise<IndicatorDocument> {
    const key = `${snapshot.manifest.dataVersion}:${snapshot.base}${path}`;
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

  /** One read of the manifest at a time; every caller (TTL, disagreeing document) shares it. */
  private refresh(): Promise<DataSnapshot> {
    this.refreshing ??= this.read()
      .then(
        (snapshot) => {
          if (this.failure) this.logger?.log({ time: new Date().toISOString(), event: 'storage-recovered', dataVersion: snapshot.manifest.dataVersion });
          this.failure = null;
          return snapshot;
        },
        (error: unknown) => {
          if (error instanceof StorageUnavailableError || error instanceof InvalidDocumentError) {
            this.failure = { at: this.clock.now(), error };
            this.logger?.log({
              time: new Date().toISOString(),
              event: 'storage-fault',
              error: `${error.name}: ${error.message}`,
              servingStale: this.snapshot?.manifest.dataVersion ?? null,
              retryInMs: RETRY_AFTER_FAILURE_MS,
            });
          }
          throw error;
        },
      )
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async read(): Promise<DataSnapshot> {
    for (let attempt = 0; ; attempt += 1) {
      const found = await this.readOnce();
      if (found) {
        if (this.snapshot?.manifest.dataVersion !== found.manifest.dataVersion) this.documents.clear();
        this.snapshot = found;
        this.readAt = this.clock.now();
        return found;
      }
      const pause = MISSING_MANIFEST_RETRIES[attempt];
      if (pause === undefined) throw new StorageUnavailableError('no manifest.json at the storage root, nor a current.json pointing to one');
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async readOnce(): Promise<DataSnapshot | null> {
    const pointerText = await this.storage.getText('current.json');
    const base = pointerText === null ? '' : `${parseAs(CurrentPointer, 'current.json', pointerText).versionPath}/`;
    const manifestText = await this.storage.getText(`${base}manifest.json`);
    if (manifestText === null) return null;
    return { manifest: parseAs(Manifest, `${base}manifest.json`, manifestText), base };
  }

  private async readDocument(snapshot: DataSnapshot, path: string): Promise<IndicatorDocument> {
    const text = await this.storage.getText(snapshot.base + path);
    if (text === null) {
      await this.checkVersion(snapshot);
      throw new InvalidDocumentError(path, `${snapshot.base}${path} is listed but missing`);
    }
    const document = parseAs(IndicatorDocument, path, text);
    if (document.dataVersion !== snapshot.manifest.dataVersion) {
      await this.checkVersion(snapshot);
      throw new InvalidDocumentError(path, `${path} has data version ${document.dataVersion}, the manifest ${snapshot.manifest.dataVersion}`);
    }
    return document;
  }

  /**
   * A document disagrees with its snapshot: if the manifest moved meanwhile (a folder rebuilt in
   * place on disk), the request starts over on the new version; if not, the document is at fault.
   */
  private async checkVersion(snapshot: DataSnapshot): Promise<void> {
    let latest = await this.refresh();
    // A read already under way may have started before the folder was replaced: one more, fresh.
    if (latest.manifest.dataVersion === snapshot.manifest.dataVersion) latest = await this.refresh();
    if (latest.manifest.dataVersion !== snapshot.manifest.dataVersion || latest.base !== snapshot.base) throw new VersionMovedError(latest.manifest.dataVersion);
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
