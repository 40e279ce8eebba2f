// Ids arrive as GraphQL IDs (strings); anything that is not a positive integer names no row.
import { notFound } from "../../../runtime/errors";

export function rowId(id: string, what: string): number {
  if (!/^\d{1,9}$/.test(id)) throw notFound(`no ${what} with id "${id}"`);
  return Number(id);
}

/** Trims a free-text field; null when absent or blank. */
export const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};
