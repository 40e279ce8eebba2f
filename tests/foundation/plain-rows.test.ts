// Plain rows (subgraphs/shared/plain-rows.ts) are what TypeORM's hydration gives, field for
// field: every flat entity of every subgraph, read both ways from the demo data on the test run's
// database (SQLite, or MariaDB with DATABASE_URL), covers each column type the hub stores (dates,
// datetimes, booleans, decimals, simple arrays, JSON). And the loaders keep key order, give
// nothing for a missing key and send one statement per batch.
import { SUBGRAPHS } from "../../runtime/config";
import { Coverage } from "../../subgraphs/publicity/entities/coverage.entity";
import { CaseStory } from "../../subgraphs/publicity/entities/case-story.entity";
import { plainReader, plainRowById, plainRowsBy } from "../../subgraphs/shared/plain-rows";
import { bootFederation, type Federation } from "../helpers/federation";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

/** An object's own values as a plain object (a class instance's too). */
const plain = (row: object) => ({ ...row });

describe("plainReader", () => {
  it.each([...SUBGRAPHS])("reads every flat entity of %s as TypeORM hydrates it", async (name) => {
    const { db } = fed.subgraphs[name];
    let compared = 0;
    for (const meta of db.entityMetadatas) {
      if (meta.relations.length || meta.embeddeds.length || meta.tableType !== "regular") continue;
      const reader = plainReader(db, meta.target);
      const primary = meta.primaryColumns.map((c) => c.propertyName);
      const order = Object.fromEntries(primary.map((p) => [p, "ASC" as const]));
      const entities = await db.getRepository(meta.target).find({ order, take: 300 });
      const keys = meta.primaryColumns.map((c) => reader.column(c.propertyName as never));
      const raw: Array<Record<string, unknown>> = await db.query(
        `SELECT ${reader.columns()} FROM ${reader.table} ORDER BY ${keys.join(", ")} LIMIT 300`,
      );
      expect(raw.map(reader.read).map(plain)).toStrictEqual(entities.map(plain));
      compared += entities.length;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("refuses an entity with relations", () => {
    const { db } = fed.subgraphs.corps;
    const withRelations = db.entityMetadatas.find((m) => m.relations.length > 0);
    if (withRelations) expect(() => plainReader(db, withRelations.target)).toThrow(/relations/);
  });
});

describe("plainRowById and plainRowsBy", () => {
  it("give rows in key order, null or [] for a missing key, one statement per batch", async () => {
    const { db } = fed.subgraphs.publicity;
    const stories = await db.getRepository(CaseStory).find({ order: { id: "ASC" }, take: 3 });
    const ids = [stories[2].id, 999999, stories[0].id];
    const before = fed.subgraphs.publicity.queryCount();
    const byId = await plainRowById(db, CaseStory).loadMany(ids);
    expect(fed.subgraphs.publicity.queryCount() - before).toBe(1);
    expect(byId.map((s) => (s ? plain(s as object) : s))).toStrictEqual([
      plain(stories[2]),
      null,
      plain(stories[0]),
    ]);
    const coverage = await db.getRepository(Coverage).find({
      order: { publishedOn: "ASC", id: "ASC" },
    });
    const storyIds = [...new Set(coverage.map((c) => c.storyId))].slice(0, 3).reverse();
    const loader = plainRowsBy(db, Coverage, "storyId", [
      ["publishedOn", "ASC"],
      ["id", "ASC"],
    ]);
    const start = fed.subgraphs.publicity.queryCount();
    const lists = await loader.loadMany([...storyIds, 999999]);
    expect(fed.subgraphs.publicity.queryCount() - start).toBe(1);
    expect(lists.map((l) => (l as Coverage[]).map(plain))).toStrictEqual([
      ...storyIds.map((id) => coverage.filter((c) => c.storyId === id).map(plain)),
      [],
    ]);
  });

  it("read only the columns asked for, with their values converted as the whole row's", async () => {
    const { db } = fed.subgraphs.publicity;
    const stories = await db.getRepository(CaseStory).find({ order: { id: "ASC" }, take: 3 });
    const ids = [stories[1].id, 999999, stories[0].id];
    const columns = ["id", "title", "publishedAt", "categories"] as const;
    const rows = await plainRowById(db, CaseStory, columns).loadMany(ids);
    const only = (s: CaseStory) => Object.fromEntries(columns.map((c) => [c, s[c]]));
    expect(rows.map((s) => (s ? plain(s as object) : s))).toStrictEqual([
      only(stories[1]),
      null,
      only(stories[0]),
    ]);
    expect(() => plainRowById(db, CaseStory, ["title"])).toThrow(/must include/);
    expect(() => plainReader(db, CaseStory, ["id", "nope" as never])).toThrow(/no column nope/);
  });
});
