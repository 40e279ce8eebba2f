// A span per SQL statement a subgraph sends while it serves a traced request: named for the
// statement's kind and its (first) table, "SELECT station", with neither the statement's text nor
// its values. The spans are made where TypeORM sends statements: on the query runners the data
// source creates (the MySQL ones already bounded by db-bounds.ts; SQLite's one shared runner).
// Statements outside a request (migrations, the seed) make none; tracing off, nothing is wrapped.
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { DataSource, QueryRunner } from "typeorm";
import type { Tracing } from "../../runtime/tracing";
import { isMysql } from "./db";

export interface StatementSummary {
  /** The statement's keyword(s), upper case: SELECT, INSERT, START TRANSACTION, COMMIT... */
  operation: string;
  /** The table it reads or writes first, or null (COMMIT, SELECT 1). */
  table: string | null;
}

const IDENTIFIER = String.raw`[\x60"\[]?([\w$]+)[\x60"\]]?(?:\.[\x60"\[]?([\w$]+)[\x60"\]]?)?`;
const TABLE_AFTER = {
  INSERT: new RegExp(String.raw`\bINTO\s+${IDENTIFIER}`, "i"),
  UPDATE: new RegExp(String.raw`^\s*UPDATE\s+(?:OR\s+\w+\s+)?${IDENTIFIER}`, "i"),
  FROM: new RegExp(String.raw`\bFROM\s+${IDENTIFIER}`, "i"),
};

/** Quoted literals ('...'): never read as a name. */
const LITERALS = /'(?:[^'\\]|\\.|'')*'/g;

/** What a statement does and to which table, read from its text without its values. */
export function statementSummary(text: string): StatementSummary {
  const sql = text.includes("'") ? text.replace(LITERALS, "''") : text;
  const words = /^[\s(]*([A-Za-z]+)(?:\s+([A-Za-z]+))?/.exec(sql);
  const first = (words?.[1] ?? "").toUpperCase();
  const second = (words?.[2] ?? "").toUpperCase();
  if (first === "START" && second === "TRANSACTION")
    return { operation: "START TRANSACTION", table: null };
  if (first === "BEGIN" || first === "COMMIT" || first === "ROLLBACK" || first === "SAVEPOINT")
    return { operation: first, table: null };
  if (first === "RELEASE") return { operation: "RELEASE SAVEPOINT", table: null };
  const pattern =
    first === "INSERT" || first === "REPLACE"
      ? TABLE_AFTER.INSERT
      : first === "UPDATE"
        ? TABLE_AFTER.UPDATE
        : TABLE_AFTER.FROM;
  const match = pattern.exec(sql);
  return { operation: first || "SQL", table: match ? (match[2] ?? match[1]) : null };
}

/** The database's name in the OpenTelemetry conventions (db.system.name). */
const systemOf = (db: DataSource) =>
  !isMysql(db) ? "sqlite" : db.options.type === "mariadb" ? "mariadb" : "mysql";

function traceRunner(runner: QueryRunner, tracing: Tracing, system: string) {
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) => {
    const parent = context.active();
    if (!trace.getSpan(parent)) return query(sql, parameters, structured as never);
    const { operation, table } = statementSummary(sql);
    const span = tracing.tracer.startSpan(
      table ? `${operation} ${table}` : operation,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          "db.system.name": system,
          "db.operation.name": operation,
          ...(table ? { "db.collection.name": table } : {}),
        },
      },
      parent,
    );
    return query(sql, parameters, structured as never).then(
      (result: unknown) => {
        span.end();
        return result;
      },
      (error: unknown) => {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name });
        span.end();
        throw error;
      },
    );
  }) as QueryRunner["query"];
}

/** From now on, every query runner the data source gives out makes a span per statement. */
export function traceStatements(db: DataSource, tracing: Tracing): void {
  if (!tracing.enabled) return;
  const system = systemOf(db);
  const traced = new WeakSet<QueryRunner>();
  const create = db.createQueryRunner.bind(db);
  db.createQueryRunner = (mode) => {
    const runner = create(mode);
    // SQLite hands out one runner for everything: wrapped once.
    if (!traced.has(runner)) {
      traced.add(runner);
      traceRunner(runner, tracing, system);
    }
    return runner;
  };
}
