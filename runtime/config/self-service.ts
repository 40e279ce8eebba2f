// Volunteers' self-service (docs/self-service.md): the star levels of verified hours, and how long
// the log of reads of volunteers' personal data is kept.
import { integer, value, type Env, type Problems } from "./read";

export interface SelfServiceConfig {
  /**
   * Verified hours for 1 to 5 stars, ascending (VOLUNTEER_STAR_HOURS): the national record rules'
   * draft and the community volunteer rules use 100, 300, 600, 1000 and 1500.
   */
  starHours: number[];
  /** Days an entry of the personal-data access log is kept, at least 180 (Cybersecurity Law). */
  accessLogRetentionDays: number;
  /** Minutes between purges of older entries (a job in the corps subgraph). */
  accessLogPurgeMinutes: number;
  /** Open record-correction requests one volunteer may have at once (RECORD_CORRECTIONS_OPEN_MAX). */
  openCorrectionsPerVolunteer: number;
}

export const DEFAULT_STAR_HOURS = [100, 300, 600, 1000, 1500];
export const MIN_ACCESS_LOG_RETENTION_DAYS = 180;

function starHours(env: Env, problems: Problems): number[] {
  const raw = value(env, "VOLUNTEER_STAR_HOURS");
  if (raw === undefined) return DEFAULT_STAR_HOURS;
  const parts = raw.split(",").map((p) => p.trim());
  const hours = parts.map(Number);
  const ascending = hours.every((h, i) => i === 0 || h > hours[i - 1]);
  if (
    parts.length !== 5 ||
    !parts.every((p) => /^\d+(\.\d+)?$/.test(p)) ||
    !ascending ||
    hours[0] <= 0
  ) {
    problems.add(
      `VOLUNTEER_STAR_HOURS=${raw} must be five ascending positive numbers of hours, e.g. 100,300,600,1000,1500`,
    );
    return DEFAULT_STAR_HOURS;
  }
  return hours;
}

export function selfServiceSection(env: Env, problems: Problems): SelfServiceConfig {
  return {
    starHours: starHours(env, problems),
    accessLogRetentionDays: integer(env, problems, "ACCESS_LOG_RETENTION_DAYS", 180, {
      min: MIN_ACCESS_LOG_RETENTION_DAYS,
      max: 3650,
      what: "a number of days from 180 (the legal minimum) to 3650",
    }),
    accessLogPurgeMinutes: integer(env, problems, "ACCESS_LOG_PURGE_MINUTES", 60, {
      min: 1,
      max: 1440,
      what: "a number of minutes from 1 to 1440",
    }),
    openCorrectionsPerVolunteer: integer(env, problems, "RECORD_CORRECTIONS_OPEN_MAX", 20, {
      min: 1,
      max: 1000,
      what: "a number of requests from 1 to 1000",
    }),
  };
}
