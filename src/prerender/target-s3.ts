/**
 * Prerendered objects in an S3-compatible bucket, next to the documents `data:publish` wrote. A
 * PUT is whole or absent, so an interrupted run leaves no truncated object; a resumed run lists
 * what is there once instead of asking object by object.
 */
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { VERSIONED_CACHE_CONTROL, objectKey } from '../publish/publish.js';
import type { PrerenderTarget } from './target.js';

export function createS3Target(options: { client: S3Client; bucket: string; prefix: string }): PrerenderTarget {
  const { client, bucket, prefix } = options;
  const root = objectKey(prefix, '');
  const fullKey = (key: string) => objectKey(prefix, key);
  return {
    description: `s3://${bucket}/${root}`,
    async existing(folder) {
      const keys = new Set<string>();
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${fullKey(folder)}/`, ContinuationToken }));
        for (const object of page.Contents ?? []) if (object.Key) keys.add(root ? object.Key.slice(root.length + 1) : object.Key);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys;
    },
    async write(key, body, contentType) {
      // Keyed by data and renderer version: the bytes under a key never change.
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: fullKey(key), Body: body, ContentType: contentType, CacheControl: VERSIONED_CACHE_CONTROL }));
    },
  };
}
