// One data source per subgraph: an SQLite file under DATA_DIR by default (synchronised from the
// entities), or that subgraph's own MySQL database, built only by its migrations.
import fs from "node:fs";
import path from "node:path";
import {
  DataSource,
  type EntityManager,
  type EntitySchema,
  type EntityTarget,
  type Logger,
  type MixedList,
  type ObjectLiteral,
} from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import type { Class } from "./class-type";
import { sqlLiteral, withoutValues } from "./sql-literals";
import type { HubConfig, SubgraphName } from "../../runtime/config";
import { redact } from "../../runtime/errors";
import { createLogger, type Logger as HubLogger } from "../../runtime/log";
import { BoundedDataSource, DatabaseBounds } from "./db-bounds";

/**
 * Counts every SQL statement a data source sends (tests read it to prove batching) and logs
 * failures and slow statements. Statements are logged without their parameters.
 */
export class CountingLogger implements Logger {
  count = 0;
  constructor(
    private readonly out: HubLogger,
    private readonly echo: boolean,
  ) {}
  logQuery(query: string) {
    this.count += 1;
    if (this.echo) this.out.info({ sql: withoutValues(query) }, "sql");
  }
  logQueryError(error: string | Error, query: string) {
    // MySQL echoes the offending value of a unique index (an ID number, say): never log it.
    this.out.warn({ sql: withoutValues(query), reason: redact(String(error)) }, "sql failed");
  }
  logQuerySlow(time: number, query: string) {
    this.out.warn({ sql: withoutValues(query), ms: time }, "slow sql");
  }
  logSchemaBuild() {}
  logMigration(message: string) {
    if (this.echo) this.out.info({ migration: message }, "migration");
  }
  /** Warnings (a migration's note about existing data, say) are logged; the rest is noise. */
  log(level: "log" | "info" | "warn", message: unknown) {
    if (level === "warn") this.out.warn({ reason: redact(String(message)) }, "database warning");
  }
}

export interface DataSourceSpec {
  name: SubgraphName;
  entities: MixedList<Class | string | EntitySchema>;
  migrations: Class[];
}

/** MySQL or MariaDB (TypeORM's "mariadb" type: see createDataSource's flavor). */
export function isMysql(ds: Pick<DataSource, "options">) {
  return ds.options.type === "mysql" || ds.options.type === "mariadb";
}

/**
 * A row lock for a read inside a transaction (`lock:` of find options): SELECT ... FOR UPDATE on
 * MySQL/MariaDB; none on SQLite, which serialises writers anyway (and has no FOR UPDATE).
 */
export const rowLock = (ds: Pick<DataSource, "options">) =>
  isMysql(ds) ? ({ mode: "pessimistic_write" } as const) : undefined;

/** Parameters one INSERT carries at most (SQLite allows 32,766), and rows at most. */
const INSERT_PARAMETERS = 30_000;
const INSERT_ROWS = 500;

/**
 * Inserts new rows of an entity as multi-row INSERTs built from its metadata, without reading
 * them back. TypeORM's insert query builder spent 35 % of a 1,000-row station publish building
 * its parameters (their bookkeeping grows with the square of the row count). Values still go
 * through TypeORM's own conversion for the column (preparePersistentValue: simple-array, dates,
 * booleans, transformers); columns the rows leave out take their database defaults. Every row
 * must set the same columns. On MySQL/MariaDB the values are written into the statement as
 * mysql2 would have written them (sql-literals.ts), a value repeated down a column (an audit
 * event's actor, request and time) converted and escaped once; on SQLite they are bound.
 */
