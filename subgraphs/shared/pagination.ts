// Cursor pagination shared by every connection: keyset on the numeric id, fetching one row more
// than asked to learn whether another page follows.
import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from "type-graphql";
import { IsOptional, Max, Min } from "class-validator";
import { badInput } from "../../runtime/errors";

@ObjectType({ description: "Where a page of a connection ends." })
@Directive("@shareable")
export class PageInfo {
  @Field({ description: "Whether another page follows this one." })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to read the next page." })
  endCursor: string | null;
}

export const MAX_PAGE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE} (default 20).` })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE)
  first?: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  after?: string;
}

export interface Page<T> {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: T[];
}

export function Connection<T extends object>(Node: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionClass implements Page<T> {
    @Field(() => Int, { description: "How many nodes match, across all pages." })
    totalCount: number;

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => [Node])
    nodes: T[];
  }
  return ConnectionClass;
}

export const encodeCursor = (id: number) => Buffer.from(`id:${id}`).toString("base64url");

export function decodeCursor(cursor: string | undefined | null): number | null {
  if (!cursor) return null;
  const match = /^id:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match)
    throw badInput(`"${cursor}" is not a cursor of this list; pass an endCursor you were given`);
  return Number(match[1]);
}

export const pageSize = (first: number | undefined | null) => first ?? 20;

/** A cursor on a sort key and the id that breaks ties, e.g. (publishedAt, id). */
export const encodeKeyCursor = (key: string, id: number) =>
  Buffer.from(`key:${key}|${id}`).toString("base64url");

export function decodeKeyCursor(
  cursor: string | undefined | null,
): { key: string; id: number } | null {
  if (!cursor) return null;
  const match = /^key:(.+)\|(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) {
    throw badInput(`"${cursor}" is not a cursor of this list; pass an endCursor you were given`);
  }
  return { key: match[1], id: Number(match[2]) };
}

/** Turns `first + 1` fetched rows into a page. */
export function toPage<T extends { id: number }>(
  rows: T[],
  first: number,
  totalCount: number,
  cursorOf: (node: T) => string = (node) => encodeCursor(node.id),
): Page<T> {
  const nodes = rows.slice(0, first);
  return {
    totalCount,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
    },
  };
}
