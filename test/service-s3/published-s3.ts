/**
 * s3rver on loopback with the sample published under one prefix by data:publish's own code, and
 * the settings that point the Node service at it (directly, or through a relay's endpoint).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { publishVersion } from '../../src/publish/publish.js';
import { createS3Client } from '../../src/publish/s3-client.js';
import { SAMPLE_DIR } from '../helpers/app-fixture.js';
import { startS3, type RunningS3 } from '../publish/s3rver-server.js';

export const PREFIX = 'indicateurs';

export interface PublishedS3 {
  s3: RunningS3;
  client: S3Client;
  /** The `current.json` data:publish wrote, as its text. */
  pointer: string;
}

export async function startPublishedS3(): Promise<PublishedS3> {
  const s3 = await startS3('fiches');
  const client = createS3Client({ endpoint: s3.endpoint, ...s3.credentials });
  const published = await publishVersion({ client, bucket: s3.bucket, prefix: PREFIX, versionDir: SAMPLE_DIR });
  return { s3, client, pointer: JSON.stringify(published) };
}

export function serviceSettings(s3: RunningS3, manifestTtlSeconds: number, endpoint = s3.endpoint): Record<string, string> {
  return {
    PORT: '0',
    S3_ENDPOINT: endpoint,
    S3_BUCKET: s3.bucket,
    S3_PREFIX: PREFIX,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    MANIFEST_TTL_SECONDS: String(manifestTtlSeconds),
  };
}
