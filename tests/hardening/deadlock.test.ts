// A write InnoDB stops as a deadlock's victim (two transactions each waiting for a row the other
// holds, as concurrent writes of the same kept counts could) is rolled back whole: its answer is
// SERVICE_UNAVAILABLE saying nothing was written (a retry may go through, under the same
// Idempotency-Key too), not an internal error. A real deadlock on MariaDB/MySQL,
// in a scratch database; SQLite has one writer at a time and no deadlocks.
import mysql from "mysql2/promise";
import { DataSource, QueryFailedError } from "typeorm";
import { usingMysql } from "../helpers/federation";
import { loadConfig } from "../../runtime/config";
import { createLogger } from "../../runtime/log";
import { createFormatError } from "../../subgraphs/shared/format-error";

const describeOnMysql = usingMysql() ? describe : describe.skip;

describeOnMysql("a deadlock's victim", () => {
  const url = new URL(loadConfig().databases.urls.districts ?? "mysql://root@127.0.0.1:3306/x");
  url.pathname = `/hubdeadlock_${process.pid}_${Date.now().toString(36)}`;
  const name = url.pathname.slice(1);
  let db: DataSource;

  beforeAll(async () => {
    const root = await mysql.createConnection({ ...rootOf(url) });
    await root.query(`CREATE DATABASE \`${name}\``);
    await root.end();
    db = await new DataSource({ type: "mysql", url: url.toString() }).initialize();
    await db.query("CREATE TABLE cell (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB");
    await db.query("INSERT INTO cell VALUES (1, 0), (2, 0)");
  });
  afterAll(async () => {
    await db?.query(`DROP DATABASE \`${name}\``);
    await db?.destroy();
  });

  it("is answered SERVICE_UNAVAILABLE, nothing written, and the other write commits", async () => {
    const [a, b] = [db.createQueryRunner(), db.createQueryRunner()];
    await a.startTransaction();
    await b.startTransaction();
    await a.query("UPDATE cell SET n = n + 1 WHERE id = 1");
    await b.query("UPDATE cell SET n = n + 10 WHERE id = 2");
    const first = a.query("UPDATE cell SET n = n + 1 WHERE id = 2"); // waits for b
    await new Promise((r) => setTimeout(r, 200));
    const second = b.query("UPDATE cell SET n = n + 10 WHERE id = 1"); // a cycle: one is stopped
    const [ra, rb] = await Promise.allSettled([first, second]);
    const victim = ra.status === "rejected" ? a : b;
    const survivor = victim === a ? b : a;
    const reason = (ra.status === "rejected" ? ra : rb) as PromiseRejectedResult;
    expect([ra.status, rb.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(reason.reason).toBeInstanceOf(QueryFailedError);
    await victim.rollbackTransaction().catch(() => undefined);
    await survivor.commitTransaction();
    await Promise.all([a.release(), b.release()]);

    const log = createLogger("districts", { level: "silent" });
    const answer = createFormatError(log, "districts")(
      { message: String(reason.reason.message), path: ["publishDemands"] },
      reason.reason,
    );
    expect(answer.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(answer.message).toMatch(/nothing was written, try again/);
    // The survivor's two increments stand; the victim's first one was rolled back with it.
    const rows: Array<{ id: number; n: number }> = await db.query(
      "SELECT id, n FROM cell ORDER BY id",
    );
    const expected = survivor === a ? [1, 1] : [10, 10];
    expect(rows.map((r) => Number(r.n))).toEqual(expected);
  });
});

function rootOf(url: URL) {
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || "root"),
    password: decodeURIComponent(url.password),
  };
}
