// Coverage keys follow the link normalisation (coverage-rules.ts). Links recorded before it
// dropped an empty "?" and decoded escapes such as "%7E" kept a key of the older form, which the
// duplicate check would not meet: those rows get the current form and key here, at every start
// of the subgraph (publicity's `prepare`).
//
// Why at start and not in a migration: the key is computed in Node (the same function the
// duplicate check uses), which SQL cannot repeat, and SQLite databases (the embedded default) have
// no migrations. It is idempotent and cheap: only rows whose link holds a "%" or ends with "?"
// can change, and rows already in the current form are left alone.
import type { DataSource } from "typeorm";
import { isUniqueViolation } from "../../shared/unique-violation";
import { Coverage } from "../entities/coverage.entity";
import { storedCoverageKey } from "./coverage-rules";

/** Brings every stored key to the current form; returns how many rows changed or went. */
export async function rekeyCoverage(db: DataSource): Promise<number> {
  const candidates = await db
    .getRepository(Coverage)
    .createQueryBuilder("c")
    .select(["c.id", "c.storyId", "c.url", "c.urlKey"])
    .where("c.url LIKE :emptyQuery OR c.url LIKE :escape ESCAPE '!'", {
      emptyQuery: "%?",
      escape: "%!%%",
    })
    .orderBy("c.id")
    .getMany();
  let changed = 0;
  for (const row of candidates) {
    const current = storedCoverageKey(row.url);
    if (!current || (current.url === row.url && current.key === row.urlKey)) continue;
    try {
      await db.transaction(async (tx) => {
        const repository = tx.getRepository(Coverage);
        // The same article recorded twice under the two forms: the first record stays (as the
        // StoryWorkflow migration did for exact repeats), the later one goes.
        const holder = await repository.findOne({
          select: { id: true },
          where: { storyId: row.storyId, urlKey: current.key },
        });
        if (holder && holder.id < row.id) {
          await repository.delete({ id: row.id });
          return;
        }
        if (holder) await repository.delete({ id: holder.id });
        await repository.update({ id: row.id }, { url: current.url, urlKey: current.key });
      });
      changed += 1;
    } catch (error) {
      // Another replica or a request wrote the same key meanwhile: the next start settles it.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return changed;
}
