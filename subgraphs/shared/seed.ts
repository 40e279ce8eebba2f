// What every subgraph's seed entry point (its seed.ts) is made of. A seed takes rows, plain typed
// data that knows nothing of where it came from: the demo data (demo/seed-rows.ts makes each
// subgraph's rows; tools/ and the tests hand them over), or any other set of rows of that shape.
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/**
 * An instant as an ISO 8601 string (`2026-03-15T02:00:00.000Z`): rows stay JSON-safe, so that
 * `npm start` can hand them to a subgraph process in a file.
 */
export type Instant = string;

/** A subgraph's seed entry point. */
export interface SubgraphSeed<TRows> {
  /** True when the database holds none of the rows a seed writes (a first start). */
  isEmpty(db: DataSource): Promise<boolean>;
  /** Writes the rows, in one transaction, into a database that holds none of them. */
  load(db: DataSource, rows: TRows): Promise<void>;
  /** Deletes every row a seed writes, and what the hub wrote since (npm run seed empties first). */
  clear(db: DataSource): Promise<void>;
}

/** Inserts rows in chunks (MySQL limits placeholders per statement), in their order. */
export async function insertChunked<T extends ObjectLiteral>(
  db: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  size = 200,
) {
  for (let i = 0; i < rows.length; i += size) {
    await db
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + size))
      .execute();
  }
}

/** Empties the tables, in the order given (the ones that point at others first). */
export async function clearTables(db: DataSource, entities: Array<EntityTarget<ObjectLiteral>>) {
  for (const entity of entities) await db.getRepository(entity).clear();
}
