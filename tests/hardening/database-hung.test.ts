// A database that holds a write past the subgraph's budget (issue 25, item 3): the answer says
// what happened, and is true. On SQLite another process holds the file's write lock: the publish
// is refused with SERVICE_UNAVAILABLE and nothing is written; a retry with the same Idempotency-Key
// after the lock is gone writes once, a third try is answered from the key, a different request
// under the key is refused. On MySQL/MariaDB the same with row locks held by another connection,
// then a server that stops answering (districts' connection through a TCP proxy that freezes, as
// SIGSTOP would, without stopping the MariaDB other tests share): frozen before the COMMIT, the
// answer is "nothing was written" and the server rolls back when it wakes; frozen with the COMMIT
// on its way, the answer is OUTCOME_UNKNOWN, which is the truth: the server commits when it wakes.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { bootFederation, usingMysql, type Federation } from "../helpers/federation";
import { contractOperation, send, type GraphQLResponse } from "../helpers/graphql";
import { tcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { loadConfig } from "../../runtime/config";

/** What a publish answers (its data is null when the write was refused). */
type Answer = GraphQLResponse<{ publishStations: unknown }>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DISTRICT = "440305";

const stations = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    name: `锁等待测试站${prefix}-${i}`,
    hostType: "INCUBATOR",
    address: "深圳市南山区测试路1号",
    categories: ["POLICY"],
    contactName: "测试",
    contactPhone: "13800138000",
  }));

/** What the tests send through one federation: a publish with a key, and the station count. */
function client(fed: Federation) {
  const publish = async (prefix: string, count: number, key: string) =>
    send<{ publishStations: unknown }>(fed.gatewayUrl, {
      query: contractOperation("PublishStations"),
      token: await fed.token("DISTRICT_OPERATOR", { district: DISTRICT }),
      variables: { districtCode: DISTRICT, stations: stations(prefix, count) },
      headers: { "idempotency-key": key },
    });
  const read = async () =>
    send<{ district: { stationCount: number } }>(fed.gatewayUrl, {
      query: `{ district(code: "${DISTRICT}") { stationCount } }`,
      token: await fed.token("CITY_ADMIN"),
    });
  /** The count once districts answers again (its database may still be known down a moment). */
  const count = async (): Promise<number> => {
    for (let i = 0; ; i++) {
      const answer = await read();
      if (answer.data?.district) return answer.data.district.stationCount;
      if (i > 50) throw new Error(`districts does not answer: ${JSON.stringify(answer.errors)}`);
      await sleep(200);
    }
  };
  return { publish, read, count };
}

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = Date.now();
  const result = await run();
  return [result, Date.now() - started];
};

function expectNothingWritten(answer: Answer) {
  expect(answer.data?.publishStations ?? null).toBeNull();
  expect(answer.errors![0].extensions!.code).toBe("SERVICE_UNAVAILABLE");
  expect(answer.errors![0].message).toMatch(/districts database .*nothing was written/);
}

/**
 * After the lock is gone: the same key writes once, a third try is the first answer again and
 * writes nothing, and another request under the key is refused.
 */
async function retriesWriteOnce(fed: Federation, prefix: string, key: string, before: number) {
  const { publish, count } = client(fed);
  const written = await publish(prefix, 20, key);
  expect(written.errors).toBeUndefined();
  expect(written.data!.publishStations).toMatchObject({ created: 20, unchanged: 0 });
  expect(await count()).toBe(before + 20);
  const again = await publish(prefix, 20, key);
  expect(again.headers.get("idempotent-replayed")).toBe("true");
  expect(again.data).toEqual(written.data);
  expect(await count()).toBe(before + 20);
  const other = await publish(`${prefix}-OTHER`, 5, key);
  expect(other.status).toBe(422);
  expect(other.errors![0].extensions!.code).toBe("IDEMPOTENCY_KEY_REUSED");
  expect(await count()).toBe(before + 20);
}

/** A process that holds the SQLite file's write lock (BEGIN IMMEDIATE) until told to let go. */
async function lockSqlite(file: string): Promise<{ release(): Promise<void> }> {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    process.stdin.once("data", () => { db.exec("ROLLBACK"); db.close(); process.exit(0); });`;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["-e", script, file], {
    cwd: process.cwd(),
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the locking process exited with ${code}`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin.write("go\n");
      }),
  };
}

const describeOnSqlite = usingMysql() ? describe.skip : describe;
const describeOnMysql = usingMysql() ? describe : describe.skip;

describeOnSqlite("districts' SQLite file locked by another process", () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await bootFederation({
      env: { DISTRICTS_DB_TIMEOUT_MS: "1500", RESPONSE_CACHE_TTL_SECONDS: "0" },
    });
  }, 120_000);
  afterAll(() => fed?.stop());

  it("refuses the publish with nothing written, then the same key writes once", async () => {
    const { publish, count, read } = client(fed);
    const before = await count();
    const key = randomUUID();
    const lock = await lockSqlite(path.join(fed.config.databases.dataDir, "districts.sqlite"));
    let refused: Answer;
    try {
      let ms: number;
      [refused, ms] = await timed(() => publish("LOCKED", 20, key));
      console.log(`SQLite write lock held elsewhere: the publish was answered in ${ms} ms`);
      // Readers are not blocked by a writer (WAL): the count is read while the lock is held.
      expect((await read()).data!.district.stationCount).toBe(before);
    } finally {
      await lock.release();
    }
    expectNothingWritten(refused);
    expect(await count()).toBe(before);
    await retriesWriteOnce(fed, "LOCKED", key, before);
  }, 60_000);
});

