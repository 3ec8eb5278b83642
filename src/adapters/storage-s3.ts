/**
 * Storage on S3-compatible object storage (AWS S3, R2's S3 API, MinIO, s3rver), in the layout
 * `data:publish` writes: `<prefix>/current.json` and versioned folders beside it.
 */
import { GetObjectCommand, NoSuchKey, type GetObjectCommandOutput, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { objectKey } from '../publish/publish.js';
import { StorageUnavailableError } from '../app/errors.js';
import type { Storage } from '../app/ports-app.js';

export interface S3StorageOptions {
  client: S3Client;
  bucket: string;
  prefix: string;
  /** A hung storage must not hold requests (and their memory) forever. */
  timeoutMs?: number;
}

export function createS3Storage({ client, bucket, prefix, timeoutMs = 5000 }: S3StorageOptions): Storage {
  const read = async <T>(key: string, body: (response: GetObjectCommandOutput) => Promise<T>): Promise<T | null> => {
    const Key = objectKey(prefix, key);
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key }), { abortSignal: AbortSignal.timeout(timeoutMs) });
      return await body(response);
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
      throw new StorageUnavailableError(`s3://${bucket}/${Key}: ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    getText: (key) => read(key, async (response) => (await response.Body?.transformToString('utf-8')) ?? ''),
    getBytes: (key) => read(key, async (response) => (await response.Body?.transformToByteArray()) ?? new Uint8Array()),
  };
}
