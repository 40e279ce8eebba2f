// Building blocks for per-request DataLoaders: results in key order, one query per batch.
import DataLoader from "dataloader";
import {
  In,
  type DataSource,
  type EntityTarget,
  type FindOptionsOrder,
  type ObjectLiteral,
} from "typeorm";

/** The row for each key (null when absent), in key order. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => map.get(key) ?? null);
}

/** The rows of each key (empty when none), in key order, keeping the rows' order. */
export function grouped<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((key) => map.get(key) ?? []);
}

/** A DataLoader whose values, once their batch is back, can also be read without a promise. */
export type PeekableLoader<K, V> = DataLoader<K, V> & {
  /** The key's value when a batch has brought it, else undefined (then load it). */
  peek(key: K): V | undefined;
};

/**
 * A DataLoader over `batch` that keeps what each batch brought: a field resolver whose parent
 * awaited the batch (e.g. a page's stories) answers from `peek` without a promise of its own, so
 * graphql-js completes the parent's object without waiting. Values that are Errors are not kept.
 */
export function peekable<K, V>(
  batch: (keys: readonly K[]) => PromiseLike<ArrayLike<V | Error>>,
): PeekableLoader<K, V> {
  const values = new Map<K, V>();
  const loader = new DataLoader<K, V>(async (keys) => {
    const found = await batch(keys);
    keys.forEach((key, i) => {
      const value = found[i];
      if (!(value instanceof Error)) values.set(key, value);
    });
    return found;
  });
  return Object.assign(loader, { peek: (key: K) => values.get(key) });
}

/** One loader per distinct argument set (e.g. each `status` asked for), created on first use. */
export function keyed<A, L>(make: (args: A) => L): (args: A) => L {
  const cache = new Map<string, L>();
  return (args: A) => {
    const key = JSON.stringify(args);
    let loader = cache.get(key);
    if (!loader) cache.set(key, (loader = make(args)));
    return loader;
  };
}

/** Rows by primary key `id`: one `id IN (...)` query per batch. */
export function rowById<T extends ObjectLiteral & { id: number }>(
  db: DataSource,
  target: EntityTarget<T>,
) {
  return new DataLoader<number, T | null>(async (ids) =>
    byKey(
      ids,
      await db.getRepository(target).find({ where: { id: In([...ids]) } as never }),
      (r) => r.id,
    ),
  );
}

/** The rows pointing at each key through `column`: one `column IN (...)` query per batch. */
export function rowsBy<T extends ObjectLiteral, C extends keyof T & string>(
  db: DataSource,
  target: EntityTarget<T>,
  column: C,
  order: FindOptionsOrder<T>,
) {
  return new DataLoader<T[C], T[]>(async (keys) => {
    const rows = await db
      .getRepository(target)
      .find({ where: { [column]: In([...keys]) } as never, order });
    return grouped(keys, rows, (row) => row[column]);
  });
}
