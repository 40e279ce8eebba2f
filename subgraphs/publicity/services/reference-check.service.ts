// A story's references are checked with their owners before anything is written: one request to
// the gateway (operations/story-references.graphql) asks corps, districts and platforms at once.
// When the gateway or an owner cannot answer, the story is refused: unchecked references are never
// stored.
import path from "node:path";
import type { HubConfig } from "../../../runtime/config";
import { conflict } from "../../../runtime/errors";
import { readOperation } from "../../../runtime/operations";
import { ServiceClient, ServiceUnavailable } from "../../shared/service-client";
import { ReferenceKind } from "../vocabulary";
import {
  assertReferencesExist,
  KINDS,
  type ReferenceAnswers,
  type References,
} from "./story-content";

/** Tells, for each asked id of each kind, whether its owner knows it; throws ServiceUnavailable. */
export type ReferenceLookup = (asked: References) => Promise<ReferenceAnswers>;

const STORY_REFERENCES = readOperation(
  path.join(__dirname, "..", "operations"),
  "story-references",
);

type Row = { id: string } | null;
interface Answer {
  volunteersByIds?: Row[];
  stationsByIds?: Row[];
  platformsByIds?: Row[];
  activitiesByIds?: Row[];
}

const ANSWER_FIELD: Record<ReferenceKind, keyof Answer> = {
  VOLUNTEER: "volunteersByIds",
  STATION: "stationsByIds",
  PLATFORM: "platformsByIds",
  ACTIVITY: "activitiesByIds",
};

export const lookupThroughGateway =
  (config: HubConfig): ReferenceLookup =>
  async (asked) => {
    const answers = { VOLUNTEER: [], STATION: [], PLATFORM: [], ACTIVITY: [] } as ReferenceAnswers;
    if (KINDS.every((kind) => !asked[kind].length)) return answers;
    const ids = (kind: ReferenceKind) => asked[kind].map(String);
    const data = await new ServiceClient(config, "publicity").query<Answer>(STORY_REFERENCES, {
      volunteerIds: ids(ReferenceKind.VOLUNTEER),
      stationIds: ids(ReferenceKind.STATION),
      platformIds: ids(ReferenceKind.PLATFORM),
      activityIds: ids(ReferenceKind.ACTIVITY),
      withVolunteers: asked.VOLUNTEER.length > 0,
      withStations: asked.STATION.length > 0,
      withPlatforms: asked.PLATFORM.length > 0,
      withActivities: asked.ACTIVITY.length > 0,
    });
    for (const kind of KINDS) {
      if (!asked[kind].length) continue;
      const rows = data[ANSWER_FIELD[kind]];
      if (!Array.isArray(rows) || rows.length !== asked[kind].length)
        throw new ServiceUnavailable(`the gateway did not answer ${ANSWER_FIELD[kind]} in full`);
      answers[kind] = rows.map((row, i) => row !== null && row.id === String(asked[kind][i]));
    }
    return answers;
  };

/** BAD_USER_INPUT naming unknown ids; CONFLICT when the owners cannot be asked now. */
export async function checkReferences(lookup: ReferenceLookup, asked: References) {
  let answers: ReferenceAnswers;
  try {
    answers = await lookup(asked);
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    throw conflict(
      `cannot check the story's references right now (${error.message}); nothing was written, send it again when the hub is reachable`,
    );
  }
  assertReferencesExist(asked, answers);
}
