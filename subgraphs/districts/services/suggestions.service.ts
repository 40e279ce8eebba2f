// suggestedExperts: the demand (here), the candidates (corps, one request through the gateway)
// and their bookings (here, one GROUP BY), ranked by services/matching.ts. A fixed number of
// statements and requests per call, whatever `first` is.
import path from "node:path";
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import type { HubConfig } from "../../../runtime/config";
import { today } from "../../../runtime/dates";
import { conflict } from "../../../runtime/errors";
import { readOperation } from "../../../runtime/operations";
import { ServiceClient, ServiceUnavailable } from "../../shared/service-client";
import type { ServiceForm } from "../../shared/vocabulary";
import { demandFor } from "./booking-access";
import { bookingRecords } from "./booking-figures";
import { rankExperts, type Candidate, type Suggestion } from "./matching";

const MATCH_CANDIDATES = readOperation(
  path.join(__dirname, "..", "operations"),
  "match-candidates",
);

export async function suggestExperts(
  db: DataSource,
  config: HubConfig,
  caller: Caller,
  demandId: string,
  first: number,
  form: ServiceForm | null,
): Promise<Suggestion[]> {
  const demand = await demandFor(db, caller, demandId);
  let candidates: Candidate[];
  try {
    const data = await new ServiceClient(config, "districts").query<{
      matchCandidates: Candidate[];
    }>(MATCH_CANDIDATES, { category: demand.category });
    candidates = data.matchCandidates;
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    throw conflict(
      `cannot read the experts from the corps right now (${error.message}); try again later`,
    );
  }
  const records = candidates.length
    ? await bookingRecords(
        db,
        candidates.map((c) => Number(c.id)),
        today(),
      )
    : new Map();
  const byId = new Map([...records].map(([id, record]) => [String(id), record]));
  return rankExperts(demand, candidates, byId, form, first);
}
