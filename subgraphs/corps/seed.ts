// The corps' seed entry point: branches, volunteers with their agreements and status history, and
// the online clinic's directory listings, service menu, courses and meetings with their sign-ups.
import type { DataSource } from "typeorm";
import { clearTables, insertChunked, type Instant, type SubgraphSeed } from "../shared/seed";
import { Branch } from "./entities/branch.entity";
import { Certificate } from "./entities/certificate.entity";
import { Commendation } from "./entities/commendation.entity";
import { Course } from "./entities/course.entity";
import { Evaluation } from "./entities/evaluation.entity";
import { Meeting } from "./entities/meeting.entity";
import { MeetingEvent } from "./entities/meeting-event.entity";
import { CourseEvent } from "./entities/course-event.entity";
import { MeetingSignUp } from "./entities/meeting-sign-up.entity";
import { NumberCounter } from "./entities/number-counter.entity";
import { ServiceMenuItem } from "./entities/service-menu-item.entity";
import { Training } from "./entities/training.entity";
import { Transfer } from "./entities/transfer.entity";
import { Volunteer } from "./entities/volunteer.entity";
import { VolunteerEvent } from "./entities/volunteer-event.entity";
import { VolunteerCount } from "./entities/volunteer-count.entity";
import { rebuildVolunteerCounts } from "./services/volunteer-counts";

/** The rows a corps database is loaded with; events and sign-ups get their ids in this order. */
export interface CorpsSeedRows {
  branches: Array<{
    id: number;
    name: string;
    kind: string;
    districtCode: string | null;
    industry: string | null;
  }>;
  volunteers: Array<{
    id: number;
    name: string;
    expertType: string;
    categories: string[];
    employer: string;
    retired: boolean;
    status: string;
    contactPhone: string;
    idNumber: string;
    branchId: number;
    letterNumber: string | null;
    appointedOn: string | null;
    agreementForm: string | null;
    agreementHours: number | null;
    agreementFrom: string | null;
    agreementTo: string | null;
    listedInDirectory: boolean;
    profile: string | null;
  }>;
  volunteerEvents: Array<{
    volunteerId: number;
    actor: string;
    at: Instant;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    comment: string | null;
  }>;
  /** Active, at their first version. */
  menuItems: Array<{
    id: number;
    category: string;
    title: string;
    description: string;
    forms: string[];
    durationMinutes: number;
    updatedBy: string;
  }>;
  /** Published (active). */
  courses: Array<{
    id: number;
    title: string;
    category: string;
    volunteerId: number;
    url: string;
    durationMinutes: number;
    districtCode: string | null;
    publishedOn: string;
    publishedBy: string;
  }>;
  /** Scheduled meetings; each one's sign-up count is its sign-ups'. */
  meetings: Array<{
    id: number;
    title: string;
    category: string;
    volunteerId: number;
    startsAt: Instant;
    durationMinutes: number;
    url: string;
    capacity: number;
    districtCode: string | null;
    scheduledBy: string;
    signUps: Array<{ enterpriseName: string; contactName: string; contactPhone: string }>;
  }>;
}

async function loadCorps(db: DataSource, rows: CorpsSeedRows) {
  await db.transaction(async (tx) => {
    await insertChunked(tx, Branch, rows.branches as never[]);
    await insertChunked(tx, Volunteer, rows.volunteers as never[]);
    await insertChunked(
      tx,
      VolunteerEvent,
      rows.volunteerEvents.map((e) => ({ ...e, at: new Date(e.at) })) as never[],
    );
    await insertChunked(
      tx,
      ServiceMenuItem,
      rows.menuItems.map((m) => ({ ...m, active: true, version: 1 })) as never[],
    );
    await insertChunked(
      tx,
      Course,
      rows.courses.map((c) => ({ ...c, status: "ACTIVE" })) as never[],
    );
    await insertChunked(
      tx,
      Meeting,
      rows.meetings.map(({ signUps, ...m }) => ({
        ...m,
        startsAt: new Date(m.startsAt),
        signUpCount: signUps.length,
        status: "SCHEDULED",
      })) as never[],
    );
    await insertChunked(
      tx,
      MeetingSignUp,
      rows.meetings.flatMap((m) => m.signUps.map((s) => ({ ...s, meetingId: m.id }))) as never[],
    );
    await rebuildVolunteerCounts(tx);
  });
}

export const corpsSeed: SubgraphSeed<CorpsSeedRows> = {
  isEmpty: async (db) => !(await db.getRepository(Branch).exists()),
  load: loadCorps,
  clear: (db) =>
    clearTables(db, [
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
      VolunteerCount,
      Volunteer,
      Branch,
    ]),
};
