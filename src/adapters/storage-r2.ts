/**
 * Storage on a Workers R2 binding, in the layout `data:publish` writes. The binding's type is
 * declared here with only what is used, so the project needs no Workers type package.
 */
import { StorageUnavailableError } from '../app/errors.js';
import type { Storage } from '../app/ports-app.js';

export interface R2BucketLike {
  get(key: string): Promise<{ text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> } | null>;
}

export function createR2Storage(bucket: R2BucketLike, prefix: string): Storage {
  // The same key rule as src/publish/publish.ts's objectKey, repeated here because that module
  // pulls the AWS SDK and node:fs into the Worker bundle.
  const root = prefix.replace(/^\/+|\/+$/g, '');
  const read = async <T>(key: string, body: (object: { text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }) => Promise<T>): Promise<T | null> => {
    const fullKey = root ? `${root}/${key}` : key;
    try {
      const object = await bucket.get(fullKey);
      return object ? await body(object) : null;
    } catch (error) {
      throw new StorageUnavailableError(`r2://${fullKey}: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    getText: (key) => read(key, (object) => object.text()),
    getBytes: (key) => read(key, async (object) => new Uint8Array(await object.arrayBuffer())),
  };
}
