import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchArchive } from '../../src/prep/node/fetch-archive.js';
import { fetchTerritoires } from '../../src/prep/node/fetch-territoires.js';
import { runBuild } from '../../src/prep/node/build-run.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const sampleExport = join(repo, 'data/raw/sample-2024/202502_regional_2024_export.zip');
const sampleImport = join(repo, 'data/raw/sample-2024/202502_regional_2024_import.zip');
/** A small list in the official layout and under the official name. */
const territoiresList = join(repo, 'test/fixtures/raw/territoires/liste-ti-com2023-20240704.csv');

let server: Server;
let base: string;
let scratch: string;

/** Serves the sample archives, an HTML page where a zip is expected, a truncated zip, and 404s. */
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fetch-'));
  const truncated = (await readFile(sampleExport)).subarray(0, 100_000);
  server = createServer((request, response) => {
    if (request.url === '/export.zip') return createReadStream(sampleExport).pipe(response);
    if (request.url === '/import.zip') return createReadStream(sampleImport).pipe(response);
    if (request.url === '/page.zip') return response.end('<html>Maintenance</html>');
    if (request.url === '/truncated.zip') return response.end(truncated);
    if (request.url === '/ti/liste-ti-com2023-20240704.csv') return createReadStream(territoiresList).pipe(response);
    if (request.url === '/ti/page.csv') return response.end('<html>Maintenance</html>');
    if (request.url === '/ti/other.csv') return response.end('code,nom\n55,Meuse\n');
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(scratch, { recursive: true, force: true });
});

describe('fetchArchive', () => {
  it('downloads the archive, checks its data entry and puts it in place', async () => {
    const outDir = join(scratch, 'ok');
    const fetched = await fetchArchive({ url: `${base}/export.zip`, year: 2024, flow: 'export', outDir, fileName: '202502_regional_2024_export.zip' });
    expect(fetched.entry).toBe('Regional-2024-export/Region_2024_Export.txt');
    expect((await readFile(fetched.path)).equals(await readFile(sampleExport))).toBe(true);
    expect(await readdir(outDir)).toEqual(['202502_regional_2024_export.zip']);
  });

  const failures: [string, string, 'export' | 'import', number, RegExp][] = [
    ['an HTTP error', '/missing.zip', 'export', 2024, /HTTP 404/],
    ['an HTML page instead of a zip', '/page.zip', 'export', 2024, /not the expected customs archive/],
    ['a truncated zip', '/truncated.zip', 'export', 2024, /not the expected customs archive/],
    ['the other flow', '/import.zip', 'export', 2024, /holds the import flow/],
    ['another year', '/export.zip', 'export', 2023, /not the 2023 data/],
  ];
  for (const [name, path, flow, year, message] of failures) {
    it(`refuses ${name} and leaves the previous file untouched`, async () => {
      const outDir = join(scratch, `fail-${path.slice(1, -4)}-${year}`);
      const fileName = '202502_regional_2024_export.zip';
      await fetchArchive({ url: `${base}/export.zip`, year: 2024, flow: 'export', outDir, fileName });
      const before = await stat(join(outDir, fileName));
      await expect(fetchArchive({ url: `${base}${path}`, year, flow, outDir, fileName })).rejects.toThrow(message);
      expect(await readdir(outDir)).toEqual([fileName]);
      expect((await stat(join(outDir, fileName))).mtimeMs).toBe(before.mtimeMs);
    });
  }
});

describe('fetchTerritoires', () => {
  it('downloads the official commune list and puts it in place', async () => {
    const outDir = join(scratch, 'ti-ok');
    const fetched = await fetchTerritoires({ url: `${base}/ti/liste-ti-com2023-20240704.csv`, outDir, fileName: 'liste-ti-com2023-20240704.csv' });
    expect(fetched.departements).toBeGreaterThan(3);
    expect(await readFile(fetched.path, 'utf8')).toBe(await readFile(territoiresList, 'utf8'));
  });

  for (const [name, path, message] of [
    ['an HTTP error', '/ti/missing.csv', /HTTP 404/],
    ['an HTML page', '/ti/page.csv', /not the Territoires d'industrie commune list/],
    ['another table', '/ti/other.csv', /not the Territoires d'industrie commune list/],
  ] as const) {
    it(`refuses ${name} and leaves the previous list untouched`, async () => {
      const outDir = join(scratch, `ti-fail-${path.slice(4, -4)}`);
      const fileName = 'liste-ti-com2023-20240704.csv';
      await fetchTerritoires({ url: `${base}/ti/liste-ti-com2023-20240704.csv`, outDir, fileName });
      const before = await stat(join(outDir, fileName));
      await expect(fetchTerritoires({ url: `${base}${path}`, outDir, fileName })).rejects.toThrow(message);
      expect(await readdir(outDir)).toEqual([fileName]);
      expect((await stat(join(outDir, fileName))).mtimeMs).toBe(before.mtimeMs);
    });
  }
});

describe('npm run data:fetch', () => {
  it('downloads both flows of the configured year into the output folder', async () => {
    const config = join(scratch, 'sources.json');
    await writeFile(
      config,
      JSON.stringify({
        archives: [
          { year: 2024, flow: 'export', file: '202502_regional_2024_export.zip', url: `${base}/export.zip` },
          { year: 2024, flow: 'import', file: '202502_regional_2024_import.zip', url: `${base}/import.zip` },
        ],
        territoiresIndustrie: { programme: '2023–2027', file: 'liste-ti-com2023-20240704.csv', url: `${base}/ti/liste-ti-com2023-20240704.csv` },
      }),
    );
    const outDir = join(scratch, 'cli');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(repo, 'src/cli/data-fetch.ts'), '--config', config, '--out', outDir],
      { cwd: repo },
    );
    expect(stdout).toMatch(/export: .*Region_2024_Export\.txt/);
    expect(stdout).toMatch(/import: .*Region_2024_Import\.txt/);
    expect(stdout).toMatch(/Territoires d'industrie 2023–2027: .*liste-ti-com2023-20240704\.csv/);
    expect((await readdir(outDir)).sort()).toEqual(['202502_regional_2024_export.zip', '202502_regional_2024_import.zip', 'liste-ti-com2023-20240704.csv']);
    const fixtures = join(repo, 'test/fixtures/raw');
    const report = await runBuild({
      exportPath: join(fixtures, 'archives/202502_regional_2024_export.zip'),
      importPath: join(fixtures, 'archives/202502_regional_2024_import.zip'),
      labelsDir: join(fixtures, 'labels'),
      geographyTable: join(repo, 'data/raw/insee/departements_101_with_dgddi_codes.csv'),
      territoiresPath: join(outDir, 'liste-ti-com2023-20240704.csv'),
      shortLabelsPath: null,
      outRoot: null,
      sample: false,
      tolerance: 0,
    });
    expect(report.version.manifest.source.territoiresIndustrie).toEqual({ programme: '2023–2027', file: 'liste-ti-com2023-20240704.csv', fileDate: '2024-07-04' });
    const meuse = JSON.parse(report.version.files.get('departement/55.json')!);
    expect(meuse.territoiresIndustrie).toEqual({
      programme: '2023–2027',
      principaux: false,
      items: [{ id: 'ti-4401', name: 'Sud Meuse Nord Haute-Marne', departements: ['51', '52', '55'] }],
    });
  });

  it('says in both languages when no address is configured', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(repo, 'src/cli/data-fetch.ts'), '--year', '2030', '--out', join(scratch, 'none'), '--no-territoires'],
      { cwd: repo },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(/no address for the 2030 export archive[\s\S]*\(fr\) adresse/);
  });
});
