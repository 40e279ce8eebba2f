// Lookups by many ids (stationsByIds, platformsByIds, volunteersByIds...): the limit per call and
// the parse of an ID into a row key. Other subgraphs check references with one such call per batch.
import { badInput } from "../../runtime/errors";

/** The most ids one lookup answers; a service client asks in chunks of this size. */
export const MAX_LOOKUP_IDS = 1000;

export function checkLookupSize(ids: readonly string[], what: string) {
  if (ids.length > MAX_LOOKUP_IDS)
    throw badInput(
      `ask for at most ${MAX_LOOKUP_IDS} ${what} at a time; this asks for ${ids.length}`,
    );
}

/** A numeric row id, or null for anything that cannot be one ("abc", "1.5", "-3"). */
export const rowId = (id: string): number | null => (/^\d{1,15}$/.test(id) ? Number(id) : null);
