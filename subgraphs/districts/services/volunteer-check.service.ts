// DOMAIN.md rule 3, on the districts side: a participant's hours count only if corps says the
// volunteer is APPOINTED with a service agreement valid on the activity's date. Corps owns that
// data; this subgraph asks for it through the gateway in one batched request per publish.
import type { HubConfig } from "../../shared/config";
import { ServiceClient, ServiceUnavailable } from "../../shared/service-client";

export interface VolunteerStanding {
  id: string;
  name: string;
  status: string;
  appointedOn: string | null;
  agreement: { validFrom: string; validTo: string } | null;
}

/** Standing of each volunteer id (null when corps does not know it); throws ServiceUnavailable. */
export async function fetchStandings(
  config: HubConfig,
  ids: string[],
): Promise<Map<string, VolunteerStanding | null>> {
  const unique = [...new Set(ids)];
  const result = new Map<string, VolunteerStanding | null>();
  const client = new ServiceClient(config, "districts");
  // One request per 1,000 volunteers (corps' limit); corps answers each with one IN (...) query.
  for (let i = 0; i < unique.length; i += STANDINGS_CHUNK) {
    const chunk = unique.slice(i, i + STANDINGS_CHUNK);
    const data = await client.query<{ volunteersByIds: Array<VolunteerStanding | null> }>(
      STANDINGS,
      {
        ids: chunk,
      },
    );
    chunk.forEach((id, k) => result.set(id, data.volunteersByIds[k] ?? null));
  }
  return result;
}

const STANDINGS_CHUNK = 1000;
const STANDINGS = `query Standings($ids: [ID!]!) {
  volunteersByIds(ids: $ids) { id name status appointedOn agreement { validFrom validTo } }
}`;

/** Why this participant's hours cannot count on heldOn, or null when they can. */
export function participantProblem(
  id: string,
  heldOn: string,
  standing: VolunteerStanding | null | undefined,
) {
  if (!standing) return `volunteer ${id} is not known to the corps`;
  if (standing.status !== "APPOINTED")
    return `volunteer ${id} (${standing.name}) is ${standing.status}, not APPOINTED`;
  if (standing.appointedOn && heldOn < standing.appointedOn) {
    return `volunteer ${id} (${standing.name}) was appointed on ${standing.appointedOn}, after the activity on ${heldOn}`;
  }
  const a = standing.agreement;
  if (!a || heldOn < a.validFrom || heldOn > a.validTo) {
    return `volunteer ${id} (${standing.name}) has no service agreement valid on ${heldOn}${a ? ` (valid ${a.validFrom} to ${a.validTo})` : ""}`;
  }
  return null;
}

export { ServiceUnavailable };
