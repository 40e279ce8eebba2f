// SQLite files are synchronised from the entities, not migrated: one an older version of the hub
// wrote (events without the `action` the audit base added) cannot take the new NOT NULL column.
// Starting on it must say what to do, not only the SQL error.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { loadConfigWith } from "../../runtime/config";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { openDataSource } from "../../subgraphs/shared/db";

it("refuses an older version's SQLite file, saying to delete the data folder", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-old-sqlite-"));
  const old = new Database(path.join(dir, "corps.sqlite"));
  old.exec(`CREATE TABLE volunteer_event (id INTEGER PRIMARY KEY AUTOINCREMENT,
    volunteerId int NOT NULL, actor varchar(100) NOT NULL, at datetime NOT NULL,
    fromStatus varchar(16), toStatus varchar(16) NOT NULL, comment varchar(500))`);
  old.exec(`INSERT INTO volunteer_event (volunteerId, actor, at, toStatus)
    VALUES (1, 'demo-data', '2026-01-01 02:00:00', 'APPLIED')`);
  old.close();
  // An SQLite file, whatever database the suite runs on (DATABASE_URL).
  const config = loadConfigWith({ DATA_DIR: dir, LOG_LEVEL: "silent", DATABASE_URL: "" });
  await expect(openDataSource(SUBGRAPH_DEFINITIONS.corps, config)).rejects.toThrow(
    /corps\.sqlite could not be brought up to this version's tables .*written by an older version of the hub\. Delete .* or set DATA_DIR/,
  );
  fs.rmSync(dir, { recursive: true, force: true });
});
