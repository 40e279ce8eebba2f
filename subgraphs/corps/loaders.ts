// Per-request DataLoaders of the corps subgraph: each batch is one IN (...) or GROUP BY query.
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { num } from "../shared/db";
import { byKey, rowById, rowsBy } from "../shared/loader-helpers";
import { plainRowById } from "../shared/plain-rows";
import { Branch } from "./entities/branch.entity";
import { Certificate } from "./entities/certificate.entity";
import { Commendation } from "./entities/commendation.entity";
import { CourseEvent } from "./entities/course-event.entity";
import { MeetingEvent } from "./entities/meeting-event.entity";
import { Evaluation } from "./entities/evaluation.entity";
import { Training } from "./entities/training.entity";
import { Transfer } from "./entities/transfer.entity";
import { Volunteer } from "./entities/volunteer.entity";
import { VolunteerEvent } from "./entities/volunteer-event.entity";
import { VolunteerStatus } from "../shared/vocabulary";
import { addDays, startOfBusinessDay } from "../../runtime/dates";
import { keyed } from "../shared/loader-helpers";
import { MeetingSignUp } from "./entities/meeting-sign-up.entity";
import { ServiceMenuItem } from "./entities/service-menu-item.entity";
import { CourseStatus, MeetingStatus } from "./vocabulary";

/** Where appointed volunteers are counted: the volunteers themselves, or the kept counts. */
const COUNTED = {
  v: { table: "volunteer", count: "COUNT(*)" },
  c: { table: "volunteer_count", count: "SUM(c.n)" },
} as const;

/** Appointed volunteers per branch id or district code (its branches), one GROUP BY. */
async function appointedBy(
  db: DataSource,
  alias: keyof typeof COUNTED,
  column: string,
  keys: ReadonlyArray<number | string>,
): Promise<number[]> {
  const rows: Array<{ k: unknown; n: unknown }> = await db
    .createQueryBuilder()
    .select(column, "k")
    .addSelect(COUNTED[alias].count, "n")
    .from(COUNTED[alias].table, alias)
    .innerJoin("branch", "b", `b.id = ${alias}.branchId`)
    .where(`${column} IN (:...keys) AND ${alias}.status = :status`, {
      keys,
      status: VolunteerStatus.APPOINTED,
    })
    .groupBy(column)
    .getRawMany();
  return byKey(keys, rows, (r) => (typeof keys[0] === "number" ? Number(r.k) : String(r.k))).map(
    (r) => num(r?.n),
  );
}

/** Appointed volunteers per branch id or district code, from the volunteers themselves. */
export const rawServingCounts = (
  db: DataSource,
  column: "v.branchId" | "b.districtCode",
  keys: ReadonlyArray<number | string>,
) => appointedBy(db, "v", column, keys);

/**
 * Appointed volunteers per branch id or district code (the district's branches), from the counts
 * kept by every write (volunteer_count, services/volunteer-counts.ts): the branch's or district's
 * branches' APPOINTED rows, 9 expert types each, instead of their volunteers.
 */
export const servingCounts = (
  db: DataSource,
  column: "c.branchId" | "b.districtCode",
  keys: ReadonlyArray<number | string>,
) => appointedBy(db, "c", column, keys);

/**
 * The columns a reference reads when only a volunteer's card is asked (a page of stories asks its
 * volunteers' names and expert types): those fields, and the status that decides who sees it.
 */
export const VOLUNTEER_CARD = ["id", "name", "expertType", "categories", "status"] as const;

export function createLoaders(db: DataSource) {
  const countServing = (column: "c.branchId" | "b.districtCode") =>
    new DataLoader<number | string, number>((keys) => servingCounts(db, column, keys));
  return {
    branch: rowById(db, Branch),
    /** Plain rows: read on every reference (a story's volunteers, a platform's mentors). */
    volunteer: plainRowById(db, Volunteer),
    /** A reference's card (VOLUNTEER_CARD): its fields and status, when nothing else is asked. */
    volunteerCard: plainRowById(db, Volunteer, VOLUNTEER_CARD),
    /** Appointed volunteers per branch. */
    branchVolunteerCount: countServing("c.branchId") as DataLoader<number, number>,
    /** Appointed volunteers in the regional branches of each district. */
    districtVolunteerCount: countServing("b.districtCode") as DataLoader<string, number>,
    transfers: rowsBy(db, Transfer, "volunteerId", { on: "ASC", id: "ASC" }),
    /** Status changes, oldest first. */
    history: rowsBy(db, VolunteerEvent, "volunteerId", { id: "ASC" }),
    trainings: rowsBy(db, Training, "volunteerId", { completedOn: "DESC", id: "DESC" }),
    evaluations: rowsBy(db, Evaluation, "volunteerId", { period: "DESC", id: "DESC" }),
    commendations: rowsBy(db, Commendation, "volunteerId", { awardedOn: "DESC", id: "DESC" }),
    certificates: rowsBy(db, Certificate, "volunteerId", { id: "DESC" }),
    menuItem: rowById(db, ServiceMenuItem),
    signUps: rowsBy(db, MeetingSignUp, "meetingId", { id: "ASC" }),
    courseHistory: rowsBy(db, CourseEvent, "courseId", { id: "ASC" }),
    meetingHistory: rowsBy(db, MeetingEvent, "meetingId", { id: "ASC" }),
    /** ACTIVE courses counted for each district. */
    courseCount: new DataLoader<string, number>(async (codes) => {
      const rows: Array<{ k: string; n: unknown }> = await db
        .createQueryBuilder()
        .select("c.districtCode", "k")
        .addSelect("COUNT(*)", "n")
        .from("course", "c")
        .where("c.districtCode IN (:...codes) AND c.status = :active", {
          codes,
          active: CourseStatus.ACTIVE,
        })
        .groupBy("c.districtCode")
        .getRawMany();
      return byKey(codes, rows, (r) => String(r.k)).map((r) => num(r?.n));
    }),
    /** SCHEDULED meetings of each district starting from `from` to `to` (Shenzhen dates). */
    meetingCount: keyed(
      (range: { from: string; to: string }) =>
        new DataLoader<string, number>(async (codes) => {
          const rows: Array<{ k: string; n: unknown }> = await db
            .createQueryBuilder()
            .select("m.districtCode", "k")
            .addSelect("COUNT(*)", "n")
            .from("meeting", "m")
            .where("m.districtCode IN (:...codes) AND m.status = :scheduled", {
              codes,
              scheduled: MeetingStatus.SCHEDULED,
            })
            .andWhere("m.startsAt >= :start AND m.startsAt < :end", {
              start: startOfBusinessDay(range.from),
              end: startOfBusinessDay(addDays(range.to, 1)),
            })
            .groupBy("m.districtCode")
            .getRawMany();
          return byKey(codes, rows, (r) => String(r.k)).map((r) => num(r?.n));
        }),
    ),
  };
}

export type CorpsLoaders = ReturnType<typeof createLoaders>;
