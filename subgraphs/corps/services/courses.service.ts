// Micro-video courses (微视频课程) and video meetings (视频会议) by expert volunteers: published and
// scheduled by the corps office, listed publicly, counted per district on the dashboard.
import type { DataSource } from "typeorm";
import { today } from "../../../runtime/dates";
import { badInput, notFound } from "../../../runtime/errors";
import { recordEvents, transition, type Audit } from "../../shared/audit";
import { decodeCursor, pageSize, toPage, type Page } from "../../shared/pagination";
import { isDistrictCode, VolunteerStatus } from "../../shared/vocabulary";
import { Branch } from "../entities/branch.entity";
import { Course } from "../entities/course.entity";
import { CourseEvent } from "../entities/course-event.entity";
import type { Volunteer } from "../entities/volunteer.entity";
import type { CourseInput } from "../inputs/clinic.input";
import type { CoursesArgs } from "../inputs/clinic.args";
import { CourseAction, CourseStatus } from "../vocabulary";
import { findVolunteer, requireReason } from "./volunteer-lifecycle.service";

/** The expert of a course or meeting: an APPOINTED volunteer (else BAD_USER_INPUT). */
export async function expertFor(db: DataSource, id: string): Promise<Volunteer> {
  const volunteer = await findVolunteer(db, id).catch(() => null);
  if (!volunteer) throw badInput(`volunteerId ${id}: there is no such volunteer`);
  if (volunteer.status !== VolunteerStatus.APPOINTED)
    throw badInput(
      `volunteer ${volunteer.id} is ${volunteer.status}; only an APPOINTED volunteer can give courses and host meetings`,
    );
  return volunteer;
}

/** The district a course or meeting counts for: the one given, else the expert's regional one. */
export async function districtFor(
  db: DataSource,
  given: string | null | undefined,
  expert: Volunteer,
): Promise<string | null> {
  if (given) {
    if (!isDistrictCode(given))
      throw badInput(`districtCode ${given} is not a district of the city`);
    return given;
  }
  const branch = await db.getRepository(Branch).findOneBy({ id: expert.branchId });
  return branch?.districtCode ?? null;
}

/** A course's lifecycle: ACTIVE until withdrawn, which is final. */
export const COURSE_TRANSITIONS = {
  withdraw: {
    from: [CourseStatus.ACTIVE],
    to: CourseStatus.WITHDRAWN,
    action: CourseAction.WITHDRAW,
  },
} as const;

export async function publishCourse(db: DataSource, audit: Audit, input: CourseInput) {
  const expert = await expertFor(db, input.volunteerId);
  const districtCode = await districtFor(db, input.districtCode, expert);
  return db.transaction(async (tx) => {
    const repo = tx.getRepository(Course);
    const { identifiers } = await repo.insert({
      title: input.title,
      category: input.category,
      volunteerId: expert.id,
      url: input.url,
      durationMinutes: input.durationMinutes,
      districtCode,
      publishedOn: today(),
      status: CourseStatus.ACTIVE,
      publishedBy: audit.actor,
    });
    const id = Number(identifiers[0].id);
    await recordEvents(tx, CourseEvent, audit, [
      {
        courseId: id,
        action: CourseAction.PUBLISH,
        fromStatus: null,
        toStatus: CourseStatus.ACTIVE,
      },
    ]);
    return repo.findOneByOrFail({ id });
  });
}

export async function withdrawCourse(db: DataSource, audit: Audit, id: string, reason: string) {
  const why = requireReason(reason);
  const course = /^\d{1,9}$/.test(id)
    ? await db.getRepository(Course).findOneBy({ id: Number(id) })
    : null;
  if (!course) throw notFound(`no course with id "${id}"`);
  return db.transaction((tx) =>
    transition(tx, Course, {
      row: course,
      subject: `course ${course.id}`,
      move: { table: COURSE_TRANSITIONS, name: "withdraw" },
      set: { withdrawnReason: why, withdrawnBy: audit.actor },
      event: { entity: CourseEvent, values: { courseId: course.id } },
      audit,
      comment: why,
    }),
  );
}

/** ACTIVE courses, newest first (keyset on the id), by category, district or expert. */
export async function findCourses(db: DataSource, args: CoursesArgs): Promise<Page<Course>> {
  const first = pageSize(args.first);
  const beforeId = decodeCursor(args.after);
  const query = db
    .getRepository(Course)
    .createQueryBuilder("c")
    .where("c.status = :active", { active: CourseStatus.ACTIVE });
  if (args.category) query.andWhere("c.category = :category", { category: args.category });
  if (args.districtCode)
    query.andWhere("c.districtCode = :districtCode", { districtCode: args.districtCode });
  if (args.volunteerId)
    query.andWhere("c.volunteerId = :volunteerId", { volunteerId: Number(args.volunteerId) });
  const totalCount = await query.getCount();
  if (beforeId !== null) query.andWhere("c.id < :beforeId", { beforeId });
  const rows = await query
    .orderBy("c.id", "DESC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount);
}
