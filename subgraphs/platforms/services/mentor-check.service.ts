// Mentors must be APPOINTED volunteers of the corps (docs/domain.md rule 5). Corps owns volunteers and
// their status; this subgraph asks through the gateway (volunteersByIds, a SERVICE token), one
// request per 1,000 volunteers, never from a copy of its own.
import path from "node:path";
import type { HubConfig } from "../../../runtime/config";
import { readOperation } from "../../../runtime/operations";
import { MAX_LOOKUP_IDS, rowId } from "../../shared/ids";
import { ServiceClient } from "../../shared/service-client";
import { VolunteerStatus } from "../../shared/vocabulary";

export interface MentorStanding {
  id: string;
  name: string;
  // A GraphQL enum on the wire: the corps can only answer one of its values.
  status: VolunteerStatus;
}

const MENTOR_STANDINGS = readOperation(
  path.join(__dirname, "..", "operations"),
  "mentor-standings",
);

/** Each volunteer's standing (null when corps does not know it); throws ServiceUnavailable. */
export async function fetchMentorStandings(
  config: HubConfig,
  ids: readonly string[],
): Promise<Map<string, MentorStanding | null>> {
  const unique = [...new Set(ids)];
  const result = new Map<string, MentorStanding | null>();
  const client = new ServiceClient(config, "platforms");
  for (let i = 0; i < unique.length; i += MAX_LOOKUP_IDS) {
    const chunk = unique.slice(i, i + MAX_LOOKUP_IDS);
    const data = await client.query<{ volunteersByIds: Array<MentorStanding | null> }>(
      MENTOR_STANDINGS,
      { ids: chunk },
    );
    chunk.forEach((id, k) => result.set(id, data.volunteersByIds[k] ?? null));
  }
  return result;
}

/**
 * The ids of a mentor list, each once, in the order first given: "7", " 7" and "007" name the same
 * volunteer (a list that repeats one is taken as naming it once). Ids that cannot name a volunteer
 * are kept as given, to be refused by name.
 */
export function distinctIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of ids) {
    const key = rowId(raw.trim());
    const id = key === null ? raw : String(key);
    if (!seen.has(id)) {
      seen.add(id);
      result.push(id);
    }
  }
  return result;
}

export interface Refusal {
  id: string;
  reason: string;
}

/** Why each volunteer cannot mentor (unknown, or not APPOINTED), in the order given. */
export function refusedMentors(
  ids: readonly string[],
  standings: ReadonlyMap<string, MentorStanding | null>,
): Refusal[] {
  return ids.flatMap((id) => {
    const standing = rowId(id) === null ? null : standings.get(id);
    if (!standing) return [{ id, reason: `volunteer ${id} is not known to the corps` }];
    if (standing.status !== VolunteerStatus.APPOINTED) {
      return [
        {
          id,
          reason: `volunteer ${id} (${standing.name}) is ${standing.status}, not APPOINTED`,
        },
      ];
    }
    return [];
  });
}

/** Why setMentors refuses the list: "the volunteer" for one named, "2 of the 5 volunteers" else. */
export function refusalMessage(named: number, refused: readonly Refusal[]): string {
  const who = named === 1 ? "the volunteer" : `${refused.length} of the ${named} volunteers`;
  return `${who} cannot mentor, so the mentor group is unchanged: ${refused.map((r) => r.reason).join("; ")}`;
}
