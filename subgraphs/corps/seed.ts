// Loads the corps' slice of the demo data: branches and volunteers with their agreements, and the
// audit trail their statuses imply.
import type { DataSource } from "typeorm";
import type { DemoData } from "../../demo/generate";
import { insertChunked } from "../shared/seed";
import { Branch } from "./entities/branch.entity";
import { Certificate } from "./entities/certificate.entity";
import { NumberCounter } from "./entities/number-counter.entity";
import { Commendation } from "./entities/commendation.entity";
import { Evaluation } from "./entities/evaluation.entity";
import { Training } from "./entities/training.entity";
import { VolunteerEvent } from "./entities/volunteer-event.entity";
import { Transfer } from "./entities/transfer.entity";
import { Volunteer } from "./entities/volunteer.entity";
import { VolunteerStatus } from "../shared/vocabulary";
import { VolunteerAction } from "./vocabulary";
import { clinicDemo } from "../../demo/clinic";
import { Course } from "./entities/course.entity";
import { CourseEvent } from "./entities/course-event.entity";
import { Meeting } from "./entities/meeting.entity";
import { MeetingEvent } from "./entities/meeting-event.entity";
import { MeetingSignUp } from "./entities/meeting-sign-up.entity";
import { ServiceMenuItem } from "./entities/service-menu-item.entity";

const DEMO_ACTOR = "demo-data";
const at = (day: string, offsetDays = 0, hour = 2) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + offsetDays * 86_400_000 + hour * 3_600_000);

/** Registration, appointment with its letter, then suspension or withdrawal (docs/domain.md rule 8). */
type DemoEvent = Omit<VolunteerEvent, "id" | "actorRole" | "requestId">;
const ACTION_TO: Record<VolunteerStatus, VolunteerAction> = {
  APPLIED: VolunteerAction.REGISTER,
  APPOINTED: VolunteerAction.APPOINT,
  SUSPENDED: VolunteerAction.SUSPEND,
  WITHDRAWN: VolunteerAction.WITHDRAW,
};

export function demoEvents(demo: DemoData): DemoEvent[] {
  const events: DemoEvent[] = [];
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
      action: ACTION_TO[toStatus],
      fromStatus,
      toStatus,
      comment,
    });
  for (const v of demo.volunteers) {
    const registered = v.appointedOn ? at(v.appointedOn, -30) : at(demo.anchor, -10);
    event(v.id, registered, null, VolunteerStatus.APPLIED, "registered");
    if (!v.appointedOn) continue;
    event(
      v.id,
      at(v.appointedOn),
      VolunteerStatus.APPLIED,
      VolunteerStatus.APPOINTED,
      `appointment letter ${v.letterNumber}`,
    );
    if (v.status === "SUSPENDED" || v.status === "WITHDRAWN") {
      const reason = v.status === "SUSPENDED" ? "长期未参加服务活动" : "本人申请退出";
      event(
        v.id,
        at(demo.anchor, -30),
        VolunteerStatus.APPOINTED,
        v.status as VolunteerStatus,
        reason,
      );
    }
  }
  return events;
}

export async function seedCorps(db: DataSource, demo: DemoData) {
  const clinic = clinicDemo(demo);
  const listed = new Map(clinic.listings.map((l) => [l.volunteerId, l]));
  await db.transaction(async (tx) => {
    await insertChunked(tx, Branch, demo.branches as never[]);
    await insertChunked(
      tx,
      Volunteer,
      demo.volunteers.map(({ agreement, ...v }) => ({
        ...v,
        agreementForm: agreement?.form ?? null,
        agreementHours: agreement?.committedHoursPerYear ?? null,
        agreementFrom: agreement?.validFrom ?? null,
        agreementTo: agreement?.validTo ?? null,
        listedInDirectory: listed.has(v.id),
        profile: listed.get(v.id)?.profile ?? null,
      })) as never[],
    );
    await insertChunked(tx, VolunteerEvent, demoEvents(demo) as never[]);
    await insertChunked(
      tx,
      VolunteerEvent,
      clinic.listings.map((l) => ({
        volunteerId: l.volunteerId,
        actor: DEMO_ACTOR,
        at: at(l.listedOn, 0, 3),
        action: VolunteerAction.LIST,
        fromStatus: VolunteerStatus.APPOINTED,
        toStatus: VolunteerStatus.APPOINTED,
        comment: "listed in the expert directory (义诊专栏)",
      })) as never[],
    );
    await insertChunked(
      tx,
      ServiceMenuItem,
      clinic.menu.map((m) => ({
        ...m,
        active: true,
        version: 1,
        updatedBy: DEMO_ACTOR,
      })) as never[],
    );
    await insertChunked(
      tx,
      Course,
      clinic.courses.map((c) => ({ ...c, status: "ACTIVE", publishedBy: DEMO_ACTOR })) as never[],
    );
    await insertChunked(
      tx,
      Meeting,
      clinic.meetings.map(({ signUps, ...m }) => ({
        ...m,
        signUpCount: signUps.length,
        status: "SCHEDULED",
        scheduledBy: DEMO_ACTOR,
      })) as never[],
    );
    await insertChunked(
      tx,
      MeetingSignUp,
      clinic.meetings.flatMap((m) => m.signUps.map((s) => ({ ...s, meetingId: m.id }))) as never[],
    );
  });
}

export async function clearCorps(db: DataSource) {
  for (const entity of [
    MeetingSignUp,
    MeetingEvent,
    Meeting,
    CourseEvent,
    Course,
    ServiceMenuItem,
    NumberCounter,
    Certificate,
    Commendation,
    Evaluation,
    Training,
    VolunteerEvent,
    Transfer,
    Volunteer,
    Branch,
  ]) {
    await db.getRepository(entity).clear();
  }
}
