// Helpers for loading demo data in chunks (MySQL limits placeholders per statement).
import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

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
