// Time bounds on a subgraph's MySQL/MariaDB database, so that an answer saying a write failed is
// true. Once armed (after migrations and the seed), every pooled connection gets server-side
// limits (innodb_lock_wait_timeout; max_statement_time on MariaDB, max_execution_time for SELECTs
// on MySQL), and the subgraph keeps its own deadline for a server that does not answer at all (a
// stopped process, a lost network): a statement may take the budget, a transaction the budget
// from its START TRANSACTION to its COMMIT. When the deadline passes, the connection is cut, which
// makes the server roll back whatever the transaction wrote, and the statement fails with
// DatabaseUnanswered: "not-written" when no COMMIT was sent (or the statement only read),
// "unknown" when the COMMIT (or a write outside a transaction) was sent and not confirmed, for
// the server may still carry it out when it wakes. A connection lost under such a statement is
// "unknown" too. After a deadline the database is known to be hung: new work fails at once
// (nothing is sent) for a second, then one request tries it again.
//
// The limits go on TypeORM's query runners (the data source creates every one of them), since
// neither TypeORM nor mysql2 cuts a connection whose statement does not come back.
import {
  DataSource,
  type DataSourceOptions,
  type QueryRunner,
  type ReplicationMode,
} from "typeorm";

/** What a statement that got no answer may have done to the database. */
export type WriteOutcome = "not-written" | "unknown";

/**
 * The database did not answer in time, or the connection was lost before it did; `outcome` tells
 * whether anything can have been written.
 */
export class DatabaseUnanswered extends Error {
  constructor(
    readonly outcome: WriteOutcome,
    reason: string,
  ) {
    super(reason);
    this.name = "DatabaseUnanswered";
  }
}

/** The part of mysql2's pool connection this file uses. */
interface PoolConnection {
  stream?: { destroy(error?: Error): void };
  release(): void;
  query(sql: unknown, ...rest: unknown[]): unknown;
  promise(): unknown;
}

/** A mysql2 error as its promise wrapper passes it on: these fields, copied onto a new Error. */
interface DriverError extends Error {
  code?: unknown;
  errno?: unknown;
  sql?: unknown;
  sqlState?: unknown;
  sqlMessage?: unknown;
}

/**
 * TypeORM runs every statement through `connection.promise().query(...)`, and mysql2's
 * `promise()` requires its wrapper's module, builds the wrapper (an EventEmitter, five events
 * forwarded) and, in `query`, an Error for its stack, for every statement: 20-30 µs, a third of a
 * millisecond of the uncached dashboard's twelve in districts. One wrapper per pooled connection
 * instead, which makes the Error only for a statement that fails, with the fields mysql2's own
 * copies (message, code, errno, sql, sqlState, sqlMessage) and `fatal`, so that TypeORM's
 * QueryFailedError and the code that reads it see what the driver said.
 */
function oneWrapper(connection: PoolConnection) {
  const wrapper = {
    query: (sql: unknown, params?: unknown) =>
      new Promise((resolve, reject) => {
        const done = (error: DriverError | null, rows: unknown, fields: unknown) => {
          if (!error) return resolve([rows, fields]);
          const copy: DriverError = new Error(error.message);
          copy.code = error.code;
          copy.errno = error.errno;
          copy.sql = error.sql;
          copy.sqlState = error.sqlState;
          copy.sqlMessage = error.sqlMessage;
          // The connection ended with it (lost, killed): the error table and the deadline's
          // COMMIT check read it, which mysql2's own wrapper did not copy.
          if ((error as { fatal?: boolean }).fatal) (copy as { fatal?: boolean }).fatal = true;
          reject(copy);
        };
        if (params !== undefined) connection.query(sql, params, done);
        else connection.query(sql, done);
      }),
  };
  connection.promise = () => wrapper;
}

/** The parts of TypeORM's MysqlQueryRunner this file uses. */
type Runner = QueryRunner & { databaseConnection?: PoolConnection };

interface RunnerState {
  /** Its deadline passed: the connection was cut, nothing more is sent on it. */
  expired: boolean;
  /** When its current transaction started. */
  transactionStart: number;
}

/** How long a hung database is not asked at all before one request tries it again. */
const RETRY_MS = 1000;

