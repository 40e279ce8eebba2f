// The audit trails the demo rows' statuses imply: a volunteer's registration, appointment and
// suspension or withdrawal, a station's review, a story's drafting, review and coverage. The demo's
// seed rows carry them (seed-rows.ts), and the benchmark's data set writes them the same way.
import { startOfBusinessDay } from "../runtime/dates";
import { StationAction, StationStatus } from "../subgraphs/districts/vocabulary";
import { VolunteerAction } from "../subgraphs/corps/vocabulary";
import { StoryAction, StoryStatus } from "../subgraphs/publicity/vocabulary";
import { VolunteerStatus } from "../subgraphs/shared/vocabulary";
import type { DemoData, DemoStation, DemoStory } from "./types";

/** Who the demo's volunteer history names as having written it. */
export const DEMO_ACTOR = "demo-data";
const AUTHOR = "demo-editor-1";
const REVIEWER = "demo-editor-2";
const HOUR = 3_600_000;

/** The instant `hour` o'clock UTC, `offsetDays` after `day`. */
export const dayAt = (day: string, offsetDays = 0, hour = 2) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + offsetDays * 86_400_000 + hour * 3_600_000);

export interface DemoVolunteerEvent {
  volunteerId: number;
  actor: string;
  at: Date;
  action: VolunteerAction;
  fromStatus: VolunteerStatus | null;
  toStatus: VolunteerStatus;
  comment: string;
}

/** The action that moves a volunteer to each status. */
const VOLUNTEER_ACTION: Record<VolunteerStatus, VolunteerAction> = {
  APPLIED: VolunteerAction.REGISTER,
  APPOINTED: VolunteerAction.APPOINT,
  SUSPENDED: VolunteerAction.SUSPEND,
  WITHDRAWN: VolunteerAction.WITHDRAW,
};

/** Registration, appointment with its letter, then suspension or withdrawal (docs/domain.md rule 8). */
export function demoEvents(demo: DemoData): DemoVolunteerEvent[] {
  const events: DemoVolunteerEvent[] = [];
  const event = (
    volunteerId: number,
    when: Date,
    fromStatus: VolunteerStatus | null,
    toStatus: VolunteerStatus,
    comment: string,
  ) =>
    events.push({
      volunteerId,
      actor: DEMO_ACTOR,
      at: when,
      action: VOLUNTEER_ACTION[toStatus],
      fromStatus,
      toStatus,
      comment,
    });
  for (const v of demo.volunteers) {
    const registered = v.appointedOn ? dayAt(v.appointedOn, -30) : dayAt(demo.anchor, -10);
    event(v.id, registered, null, VolunteerStatus.APPLIED, "registered");
    if (!v.appointedOn) continue;
    event(
      v.id,
      dayAt(v.appointedOn),
      VolunteerStatus.APPLIED,
      VolunteerStatus.APPOINTED,
      `appointment letter ${v.letterNumber}`,
    );
    if (v.status === "SUSPENDED" || v.status === "WITHDRAWN") {
      const reason = v.status === "SUSPENDED" ? "长期未参加服务活动" : "本人申请退出";
      event(
        v.id,
        dayAt(demo.anchor, -30),
        VolunteerStatus.APPOINTED,
        v.status as VolunteerStatus,
        reason,
      );
    }
  }
  return events;
}

const PATHS: Record<string, StationStatus[]> = {
  SUBMITTED: [StationStatus.SUBMITTED],
  UNDER_REVIEW: [StationStatus.SUBMITTED, StationStatus.UNDER_REVIEW],
  REJECTED: [StationStatus.SUBMITTED, StationStatus.UNDER_REVIEW, StationStatus.REJECTED],
  FILED: [StationStatus.SUBMITTED, StationStatus.UNDER_REVIEW, StationStatus.FILED],
  SUSPENDED: [
    StationStatus.SUBMITTED,
    StationStatus.UNDER_REVIEW,
    StationStatus.FILED,
    StationStatus.SUSPENDED,
  ],
  REVOKED: [
    StationStatus.SUBMITTED,
    StationStatus.UNDER_REVIEW,
    StationStatus.FILED,
    StationStatus.REVOKED,
  ],
};

/** The review action that moves a station to each status. */
const REVIEW_ACTION: Record<StationStatus, StationAction> = {
  SUBMITTED: StationAction.PUBLISH,
  UNDER_REVIEW: StationAction.ACCEPT,
  REJECTED: StationAction.REJECT,
  FILED: StationAction.FILE,
  SUSPENDED: StationAction.SUSPEND,
  REVOKED: StationAction.REVOKE,
};

/** The audit events that lead a demo station to its status, a week apart (filed on filedAt). */
export function reviewTrail(station: DemoStation, demoAnchor: string) {
  const path = PATHS[station.status];
  const filedIndex = path.indexOf(StationStatus.FILED);
  const anchor = Date.parse(station.filedAt ?? `${demoAnchor}T02:00:00.000Z`) - 30 * 86_400_000;
  return path.map((toStatus, i) => ({
    stationId: station.id,
    actor:
      i === 0 ? `demo:${station.districtCode}:agency` : `demo:${station.districtCode}:reviewer`,
    action: REVIEW_ACTION[toStatus],
    fromStatus: i === 0 ? null : path[i - 1],
    toStatus,
    comment: i === 0 ? "published" : `${toStatus.toLowerCase().replace("_", " ")} (demo data)`,
    at: new Date(
      filedIndex >= 0 && station.filedAt
        ? Date.parse(station.filedAt) + (i - filedIndex) * 7 * 86_400_000
        : anchor + i * 7 * 86_400_000,
    ),
  }));
}

/** The audit events a demo story in its status has behind it, oldest first. */
export function demoHistory(story: DemoStory, drafted: Date) {
  const { DRAFT, IN_REVIEW, PUBLISHED, RETRACTED } = StoryStatus;
  const published = story.publishedAt ? new Date(story.publishedAt) : null;
  const event = (
    action: StoryAction,
    actor: string,
    fromStatus: StoryStatus | null,
    toStatus: StoryStatus,
    at: Date,
    comment: string | null = null,
  ) => ({ storyId: story.id, action, actor, fromStatus, toStatus, at, comment });
  const events = [event(StoryAction.DRAFT, AUTHOR, null, DRAFT, drafted)];
  if (story.status === "DRAFT") return events;
  const submitted = new Date((published ?? drafted).getTime() - (published ? 24 * HOUR : -HOUR));
  events.push(event(StoryAction.SUBMIT, AUTHOR, DRAFT, IN_REVIEW, submitted));
  if (story.status === "IN_REVIEW") return events;
  events.push(event(StoryAction.PUBLISH, REVIEWER, IN_REVIEW, PUBLISHED, published!));
  for (const c of story.coverage) {
    const at = new Date(
      Math.max(
        startOfBusinessDay(c.publishedOn).getTime() + 10 * HOUR,
        published!.getTime() + HOUR,
      ),
    );
    events.push(
      event(
        StoryAction.RECORD_COVERAGE,
        REVIEWER,
        PUBLISHED,
        PUBLISHED,
        at,
        `${c.outlet} ${c.url}`,
      ),
    );
  }
  if (story.status === "RETRACTED") {
    events.push(
      event(
        StoryAction.RETRACT,
        REVIEWER,
        PUBLISHED,
        RETRACTED,
        new Date(published!.getTime() + 48 * HOUR),
        "示例：案例信息需要更正",
      ),
    );
  }
  return events;
}
