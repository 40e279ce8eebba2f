// MariaDB is opened as TypeORM's "mariadb" type: code that chooses MySQL's SQL (index-friendly
// case-insensitive lookups, no SQLite-only start-up work) must choose it on MariaDB too.
import type { DataSourceOptions } from "typeorm";
import { isMysql, rowLock } from "../../subgraphs/shared/db";

const source = (type: string) => ({ options: { type } as DataSourceOptions });

describe("isMysql", () => {
  it("is true for MySQL and MariaDB, false for SQLite", () => {
    expect(isMysql(source("mysql"))).toBe(true);
    expect(isMysql(source("mariadb"))).toBe(true);
    expect(isMysql(source("better-sqlite3"))).toBe(false);
  });
});

describe("rowLock", () => {
  it("locks rows for update on MySQL and MariaDB, not on SQLite (no FOR UPDATE there)", () => {
    expect(rowLock(source("mysql"))).toEqual({ mode: "pessimistic_write" });
    expect(rowLock(source("mariadb"))).toEqual({ mode: "pessimistic_write" });
    expect(rowLock(source("better-sqlite3"))).toBeUndefined();
  });
});
