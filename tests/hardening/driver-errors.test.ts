// Statements on MySQL/MariaDB go through one promise wrapper per pooled connection
// (subgraphs/shared/db-bounds.ts) instead of the one mysql2 builds for every statement: answers
// and parameters come back as before, and a statement that fails still reaches TypeORM's
// QueryFailedError with the driver's code, errno and message, which the unique-violation check
// and the error table read. Real MariaDB/MySQL; skipped on SQLite.
import mysql from "mysql2/promise";
import { QueryFailedError } from "typeorm";
import { loadConfig } from "../../runtime/config";
import { BoundedDataSource, DatabaseBounds, armBounds } from "../../subgraphs/shared/db-bounds";
import { isUniqueViolation } from "../../subgraphs/shared/unique-violation";
import { usingMysql } from "../helpers/federation";

const describeOnMysql = usingMysql() ? describe : describe.skip;

describeOnMysql("statements through one promise wrapper per connection", () => {
  const database = `hubdrv_${process.pid}_${Date.now().toString(36)}`;
  let server: URL;
  let db: BoundedDataSource;

  beforeAll(async () => {
    server = new URL(loadConfig().databases.urls.districts!);
    server.pathname = "/";
    const admin = await mysql.createConnection(server.toString());
    await admin.query(`CREATE DATABASE \`${database}\``);
    await admin.end();
    const url = new URL(server.toString());
    url.pathname = `/${database}`;
    db = new BoundedDataSource(
      { type: "mariadb", url: url.toString(), entities: [] },
      new DatabaseBounds(5000, "mariadb"),
    );
    await db.initialize();
    armBounds(db);
  });
  afterAll(async () => {
    await db?.destroy();
    if (!server) return;
    const admin = await mysql.createConnection(server.toString());
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  });

  it("answers with rows, with and without parameters, on one wrapper per connection", async () => {
    expect(await db.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    expect(await db.query("SELECT ? AS x, ? AS y", ["a", 2])).toEqual([{ x: "a", y: 2 }]);
    const runner = db.createQueryRunner();
    try {
      await runner.query("SELECT 1");
      const connection = (runner as unknown as { databaseConnection: { promise(): unknown } })
        .databaseConnection;
      expect(connection.promise()).toBe(connection.promise());
    } finally {
      await runner.release();
    }
  });

  it("fails with the driver's code, errno and message, a duplicate key as a unique violation", async () => {
    const missing = await db.query("SELECT * FROM no_such_table").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QueryFailedError);
    const driver = (missing as QueryFailedError & { driverError: Record<string, unknown> })
      .driverError;
    expect(driver).toMatchObject({ code: "ER_NO_SUCH_TABLE", errno: 1146 });
    expect(driver.sqlMessage).toMatch(/no_such_table/);
    expect(driver.message).toBe(driver.sqlMessage);
    expect(driver.sqlState).toBe("42S02");
    const runner = db.createQueryRunner();
    try {
      await runner.query("CREATE TEMPORARY TABLE t (id INT PRIMARY KEY)");
      await runner.query("INSERT INTO t VALUES (?)", [1]);
      const duplicate = await runner.query("INSERT INTO t VALUES (?)", [1]).catch((e) => e);
      expect(duplicate).toBeInstanceOf(QueryFailedError);
      expect(isUniqueViolation(duplicate)).toBe(true);
      // The connection goes on answering after a failure.
      expect(await runner.query("SELECT id FROM t")).toEqual([{ id: 1 }]);
    } finally {
      await runner.release();
    }
  });

  it("says a statement's error ended its connection (fatal), as the driver did", async () => {
    const runner = db.createQueryRunner();
    try {
      const [{ id }] = (await runner.query("SELECT CONNECTION_ID() AS id")) as Array<{
        id: number;
      }>;
      const admin = await mysql.createConnection(server.toString());
      // The statement waits; its connection is killed under it.
      const sleeping = runner.query("SELECT SLEEP(5)").catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 300));
      await admin.query(`KILL CONNECTION ${Number(id)}`);
      await admin.end();
      const failed = (await sleeping) as QueryFailedError & { driverError: { fatal?: boolean } };
      expect(failed).toBeInstanceOf(QueryFailedError);
      expect(failed.driverError.fatal).toBe(true);
    } finally {
      await runner.release().catch(() => undefined);
    }
  });
});
