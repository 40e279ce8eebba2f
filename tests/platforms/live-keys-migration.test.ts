// The migration that added the live keys, on MySQL/MariaDB (SQLite has no migrations): it keys the
// live platforms it finds, and where the data already breaks the rule it keeps the oldest keyed,
// names the later one in a warning, and the city can then not certify that one while the other is
// live. A database built by the migrations before it, filled with rows of that time, then migrated.
import { Writable } from "node:stream";
import { loadConfigWith } from "../../runtime/config";
import { createLogger } from "../../runtime/log";
import { DomainError } from "../../runtime/errors";
import { platforms } from "../../subgraphs/platforms";
import { certifyPlatform } from "../../subgraphs/platforms/services/certification.service";
import { auditOf } from "../../subgraphs/shared/audit";
import { nameKey } from "../../subgraphs/platforms/services/live-keys";
import { PlatformLevel } from "../../subgraphs/platforms/vocabulary";
import { CountingLogger, dropDatabase, openDataSource } from "../../subgraphs/shared/db";
import { usingMysql } from "../helpers/federation";

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  },
});

(usingMysql() ? it : it.skip)(
  "keys the live platforms it finds; a duplicate from before stays unkeyed, named, and uncertifiable",
  async () => {
    const url = new URL(loadConfigWith({}).databases.urls.platforms!);
    url.pathname = `/hubtest_${process.pid}_${Date.now().toString(36)}`;
    const config = loadConfigWith({ DATABASE_URL: url.toString(), PLATFORMS_DATABASE_URL: "" });
    const logger = new CountingLogger(createLogger("platforms", config.log, capture), false);
    // The migrations before the live keys; opening the data source afterwards runs it and those
    // that came after it.
    const at = platforms.migrations.findIndex((m) => m.name === "PlatformLiveKeys1796191190810");
    expect(at).toBeGreaterThan(0);
    const before = platforms.migrations.slice(0, at);
    try {
      const old = await openDataSource({ ...platforms, migrations: before }, config, logger);
      const insert = (name: string, station: number | null, status: string) =>
        old.query(
          "INSERT INTO platform (name, kind, operatorName, districtCode, sourceStationId, status, appliedOn) VALUES (?, 'PUBLIC_SERVICE', '运营方', '440305', ?, ?, '2024-03-01')",
          [name, station, status],
        );
      await insert("甲平台", 7, "CERTIFIED"); // 1
      await insert("乙平台", 7, "APPLIED"); // 2: the station of 1, from before the keys
      await insert("甲平台", 8, "REJECTED"); // 3: not live
      await insert("丙平台", null, "APPLIED"); // 4
      await insert("丙平台", null, "APPLIED"); // 5: the name of 4, from before the keys
      await old.destroy();

      const db = await openDataSource(platforms, config, logger);
      try {
        const rows = await db.query(
          "SELECT id, liveSourceStationId AS station, liveNameKey AS name FROM platform ORDER BY id",
        );
        expect(rows.map((r: any) => [r.id, r.station, r.name])).toEqual([
          [1, 7, nameKey("440305", "甲平台")],
          [2, null, nameKey("440305", "乙平台")],
          [3, null, null],
          [4, null, nameKey("440305", "丙平台")],
          [5, null, null],
        ]);
        const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
        expect(warnings.map((w) => w.reason)).toEqual([
          "platform 2 is live with the source station of live platform 1: reject or revoke one of them",
          "platform 5 is live with the name of live platform 4: reject or revoke one of them",
        ]);
        const admin = auditOf({ sub: "city", role: "CITY_ADMIN" }, "test-live-keys");
        const refused = await certifyPlatform(db, admin, "5", PlatformLevel.MUNICIPAL, null, null)
          .then(() => null)
          .catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(DomainError);
        expect(refused).toMatchObject({
          code: "CONFLICT",
          message: `district 440305 already has platform 4 named "丙平台" (APPLIED); amend that one instead`,
        });
        // Once the first is rejected, the second takes the name with its certification.
        await db.query("UPDATE platform SET status = 'REJECTED', liveNameKey = NULL WHERE id = 4");
        const certified = await certifyPlatform(
          db,
          admin,
          "5",
          PlatformLevel.MUNICIPAL,
          null,
          null,
        );
        expect(certified).toMatchObject({
          status: "CERTIFIED",
          liveNameKey: nameKey("440305", "丙平台"),
        });
      } finally {
        await db.destroy();
      }
    } finally {
      await dropDatabase(config.databases.urls.platforms!);
    }
  },
);
