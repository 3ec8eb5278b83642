/**
 * npm run data:publish [-- options]: uploads a built version to S3-compatible storage, the
 * pointer `<prefix>/current.json` last. Options fall back to the environment.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataInputError } from '../prep/errors.js';
import { DEFAULTS } from '../prep/node/defaults.js';
import { createS3Client } from '../publish/s3-client.js';
import { publishVersion } from '../publish/publish.js';

const HELP = `Usage: npm run data:publish -- [options]

  --dir DIR          built version folder (default: the newest data/indicators/<year>)
  --endpoint URL     S3 endpoint (env S3_ENDPOINT; AWS when absent)
  --region NAME      (env S3_REGION, default us-east-1; "auto" for R2)
  --bucket NAME      (env S3_BUCKET) required
  --prefix PATH      key prefix (env S3_PREFIX, default "indicators")
  credentials: env S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
`;

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    endpoint: { type: 'string', default: process.env.S3_ENDPOINT },
    region: { type: 'string', default: process.env.S3_REGION },
    bucket: { type: 'string', default: process.env.S3_BUCKET },
    prefix: { type: 'string', default: process.env.S3_PREFIX ?? 'indicators' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

try {
  if (!values.bucket) throw new DataInputError('no bucket: give --bucket or S3_BUCKET', 'indiquez le bucket (--bucket ou S3_BUCKET)');
  const versionDir = values.dir ?? (await newestVersion(DEFAULTS.outRoot));
  const client = createS3Client({
    endpoint: values.endpoint,
    region: values.region,
    accessKeyId: process.env.S3_ACCESS_KEY_ID ?? process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? process.env.AWS_SECRET_ACCESS_KEY,
  });
  let uploaded = 0;
  const started = performance.now();
  const pointer = await publishVersion({
    client,
    bucket: values.bucket,
    prefix: values.prefix!,
    versionDir,
    onUploaded: () => (uploaded += 1),
  });
  console.log(
    `published ${versionDir} as s3://${values.bucket}/${values.prefix ? `${values.prefix}/` : ''}${pointer.versionPath}/ ` +
      `(${uploaded} objects, ${((performance.now() - started) / 1000).toFixed(1)} s); current.json → ${pointer.dataVersion}`,
  );
} catch (error) {
  if (error instanceof DataInputError) {
    console.error(`data:publish failed: ${error.message}\n(fr) ${error.messageFr}`);
    process.exit(1);
  }
  console.error(`data:publish failed, current.json unchanged: ${error instanceof Error ? error.message : String(error)}`);
  console.error('(fr) publication interrompue ; la version publiée précédemment reste servie.');
  process.exit(1);
}

async function newestVersion(root: string): Promise<string> {
  const years = (await readdir(root)).filter((name) => /^\d{4}$/.test(name)).sort();
  if (years.length === 0) throw new DataInputError(`no built version under ${root}`, 'aucune version construite : lancez npm run data:build');
  return join(root, years[years.length - 1]);
}
