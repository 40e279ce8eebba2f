// Entity rows read as plain objects for the hot reads (a page of stories, entity references):
// the columns selected under their property names and each value that the driver converts (dates,
// booleans, simple arrays, JSON, transformers) converted by the driver's own prepareHydratedValue,
// so a row is what TypeORM's hydration gives, field for field, on SQLite and MariaDB alike,
// without its per-row machinery (alias maps, grouping by primary key, load events, a class
// instance). Only for flat entities: no relations, no embedded columns. A reader may select only
// some of the columns (a reference whose fields need few of them): what it reads then holds those
// properties alone.
import DataLoader from "dataloader";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { byKey, grouped, peekable } from "./loader-helpers";

/** Column types both drivers hand back as they are (with no transformer). */
const AS_READ = new Set(["varchar", "char", "text", "int", "integer", "smallint", "tinyint"]);

export interface PlainReader<T> {
  /** The entity's table, quoted. */
  table: string;
  /** `alias.column AS property, ...` (no alias: bare column names). */
  columns(alias?: string): string;
  /** The database column of a property, quoted (for WHERE and ORDER BY). */
  column(property: keyof T & string): string;
  /** Selects every column into a query builder, under the property names (for getRawMany). */
  select<Q extends { select(s: string, a: string): Q; addSelect(s: string, a: string): Q }>(
    query: Q,
    alias: string,
  ): Q;
  /** Turns a raw row (keys: property names) into the entity's values, in place. */
  read(this: void, raw: Record<string, unknown>): T;
}

/** Readers by database, entity and the properties selected ("*": every column). */
const readers = new WeakMap<
  DataSource,
  Map<EntityTarget<unknown>, Map<string, PlainReader<unknown>>>
>();

/** The entity's reader: every column, or only the columns of `properties`. */
export function plainReader<T extends ObjectLiteral>(
  db: DataSource,
  target: EntityTarget<T>,
  properties?: ReadonlyArray<keyof T & string>,
): PlainReader<T> {
  let mine = readers.get(db);
  if (!mine)
    readers.set(db, (mine = new Map<EntityTarget<unknown>, Map<string, PlainReader<unknown>>>()));
  let byColumns = mine.get(target);
  if (!byColumns) mine.set(target, (byColumns = new Map<string, PlainReader<unknown>>()));
  const key = properties ? properties.join(",") : "*";
  let reader = byColumns.get(key) as PlainReader<T> | undefined;
  if (!reader) byColumns.set(key, (reader = makeReader(db, target, properties)));
  return reader;
}

function makeReader<T extends ObjectLiteral>(
  db: DataSource,
  target: EntityTarget<T>,
  properties?: ReadonlyArray<keyof T & string>,
): PlainReader<T> {
  const meta = db.getMetadata(target);
  if (meta.relations.length || meta.embeddeds.length)
    throw new Error(`${meta.name} has relations or embedded columns: read it as an entity`);
  const { driver } = db;
  const q = (name: string) => driver.escape(name);
  const byProperty = new Map(meta.columns.map((c) => [c.propertyName, c]));
  const missing = properties?.filter((p) => !byProperty.has(p));
  if (missing?.length) throw new Error(`${meta.name} has no column ${missing.join(", ")}`);
  const columns = properties
    ? meta.columns.filter((c) => properties.includes(c.propertyName))
    : meta.columns;
  const converted: ColumnMetadata[] = columns.filter(
    (c) => c.transformer || typeof c.type !== "string" || !AS_READ.has(c.type),
  );
  const list = (alias?: string) =>
    columns
      .map((c) => `${alias ? `${q(alias)}.` : ""}${q(c.databaseName)} AS ${q(c.propertyName)}`)
      .join(", ");
  const cached = list();
  return {
    table: q(meta.tablePath),
    columns: (alias) => (alias ? list(alias) : cached),
    column(property) {
      const column = byProperty.get(property);
      if (!column) throw new Error(`${meta.name} has no column ${property}`);
      return q(column.databaseName);
    },
    select(query, alias) {
      columns.forEach((c, i) => {
        const path = `${alias}.${c.propertyName}`;
        query =
          i === 0 ? query.select(path, c.propertyName) : query.addSelect(path, c.propertyName);
      });
      return query;
    },
    read(raw) {
      for (const column of converted) {
        const name = column.propertyName;
        raw[name] = driver.prepareHydratedValue(raw[name], column);
      }
      return raw as T;
    },
  };
}

/** `?, ?, ...` for an IN list (both drivers take `?` placeholders through db.query). */
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * The plain row of each key of a unique `column` (null when absent): one `IN (...)` per batch;
 * with `properties`, only those columns (the key's among them).
 */
export function plainRowByKey<T extends ObjectLiteral, C extends keyof T & string>(
  db: DataSource,
  target: EntityTarget<T>,
  column: C,
  properties?: ReadonlyArray<keyof T & string>,
) {
  if (properties && !properties.includes(column))
    throw new Error(`the columns read by ${column} must include it`);
  const reader = plainReader(db, target, properties);
  return new DataLoader<T[C], T | null>(async (keys) => {
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT ${reader.columns()} FROM ${reader.table} WHERE ${reader.column(column)} IN (${marks(keys.length)})`,
      [...keys],
    );
    return byKey(keys, rows.map(reader.read), (r) => r[column]);
  });
}

/**
 * Plain rows by primary key `id`: one `id IN (...)` query per batch, in key order; with
 * `properties`, only those columns (`id` among them).
 */
export const plainRowById = <T extends ObjectLiteral & { id: number }>(
  db: DataSource,
  target: EntityTarget<T>,
  properties?: ReadonlyArray<keyof T & string>,
) => plainRowByKey<T, "id">(db, target, "id", properties) as DataLoader<number, T | null>;

/**
 * The plain rows pointing at each key through `column`, in `order`: one query per batch; what a
 * batch brought can be read without a promise (`peek`).
 */
export function plainRowsBy<T extends ObjectLiteral, C extends keyof T & string>(
  db: DataSource,
  target: EntityTarget<T>,
  column: C,
  order: Array<[keyof T & string, "ASC" | "DESC"]>,
) {
  const reader = plainReader(db, target);
  const orderBy = order.map(([p, direction]) => `${reader.column(p)} ${direction}`).join(", ");
  return peekable<T[C], T[]>(async (keys) => {
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT ${reader.columns()} FROM ${reader.table} WHERE ${reader.column(column)} IN (${marks(keys.length)}) ORDER BY ${orderBy}`,
      [...keys],
    );
    return grouped(keys, rows.map(reader.read), (row) => row[column]);
  });
}
