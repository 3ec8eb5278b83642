/** Where `render:all` writes: a folder or a bucket, laid out like the storage the service reads. */
export interface PrerenderTarget {
  /** For messages: `/srv/fiches/2024` or `s3://bucket/prefix`. */
  readonly description: string;
  /** Keys (relative to the storage root) already written under `folder`: a resumed run skips them. */
  existing(folder: string): Promise<Set<string>>;
  /** Writes one object whole or not at all, so that an interrupted run leaves no truncated object. */
  write(key: string, body: Uint8Array, contentType: string): Promise<void>;
}
