// The plan of an activity batch (check → plan → write): from the checked rows and what is stored,
// which activities are created, updated or unchanged, which rows are refused at their station, and
// which participation rows are replaced. Pure: no database, no network.
import type { Activity } from "../entities/activity.entity";
import type { ActivityInput } from "../inputs/activity.input";
import {
  serviceChange,
  serviceProblem,
  type ServiceChange,
  type StoredBookings,
} from "./booked-session.plan";
import {
  planRows,
  sameValues,
  stationIdOf,
  stationProblem,
  type Plan,
  type Row,
  type StationRef,
} from "./batch";

/** One volunteer's hours at an activity, as a participation row stores them. */
export interface CrewMember {
  volunteerId: number;
  hours: number;
}

/** What one row writes. */
export interface ActivityChange {
  activity: Pick<
    Activity,
    "stationId" | "type" | "category" | "title" | "heldOn" | "feeCharged" | "enterprisesServed"
  >;
  /** The participants that replace the recorded ones (delete, then insert); null keeps them. */
  crew: CrewMember[] | null;
  /** What the row does to the booking it names and its demand; null: nothing. */
  service: ServiceChange | null;
}

/** What an activity batch is planned on, as read in the transaction. */
export interface StoredActivities {
  /** Stored activities by externalKey. */
  activities: ReadonlyMap<string, Activity>;
  /** The participations recorded for each stored activity, by activity id. */
  crews: ReadonlyMap<number, CrewMember[]>;
  /** The stations the rows name, by externalKey. */
  stations: ReadonlyMap<string, StationRef>;
  /** The bookings the rows name or the stored activities served, and their demands. */
  service: StoredBookings;
}

export type ActivityPlan = Plan<ActivityInput, ActivityChange>;

/** A crew in comparable form: "id:hours" pairs, sorted. */
export const crewKey = (crew: Array<{ volunteerId: number | string; hours: number }>) =>
  crew
    .map((p) => `${Number(p.volunteerId)}:${Number(p.hours)}`)
    .sort()
    .join(",");

export function planActivities(
  districtCode: string,
  rows: ReadonlyArray<Row<ActivityInput>>,
  stored: StoredActivities,
): ActivityPlan {
  // The demands as this batch leaves them, row after row (serviceChange records each move).
  const demands = new Map(stored.service.demands);
  return planRows(rows, stored.activities, {
    // A new activity, or one moved to another station, needs a FILED station.
    problem: (input, existing) =>
      stationProblem(
        input.stationExternalId,
        stored.stations,
        existing,
        districtCode,
        "activities are held",
      ) ?? serviceProblem(input, existing?.id, stored.service, districtCode),
    values: (input, existing) => {
      const crew = input.participants.map((p) => ({
        volunteerId: Number(p.volunteerId),
        hours: p.hours,
      }));
      // The recorded crew stays when the row names the same volunteers with the same hours.
      const sameCrew = existing && crewKey(stored.crews.get(existing.id) ?? []) === crewKey(crew);
      return {
        activity: {
          stationId: stationIdOf(stored.stations, input.stationExternalId),
          type: input.type,
          category: input.category,
          title: input.title.trim(),
          heldOn: input.heldOn,
          feeCharged: 0,
          enterprisesServed: input.enterprisesServed,
        },
        crew: sameCrew ? null : crew,
        service: serviceChange(input, stored.service, demands),
      };
    },
    same: (change, existing) =>
      change.crew === null &&
      change.service === null &&
      sameValues(change.activity, existing as never),
  });
}
