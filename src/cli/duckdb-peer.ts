/**
 * DuckDB as the data build's peer: the same sums from the same customs data files, timed, and
 * their digest in the text lines of `aggregateLines` so that the results can be compared. DuckDB
 * is an optional tool (a 70 MB native package): loaded when installed, else the caller skips it.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The little of `@duckdb/node-api` used here. */
interface DuckDbConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync(): void;
}
interface DuckDbInstance {
  connect(): Promise<DuckDbConnection>;
  closeSync(): void;
}
export interface DuckDb {
  version: string;
  DuckDBInstance: { create(path: string, options: Record<string, string>): Promise<DuckDbInstance> };
}

const PACKAGE = '@duckdb/node-api';
export const DUCKDB_INSTALL_HINT = `npm install --no-save ${PACKAGE}@1.5.6-r.1`;

/** The installed DuckDB (from `fromDir`'s node_modules when given), or why it cannot be used. */
export async function loadDuckDb(fromDir?: string): Promise<DuckDb | { missing: string }> {
  try {
    const specifier = fromDir ? pathToFileURL(createRequire(join(resolve(fromDir), 'package.json')).resolve(PACKAGE)).href : PACKAGE;
    const module = (await import(specifier)) as Omit<DuckDb, 'version'>;
    const instance = await module.DuckDBInstance.create(':memory:', {});
    const connection = await instance.connect();
    const [[version]] = (await connection.runAndReadAll('select version()')).getRows();
    connection.closeSync();
    instance.closeSync();
    return { ...module, version: String(version) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      missing:
        code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
          ? `${PACKAGE} is not installed${fromDir ? ` under ${fromDir}` : ''}`
          : `${PACKAGE} failed to start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The columns of the customs data files, typed as their checks read them. */
const COLUMNS =
  "{'flux': 'VARCHAR', 'trimestre': 'INTEGER', 'annee': 'INTEGER', 'dep': 'VARCHAR', 'reg': 'VARCHAR', " +
  "'a129': 'VARCHAR', 'cpf4': 'VARCHAR', 'pays': 'VARCHAR', 'valeur': 'BIGINT', 'masse': 'BIGINT'}";

/** One line of `aggregateLines` per group, built from the grouping the row belongs to. */
const LINE = `flux || ';' ||
  case when grouping(dep) = 0 then 'dep;' || dep when grouping(reg) = 0 then 'reg;' || reg
       when grouping(a129) = 0 or grouping(cpf4) = 0 then 'fr;FR' else 'rows;' || count(*) end ||
  case when grouping(a129) = 0 then ';a129;' || a129 when grouping(cpf4) = 0 then ';cell;' || cpf4 || ';' || pays else '' end ||
  ';' || sum(valeur)`;

export interface PeerRun {
  seconds: number;
  /** CPU time of the process (all DuckDB's threads) during the query. */
  cpuSeconds: number;
  groups: number;
  digest: string;
}

/**
 * The sums a build needs — by département, région and France, per CPF4 × country and per A129,
 * and the rows and total of each flow — in one scan of the files with `threads` threads. Timed up
 * to the groups held in a table; the digest (md5 of the sorted lines) is computed after, untimed.
 */
export async function runDuckDb(duckDb: DuckDb, files: string[], threads: number): Promise<PeerRun> {
  const instance = await duckDb.DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  try {
    const list = files.map((file) => `'${file.replaceAll("'", "''")}'`).join(', ');
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await connection.run(
      `create temp table sums as select ${LINE} as line
       from read_csv([${list}], delim = ';', header = false, auto_detect = false, columns = ${COLUMNS})
       group by grouping sets ((flux, dep, cpf4, pays), (flux, dep, a129), (flux, reg, cpf4, pays), (flux, reg, a129), (flux, cpf4, pays), (flux, a129), (flux))`,
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const [[groups, digest]] = (await connection.runAndReadAll("select count(*), md5(string_agg(line, chr(10) order by line)) from sums")).getRows();
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, groups: Number(groups), digest: String(digest) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
