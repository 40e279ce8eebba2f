// What a SQL span says about its statement (subgraphs/shared/db-tracing.ts): the kind and the
// first table, from the statements TypeORM and the hub write on SQLite and MySQL, never a value.
import { statementSummary } from "../../subgraphs/shared/db-tracing";

describe("statementSummary", () => {
  it.each([
    [
      'SELECT "Station"."id" AS "Station_id" FROM "station" "Station" WHERE "Station"."id" IN (?, ?)',
      "SELECT",
      "station",
    ],
    ["SELECT `s`.`id` FROM `hub_districts`.`station` `s` WHERE `s`.`id` = ?", "SELECT", "station"],
    [
      "SELECT COUNT(*) AS n FROM (SELECT id FROM activity WHERE heldOn >= ?) t",
      "SELECT",
      "activity",
    ],
    ["  (SELECT 1 FROM `volunteer` LIMIT 1)", "SELECT", "volunteer"],
    ["INSERT INTO `station_event`(`stationId`, `actor`) VALUES (?, ?)", "INSERT", "station_event"],
    ['INSERT OR IGNORE INTO "booking" ("id") VALUES (?)', "INSERT", "booking"],
    ["UPDATE `station` SET `status` = ? WHERE `id` = ?", "UPDATE", "station"],
    ['DELETE FROM "coverage" WHERE "storyId" = ?', "DELETE", "coverage"],
    ["START TRANSACTION", "START TRANSACTION", null],
    ["BEGIN TRANSACTION", "BEGIN", null],
    ["COMMIT", "COMMIT", null],
    ["ROLLBACK TO SAVEPOINT typeorm_1", "ROLLBACK", null],
    ["RELEASE SAVEPOINT typeorm_1", "RELEASE SAVEPOINT", null],
    ["SELECT VERSION() AS version", "SELECT", null],
  ])("%s", (sql, operation, table) => {
    expect(statementSummary(sql)).toEqual({ operation, table });
  });

  it("never takes a value for a table", () => {
    expect(statementSummary("SELECT 'FROM secret' AS x").table).not.toBe("secret");
  });
});
