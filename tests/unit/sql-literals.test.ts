// insertRows (subgraphs/shared/db.ts) writes an INSERT's values into its text on MySQL/MariaDB
// (sql-literals.ts) instead of sending them as parameters that mysql2 formats: the statement must
// be, byte for byte, the one mysql2 would have sent, for every kind of value a row can hold.
import "reflect-metadata";
import { format } from "mysql2";
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from "typeorm";
import { Station } from "../../subgraphs/districts/entities/station.entity";
import { StationEvent } from "../../subgraphs/districts/entities/station-event.entity";
import { insertRows } from "../../subgraphs/shared/db";
import { sqlLiteral, withoutValues } from "../../subgraphs/shared/sql-literals";

/** A MariaDB data source that is never connected: metadata and the driver's conversions only. */
async function offline(timezone = "Z") {
  const ds = new DataSource({
    type: "mariadb",
    database: "offline",
    timezone,
    entities: [Station, StationEvent],
  });
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return ds;
}

/** What insertRows sends, each statement as mysql2 formats it before it leaves (timezone Z). */
async function sent<T extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<T>,
  rows: Array<Partial<T>>,
) {
  const statements: Array<{ sql: string; parameters: boolean }> = [];
  const tx = {
    connection: ds,
    query: (sql: string, parameters?: unknown[]) => {
      statements.push({
        sql: parameters ? format(sql, parameters, false, "Z") : sql,
        parameters: Boolean(parameters),
      });
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  await insertRows(tx, entity, rows);
  return statements;
}

const awkward = [
  "plain",
  "",
  "it's",
  'say "hi"',
  "back\\slash",
  "nul\0byte",
  "tab\tand\nline\r\x1aend\b",
  "盐田港创新中心1号工作站",
  "emoji 🚀 and ? marks ??",
  "😀".slice(0, 1),
];

describe("SQL literals", () => {
  it("quote strings as mysql2 does", () => {
    for (const text of awkward) expect(sqlLiteral(text)).toBe(format("?", [text]));
  });

  it("write numbers, booleans, null and dates (time zone Z) as mysql2 does", () => {
    const values: unknown[] = [
      0,
      -12,
      3.25,
      1e21,
      NaN,
      true,
      false,
      null,
      undefined,
      new Date("2026-12-07T23:59:58.007Z"),
      new Date(Date.UTC(999, 0, 2, 3, 4, 5, 6)),
      new Date("nonsense"),
    ];
    for (const value of values) expect(sqlLiteral(value)).toBe(format("?", [value], false, "Z"));
    expect(sqlLiteral(Buffer.from("x"))).toBeUndefined();
    expect(sqlLiteral(10n)).toBeUndefined();
  });

  it("make insertRows send the statement mysql2 would have sent, repeated values included", async () => {
    const ds = await offline();
    const at = new Date("2026-12-07T10:11:12.345Z");
    const stations = awkward.map((text, i) => ({
      districtCode: "440308",
      externalId: `S-${i}`,
      name: text || "blank",
      hostType: "SME_PARK",
      address: text,
      categories: ["POLICY", "FINANCING"],
      contactName: i % 2 ? null : text,
      contactPhone: null,
      venue: text,
      equipment: null,
      status: "SUBMITTED",
    })) as unknown as Array<Partial<Station>>;
    const events = stations.map((_, i) => ({
      stationId: i + 1,
      action: "PUBLISH",
      fromStatus: null,
      toStatus: "SUBMITTED",
      comment: i === 3 ? "it's" : "published",
      actor: "op-1",
      actorRole: "DISTRICT_OPERATOR",
      requestId: "r'1",
      traceId: null,
      at: i === 5 ? new Date(at.getTime() + 1) : at,
    })) as unknown as Array<Partial<StationEvent>>;
    for (const [entity, rows] of [
      [Station, stations],
      [StationEvent, events],
    ] as const) {
      const inline = await sent(ds, entity as EntityTarget<ObjectLiteral>, rows);
      const bound = await sentWithParameters(ds, entity as EntityTarget<ObjectLiteral>, rows);
      expect(inline.every((s) => !s.parameters)).toBe(true);
      expect(bound.every((s) => s.parameters)).toBe(true);
      expect(inline.map((s) => s.sql)).toEqual(bound.map((s) => s.sql));
    }
  });

  it("send parameters when a value has no literal form", async () => {
    const ds = await offline();
    const rows = [{ stationId: 1n, action: "PUBLISH" }] as unknown as Array<Partial<StationEvent>>;
    const statements = await sent(ds, StationEvent, rows);
    expect(statements).toHaveLength(1);
    expect(statements[0].parameters).toBe(true);
  });

  it("log an INSERT without its values", () => {
    expect(withoutValues("INSERT INTO `station` (`name`) VALUES ('Lin', '138')")).toBe(
      "INSERT INTO `station` (`name`) VALUES …",
    );
    expect(withoutValues("SELECT 1")).toBe("SELECT 1");
  });
});

/** insertRows' statements as the parameter path builds them (another zone set), formatted in UTC. */
async function sentWithParameters<T extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<T>,
  rows: Array<Partial<T>>,
) {
  const options = ds.options as { timezone?: string };
  const zone = options.timezone;
  Object.assign(ds.options, { timezone: "local" });
  try {
    return await sent(ds, entity, rows);
  } finally {
    Object.assign(ds.options, { timezone: zone });
  }
}
