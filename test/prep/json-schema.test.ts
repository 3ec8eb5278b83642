import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../src/prep/json-schema.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('JSON Schema export', () => {
  const files = jsonSchemaFiles();

  it('describes the document, the manifest and the pointer', () => {
    expect([...files.keys()].sort()).toEqual(['current-pointer.schema.json', 'indicator-document.schema.json', 'manifest.schema.json']);
    const document = JSON.parse(files.get('indicator-document.schema.json')!);
    expect(document.$schema).toMatch(/2020-12/);
    expect(document.required).toEqual(expect.arrayContaining(['totals', 'partners', 'flows', 'territoiresIndustrie']));
    expect(document.properties.totals.properties.exports.type).toBe('integer');
  });

  it('is what data/schema holds', async () => {
    for (const [name, content] of files) expect(await readFile(join(repo, 'data/schema', name), 'utf8')).toBe(content);
  });

  it('npm run data:schema writes the files', async () => {
    const out = await mkdtemp(join(tmpdir(), 'schema-'));
    try {
      await promisify(execFile)(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/data-schema.ts'), '--out', out], { cwd: repo });
      expect((await readdir(out)).sort()).toEqual([...files.keys()].sort());
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
