import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonSchemaFiles } from '../json-schema.js';

export async function writeJsonSchemas(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of jsonSchemaFiles()) {
    await writeFile(join(dir, name), content);
    written.push(join(dir, name));
  }
  return written;
}
