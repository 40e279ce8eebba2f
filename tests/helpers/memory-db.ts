// A real TypeORM data source on an in-memory SQLite database, for unit tests of hand-written SQL:
// no server, no files; it counts the statements sent after it was built.
import { DataSource, type Logger, type MixedList, type EntitySchema } from "typeorm";
import type { Class } from "../../subgraphs/shared/class-type";

/** Counts SQL statements; everything else is dropped. */
class StatementCounter implements Logger {
  count = 0;
  logQuery() {
    this.count += 1;
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

export interface MemoryDb {
  db: DataSource;
  /** Statements sent while `work` ran. */
  statements(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function memoryDb(
  entities: MixedList<Class | string | EntitySchema>,
): Promise<MemoryDb> {
  const counter = new StatementCounter();
  const db = await new DataSource({
    type: "better-sqlite3",
    database: ":memory:",
    entities,
    synchronize: true,
    logger: counter,
    logging: true,
  }).initialize();
  return {
    db,
    async statements(work) {
      const before = counter.count;
      await work();
      return counter.count - before;
    },
    close: () => db.destroy(),
  };
}
