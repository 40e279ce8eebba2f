// DOMAIN.md rule 3, on the districts side: a participant's hours count only if corps says the
// volunteer is APPOINTED with a service agreement valid on the activity's date. Corps owns that
// data; this subgraph asks for it through the gateway in one batched request per publish.
import type { HubConfig } from "../../shared/config";
import { ServiceClient, ServiceUnavailable } from "../../shared/service-client";

export interface VolunteerStanding {
  id: string;
  name: string;
  status: string;
  agreement: { validFrom: string; validTo: string } | null;
}

/** Standing of each volunteer id (null when corps does not know it); throws ServiceUnavailable. */
export async function fetchStandings(
  config: HubConfig,
  ids: string[],
): Promise<Map<string, VolunteerStanding | null>> {
  const unique = [...new Set(ids)];
  const result = new Map<string, VolunteerStanding | null>();
  if (!unique.length) return result;
  // One request: aliased volunteer(id) fields, which corps batches into one IN (...) query.
  const query = `query Standings(${unique.map((_, i) => `$v${i}: ID!`).join(", ")}) {
    ${unique.map((_, i) => `v${i}: volunteer(id: $v${i}) { id name status agreement { validFrom validTo } }`).join("\n    ")}
  }`;
  const variables = Object.fromEntries(unique.map((id, i) => [`v${i}`, id]));
  const data = await new ServiceClient(config, "districts").query<
    Record<string, VolunteerStanding | null>
  >(query, variables);
  unique.forEach((id, i) => result.set(id, data[`v${i}`] ?? null));
  return result;
}

/** Why this participant's hours cannot count on heldOn, or null when they can. */
export function participantProblem(
  id: string,
  heldOn: string,
  standing: VolunteerStanding | null | undefined,
) {
  if (!standing) return `volunteer ${id} is not known to the corps`;
  if (standing.status !== "APPOINTED")
    return `volunteer ${id} (${standing.name}) is ${standing.status}, not APPOINTED`;
  const a = standing.agreement;
  if (!a || heldOn < a.validFrom || heldOn > a.validTo) {
    return `volunteer ${id} (${standing.name}) has no service agreement valid on ${heldOn}${a ? ` (valid ${a.validFrom} to ${a.validTo})` : ""}`;
  }
  return null;
}

export { ServiceUnavailable };
