/**
 * The S3 client every part of the project uses (publication, the service's S3 storage). Checksums
 * are computed and validated only when required: with the newer SDK defaults, S3-compatible
 * servers such as s3rver or R2 store streamed uploads with their checksum framing in the body.
 */
import { S3Client } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  /** e.g. http://127.0.0.1:4568 or https://<account>.r2.cloudflarestorage.com; AWS when absent. */
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Defaults to true when an endpoint is given: local and most S3-compatible servers want path-style URLs. */
  forcePathStyle?: boolean;
}

export function createS3Client(options: S3ClientOptions = {}): S3Client {
  return new S3Client({
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