/** Statements that cannot write (outside a transaction, cut before their answer: nothing done). */
const READ_ONLY = /^\s*(\(\s*)?(SELECT|SHOW|DESCRIBE|EXPLAIN|SET\s)/i;

/**
 * What a statement sent without an answer may have written: anything, when it was the COMMIT or a
 * write outside a transaction; nothing otherwise (the cut connection rolls the transaction back).
 */
function outcomeOf(runner: Runner, sql: string): WriteOutcome {
  if (/^\s*COMMIT\b/i.test(sql)) return "unknown";
  return !runner.isTransactionActive && !READ_ONLY.test(sql) ? "unknown" : "not-written";
}

export class DatabaseBounds {
  private armed = false;
  /** 0 while the database answers; else the time before which no new work is sent. */
  private downUntil = 0;
  /** Connections that have had their session limits set. */
  private readonly configured = new WeakSet<object>();

  constructor(
    readonly budgetMs: number,
    private readonly flavor: "mysql" | "mariadb",
  ) {}

  /** From now on every statement keeps to the budget (migrations and the seed ran unbounded). */
  arm() {
    this.armed = true;
  }

  /** Bounds the connection and statements of one query runner. */
  wrap(queryRunner: QueryRunner): QueryRunner {
    const runner = queryRunner as Runner;
    const state: RunnerState = { expired: false, transactionStart: 0 };
    const connect = runner.connect.bind(runner);
    const query = runner.query.bind(runner);
    const startTransaction = runner.startTransaction.bind(runner);
    runner.startTransaction = (isolation) => {
      if (!runner.isTransactionActive) state.transactionStart = Date.now();
      return startTransaction(isolation);
    };
    runner.connect = () => (this.armed ? this.connect(runner, state, connect) : connect());
    runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) => {
      if (!this.armed) return query(sql, parameters, structured as never);
      if (state.expired) return Promise.reject(this.deadline("not-written", "connection was cut"));
      const limit = runner.isTransactionActive
        ? state.transactionStart + this.budgetMs - Date.now()
        : this.budgetMs;
      // The transaction's time is up before this statement (a COMMIT, say) is even sent.
      if (limit <= 0) return Promise.reject(this.expire(runner, state, null));
      return this.within(runner, state, sql, query(sql, parameters, structured as never), limit);
    }) as QueryRunner["query"];
    return runner;
  }

  private async connect(runner: Runner, state: RunnerState, connect: () => Promise<unknown>) {
    if (runner.databaseConnection) return runner.databaseConnection;
    if (!this.admit()) throw this.deadline("not-written", "the database is known not to answer");
    const connection = (await connect()) as PoolConnection;
    if (state.expired) {
      // The deadline passed while the pool was giving us this connection: nothing was sent on
      // it. TypeORM released the runner meanwhile (without it), so give it back ourselves.
      if (runner.isReleased) connection.release();
      throw this.deadline("not-written", "the database did not give a connection in time");
    }
    if (!this.configured.has(connection)) {
      await new Promise<void>((resolve, reject) =>
        connection.query(this.sessionLimits(), (error: Error | null) =>
          error ? reject(error) : resolve(),
        ),
      );
      oneWrapper(connection);
      this.configured.add(connection);
    }
    return connection;
  }

  /**
   * Server-side limits, below the subgraph's own deadline so that the server ends a lock wait or
   * a long statement (and the transaction rolls back cleanly) before the connection is cut.
   */
  private sessionLimits(): string {
    const seconds = this.budgetMs / 1000;
    const lockWait = Math.max(1, Math.floor(seconds / 2));
    const statement =
      this.flavor === "mariadb"
        ? `max_statement_time = ${(seconds * 0.8).toFixed(3)}`
        : `max_execution_time = ${Math.floor(this.budgetMs * 0.8)}`;
    return `SET SESSION innodb_lock_wait_timeout = ${lockWait}, ${statement}`;
  }

  private async within<T>(
    runner: Runner,
    state: RunnerState,
    sql: string,
    work: Promise<T>,
    limitMs: number,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.expire(runner, state, sql)), Math.max(0, limitMs));
    });
    try {
      const result = await Promise.race([work, expiry]);
      this.downUntil = 0;
      return result;
    } catch (error) {
      // The connection was lost under a COMMIT or a write outside a transaction: it may be done.
      const fatal = (error as { driverError?: { fatal?: boolean } }).driverError?.fatal === true;
      if (fatal && !state.expired && outcomeOf(runner, sql) === "unknown")
        throw this.deadline("unknown", "the connection was lost before the answer");
      throw error;
    } finally {
      clearTimeout(timer);
      // A cut statement still fails later (connection lost): that answer is no longer awaited.
      work.catch(() => undefined);
    }
  }

  /**
   * The deadline passed while `sql` waited for its answer (null: before it was sent): cut the
   * connection (the server rolls back) and say what may have been written.
   */
  private expire(runner: Runner, state: RunnerState, sql: string | null): DatabaseUnanswered {
    state.expired = true;
    // A statement that got no answer: the database is hung, not only this transaction too long.
    if (sql !== null) this.downUntil = Date.now() + RETRY_MS;
    const outcome = sql === null ? "not-written" : outcomeOf(runner, sql);
    // Destroyed with an error, mysql2 fails the statement and drops the connection from its pool
    // (on the next tick); the runner forgets it first, so that its release cannot put it back.
    const connection = runner.databaseConnection;
    runner.databaseConnection = undefined;
    connection?.stream?.destroy(new Error("cut: the database did not answer"));
    return this.deadline(outcome, `no answer within ${this.budgetMs} ms`);
  }

  private deadline(outcome: WriteOutcome, reason: string) {
    return new DatabaseUnanswered(outcome, reason);
  }

  /** False while the database is known to be hung; lets one request try it again after a pause. */
  private admit(): boolean {
    if (this.downUntil === 0) return true;
    const now = Date.now();
    if (now < this.downUntil) return false;
    // The others keep failing at once until this trial answers or its own deadline passes.
    this.downUntil = now + this.budgetMs + RETRY_MS;
    return true;
  }
}

/** A MySQL/MariaDB data source whose query runners keep to its bounds once they are armed. */
export class BoundedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    readonly bounds: DatabaseBounds,
  ) {
    super(options);
  }

  override createQueryRunner(mode: ReplicationMode = "master"): QueryRunner {
    return this.bounds.wrap(super.createQueryRunner(mode));
  }
}

/** Arms the bounds of a subgraph's data source once it is ready to serve (SQLite has none). */
export function armBounds(db: DataSource) {
  if (db instanceof BoundedDataSource) db.bounds.arm();
}
