// Raw multi-row INSERTs for the benchmark data: rows are buffered per table and written as
// `INSERT INTO t (...) VALUES (?, ...), (?, ...)` with up to a few thousand rows a statement, on
// one connection, inside transactions committed every COMMIT_ROWS rows. On MySQL/MariaDB one
// statement may be in flight while the caller generates the next rows (the server works while
// Node computes), and the session skips unique and foreign-key checks until close() restores them
// (the generator never writes a duplicate). Memory stays bounded: at most one statement's rows per
// table are held.
import type { DataSource, QueryRunner } from "typeorm";

/**
 * MySQL or MariaDB (the data source's type is "mariadb" on MariaDB: subgraphs/shared/db.ts's
 * isMysql answers false there).
 */
export const onMysql = (db: DataSource) =>
  db.options.type === "mysql" || db.options.type === "mariadb";

/** A column value as the drivers take it: booleans are written as 1/0 (better-sqlite3 refuses them). */
export type Value = string | number | null;

const MAX_ROWS_PER_STATEMENT = 5000;
/** Placeholders a statement may hold: SQLite's limit is 32,766; MySQL's packet allows more. */
const MAX_PARAMS = { mysql: 60_000, sqlite: 30_000 };
const COMMIT_ROWS = 50_000;

interface TableBuffer {
  columns: string[];
  rows: Value[][];
  perStatement: number;
  /** The INSERT for a full statement, built once. */
  fullSql: string;
}

export class BulkWriter {
  private readonly tables = new Map<string, TableBuffer>();
  private readonly written = new Map<string, number>();
  private inFlight: Promise<unknown> | null = null;
  private sinceCommit = 0;
  private readonly mysql: boolean;

  private constructor(
    private readonly runner: QueryRunner,
    db: DataSource,
  ) {
    this.mysql = onMysql(db);
  }

  /** A writer on a connection of its own, in a transaction. */
  static async open(db: DataSource): Promise<BulkWriter> {
    const runner = db.createQueryRunner();
    await runner.connect();
    const writer = new BulkWriter(runner, db);
    if (writer.mysql) await runner.query("SET SESSION unique_checks = 0, foreign_key_checks = 0");
    await runner.startTransaction();
    return writer;
  }

  private quote(name: string) {
    return this.mysql ? `\`${name}\`` : `"${name}"`;
  }

  private sql(table: string, columns: string[], rows: number) {
    const row = `(${columns.map(() => "?").join(", ")})`;
    return (
      `INSERT INTO ${this.quote(table)} (${columns.map((c) => this.quote(c)).join(", ")}) VALUES ` +
      Array.from({ length: rows }, () => row).join(", ")
    );
  }

  /** Declares a table's columns; every row added to it gives their values in this order. */
  table(table: string, columns: string[]) {
    const limit = this.mysql ? MAX_PARAMS.mysql : MAX_PARAMS.sqlite;
    const perStatement = Math.max(
      1,
      Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(limit / columns.length)),
    );
    this.tables.set(table, {
      columns,
      rows: [],
      perStatement,
      fullSql: this.sql(table, columns, perStatement),
    });
    this.written.set(table, 0);
  }

  /** Buffers one row; call drain() now and then to write full statements. */
  add(table: string, row: Value[]) {
    const buffer = this.tables.get(table);
    if (!buffer) throw new Error(`bulk writer: table ${table} was not declared`);
    if (row.length !== buffer.columns.length)
      throw new Error(`bulk writer: ${table} takes ${buffer.columns.length} values, got ${row.length}`);
    buffer.rows.push(row);
  }

  /** Writes every full statement buffered so far. */
  async drain() {
    for (const [table, buffer] of this.tables) {
      while (buffer.rows.length >= buffer.perStatement) await this.write(table, buffer, false);
    }
  }

  /** Writes everything buffered and waits for the server. */
  async flush() {
    for (const [table, buffer] of this.tables) {
      while (buffer.rows.length) await this.write(table, buffer, true);
    }
    await this.settle();
  }

  private async write(table: string, buffer: TableBuffer, partial: boolean) {
    const rows = buffer.rows.splice(0, buffer.perStatement);
    const sql =
      !partial || rows.length === buffer.perStatement
        ? buffer.fullSql
        : this.sql(table, buffer.columns, rows.length);
    const params = new Array<Value>(rows.length * buffer.columns.length);
    let k = 0;
    for (const row of rows) for (const value of row) params[k++] = value;
    await this.settle();
    const sent = this.runner.query(sql, params);
    // Awaited by the next write (or flush); until then a failure must not go unhandled.
    sent.catch(() => undefined);
    this.inFlight = sent;
    if (!this.mysql) await this.settle(); // better-sqlite3 is synchronous anyway
    this.written.set(table, (this.written.get(table) ?? 0) + rows.length);
    this.sinceCommit += rows.length;
    if (this.sinceCommit >= COMMIT_ROWS) {
      await this.settle();
      await this.runner.commitTransaction();
      await this.runner.startTransaction();
      this.sinceCommit = 0;
    }
  }

  private async settle() {
    const pending = this.inFlight;
    this.inFlight = null;
    if (pending) await pending;
  }

  /** Rows written per table. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.written);
  }

  /** Writes the rest, commits, restores the session and gives the connection back. */
  async close() {
    let failed = true;
    try {
      await this.flush();
      await this.runner.commitTransaction();
      failed = false;
    } finally {
      if (failed) await this.abort();
      else await this.release();
    }
  }

  /** Drops what was not committed yet and gives the connection back (after a failure). */
  async abort() {
    await this.settle().catch(() => undefined);
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } finally {
      await this.release();
    }
  }

  private async release() {
    if (this.runner.isReleased) return;
    try {
      if (this.mysql) await this.runner.query("SET SESSION unique_checks = 1, foreign_key_checks = 1");
    } finally {
      await this.runner.release();
    }
  }
}