export async function insertRows<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: ReadonlyArray<Partial<T>>,
): Promise<void> {
  if (!rows.length) return;
  const { driver } = tx.connection;
  const metadata = tx.connection.getMetadata(entity);
  const columns = metadata.columns.filter((c) => c.getEntityValue(rows[0]) !== undefined);
  const chunk = Math.min(INSERT_ROWS, Math.floor(INSERT_PARAMETERS / columns.length));
  const into = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns
    .map((c) => driver.escape(c.databaseName))
    .join(", ")}) VALUES `;
  const literals = writesLiterals(tx.connection);
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const parameters: unknown[] = [];
    for (const row of slice) {
      for (const column of columns) {
        const value: unknown = column.getEntityValue(row);
        if (value === undefined)
          throw new Error(`insertRows(${metadata.name}): a row leaves out ${column.propertyName}`);
        parameters.push(value);
      }
    }
    const values = literals ? tuplesOf(parameters, columns, driver) : undefined;
    if (values !== undefined) await tx.query(into + values);
    else {
      for (let i = 0; i < parameters.length; i += 1)
        parameters[i] = driver.preparePersistentValue(parameters[i], columns[i % columns.length]);
      await tx.query(into + slice.map(() => tuple).join(", "), parameters);
    }
  }
}

/** MySQL/MariaDB with the time zone every subgraph sets ("Z"), which sqlLiteral writes dates in. */
const writesLiterals = (ds: Pick<DataSource, "options">) =>
  isMysql(ds) && (ds.options as { timezone?: string }).timezone === "Z";

/**
 * The rows' tuples, "(…), (…)", their values (row after row, column after column) converted for
 * their column and written as literals; a value the same as the row above's reuses its literal.
 * Undefined when some value has no literal form (sqlLiteral).
 */
function tuplesOf(
  values: readonly unknown[],
  columns: ReadonlyArray<ColumnMetadata>,
  driver: EntityManager["connection"]["driver"],
): string | undefined {
  const width = columns.length;
  const last: unknown[] = new Array<unknown>(width);
  const lastLiteral: string[] = new Array<string>(width);
  let out = "";
  for (let i = 0; i < values.length; i += 1) {
    const c = i % width;
    const value = values[i];
    let literal: string | undefined;
    if (i >= width && value === last[c]) literal = lastLiteral[c];
    else {
      literal = sqlLiteral(driver.preparePersistentValue(value, columns[c]));
      if (literal === undefined) return undefined;
      last[c] = value;
      lastLiteral[c] = literal;
    }
    out += c === 0 ? (i === 0 ? `(${literal}` : `), (${literal}`) : `, ${literal}`;
  }
  return `${out})`;
}

export type SqlFlavor = "mysql" | "mariadb";

/**
 * The data source of one subgraph; not yet initialised. `flavor` tells MySQL from MariaDB (they
 * report column defaults differently, so TypeORM must know which it talks to): see prepareDatabase.
 */
export function createDataSource(
  spec: DataSourceSpec,
  config: HubConfig,
  logger: Logger,
  flavor: SqlFlavor = "mysql",
) {
  const url = config.databases.urls[spec.name];
  const budgetMs = config.databases.timeoutMs[spec.name];
  if (url) {
    const bounds = new DatabaseBounds(budgetMs, flavor);
    return new BoundedDataSource(
      {
        type: flavor,
        url,
        entities: spec.entities,
        migrations: spec.migrations,
        migrationsRun: true,
        migrationsTableName: "migrations",
        synchronize: false,
        timezone: "Z",
        charset: "utf8mb4_unicode_ci",
        dateStrings: ["DATE"],
        logger,
        maxQueryExecutionTime: 2000,
        // A server that does not finish the handshake (stopped, say) is given up on in time.
        connectTimeout: budgetMs,
      },
      bounds,
    );
  }
  fs.mkdirSync(config.databases.dataDir, { recursive: true });
  return new DataSource({
    type: "better-sqlite3",
    database: path.join(config.databases.dataDir, `${spec.name}.sqlite`),
    entities: spec.entities,
    synchronize: true,
    enableWAL: true,
    // busy_timeout: how long a write waits for another process's lock before SQLITE_BUSY (the
    // transaction then rolls back). The database is in this process: nothing else can hang.
    timeout: budgetMs,
    logger,
    maxQueryExecutionTime: 2000,
  });
}

/**
 * Creates the subgraph's MySQL database if it is missing and tells whether the server is MySQL or
 * MariaDB; on SQLite it does nothing.
 */
export async function prepareDatabase(config: HubConfig, name: SubgraphName): Promise<SqlFlavor> {
  const url = config.databases.urls[name];
  if (!url) return "mysql";
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(database))
    throw new Error(`database name "${database}" is not plain`);
  parsed.pathname = "/";
  const mysql = await import("mysql2/promise");
  const connection = await mysql.createConnection(parsed.toString());
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [rows] = await connection.query("SELECT VERSION() AS version");
    return /mariadb/i.test(String((rows as Array<{ version: string }>)[0].version))
      ? "mariadb"
      : "mysql";
  } finally {
    await connection.end();
  }
}

/**
 * The subgraph's data source, ready: its MySQL database created if missing (and migrated), or its
 * SQLite file synchronised. What servers, the seed and the migration generator all start from.
 */
export async function openDataSource(
  spec: DataSourceSpec,
  config: HubConfig,
  logger: Logger = new CountingLogger(
    createLogger(spec.name, config.log),
    config.databases.logQueries,
  ),
): Promise<DataSource> {
  const flavor = await prepareDatabase(config, spec.name);
  const source = createDataSource(spec, config, logger, flavor);
  try {
    return await source.initialize();
  } catch (error) {
    // SQLite files are synchronised from the entities, not migrated: a file an older version of
    // the hub wrote may hold rows a new NOT NULL column cannot take. Say what to do about it.
    if (config.databases.urls[spec.name]) throw error;
    const file = path.join(config.databases.dataDir, `${spec.name}.sqlite`);
    throw new Error(
      `${file} could not be brought up to this version's tables (${(error as Error).message}); ` +
        `it was written by an older version of the hub. Delete ${config.databases.dataDir}/ ` +
        `(npm start loads the demo data again) or set DATA_DIR to a new folder`,
      { cause: error },
    );
  }
}

/** Drops the subgraph's MySQL database (test clean-up); a no-op on SQLite. */
export async function dropDatabase(url: string) {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  parsed.pathname = "/";
  const mysql = await import("mysql2/promise");
  const connection = await mysql.createConnection(parsed.toString());
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

/** Aggregates come back as strings from MySQL (COUNT, SUM of DECIMAL); numbers everywhere else. */
export const num = (value: unknown): number =>
  value === null || value === undefined ? 0 : Number(value);

/** DECIMAL columns arrive as strings from MySQL; entities hold numbers. */
export const decimalTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

const turns = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` after the earlier work given for this data source on SQLite, where one connection
 * serves the process and transactions cannot nest; at once on MySQL, where each has its own
 * connection (and a unique index settles who wins).
 */
export function oneAtATimeOnSqlite<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  if (isMysql(db)) return work();
  const next = (turns.get(db) ?? Promise.resolve()).then(work, work);
  turns.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}