describeOnMysql("districts' MariaDB/MySQL holding or not answering a write", () => {
  let fed: Federation;
  let proxy: TcpProxy;
  let direct: URL;

  beforeAll(async () => {
    const server = new URL(loadConfig().databases.urls.districts!);
    proxy = await tcpProxy(server, "");
    direct = new URL(server.toString());
    direct.pathname = `/hubhung_${process.pid}_${Date.now().toString(36)}_districts`;
    const viaProxy = new URL(direct.toString());
    viaProxy.host = new URL(proxy.url).host;
    fed = await bootFederation({
      env: {
        DISTRICTS_DATABASE_URL: viaProxy.toString(),
        DISTRICTS_DB_TIMEOUT_MS: "2000",
        RESPONSE_CACHE_TTL_SECONDS: "0",
      },
    });
  }, 180_000);
  afterAll(async () => {
    proxy?.setMode("pass");
    await fed?.stop();
    await proxy?.close();
  });

  it("ends a lock wait in time with nothing written, then the same key writes once", async () => {
    const { publish, count } = client(fed);
    const before = await count();
    const key = randomUUID();
    const mysql = await import("mysql2/promise");
    const locker = await mysql.createConnection(direct.toString());
    let refused: Answer;
    try {
      // Every station row and the gaps between them: an insert waits for this transaction.
      await locker.query("START TRANSACTION");
      await locker.query("SELECT id FROM station FOR UPDATE");
      let ms: number;
      [refused, ms] = await timed(() => publish("ROWLOCK", 20, key));
      console.log(`rows locked by another connection: the publish was answered in ${ms} ms`);
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
    expectNothingWritten(refused);
    expect(await count()).toBe(before);
    await retriesWriteOnce(fed, "ROWLOCK", key, before);
  }, 60_000);

  it("answers reads and writes of a hung server in time, and fails fast while it hangs", async () => {
    const { publish, read, count } = client(fed);
    const before = await count();
    const key = randomUUID();
    proxy.setMode("freeze");
    try {
      const [first, firstMs] = await timed(read);
      const [second, secondMs] = await timed(read);
      const [write, writeMs] = await timed(() => publish("HUNG", 20, key));
      console.log(
        `database hung: first read ${firstMs} ms, next read ${secondMs} ms, write ${writeMs} ms`,
      );
      for (const answer of [first, second])
        expect(answer.errors![0].extensions!.code).toBe("SERVICE_UNAVAILABLE");
      expectNothingWritten(write);
      // The second read did not wait for the database again: it is known not to answer.
      const refusals = fed.logs().filter((l) => l.includes("the database is known not to answer"));
      expect(refusals.length).toBeGreaterThanOrEqual(2);
    } finally {
      proxy.setMode("pass");
    }
    expect(await count()).toBe(before);
    await retriesWriteOnce(fed, "HUNG", key, before);
  }, 60_000);

  it("says nothing was written when the server stops before the COMMIT, and rolls back", async () => {
    const { publish, count } = client(fed);
    const before = await count();
    const key = randomUUID();
    proxy.freezeOn("INSERT INTO");
    let refused: Answer;
    try {
      refused = await publish("BEFOREEND", 20, key);
    } finally {
      // The server wakes: it reads the INSERT, then the closed connection, and rolls back.
      proxy.setMode("pass");
    }
    expectNothingWritten(refused);
    await sleep(500);
    expect(await count()).toBe(before);
    await retriesWriteOnce(fed, "BEFOREEND", key, before);
  }, 60_000);

  it("says the outcome is unknown when the COMMIT was sent, which it is: the server commits", async () => {
    const { publish, count } = client(fed);
    const before = await count();
    const key = randomUUID();
    proxy.freezeOn("COMMIT");
    let unknown: Answer;
    try {
      unknown = await publish("ATEND", 20, key);
    } finally {
      proxy.setMode("pass");
    }
    expect(unknown.data?.publishStations ?? null).toBeNull();
    expect(unknown.errors![0].extensions!.code).toBe("OUTCOME_UNKNOWN");
    expect(unknown.errors![0].message).toMatch(/may or may not have been written/);
    // The server woke, read the COMMIT sent before the subgraph gave up, and carried it out.
    let after = await count();
    for (let i = 0; i < 20 && after === before; i++) {
      await sleep(200);
      after = await count();
    }
    expect(after).toBe(before + 20);
    // The same key gets the same answer and writes nothing more.
    const again = await publish("ATEND", 20, key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.errors![0].extensions!.code).toBe("OUTCOME_UNKNOWN");
    expect(await count()).toBe(before + 20);
  }, 60_000);
});
