// Micro-video courses (微视频课程) and video meetings (视频会议) by expert volunteers: published and
// scheduled by the corps office, listed publicly, counted per district on the dashboard.
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { today } from "../../../runtime/dates";
import { badInput, conflict, notFound } from "../../../runtime/errors";
import { decodeCursor, pageSize, toPage, type Page } from "../../shared/pagination";
import { isDistrictCode, VolunteerStatus } from "../../shared/vocabulary";
import { Branch } from "../entities/branch.entity";
import { Course } from "../entities/course.entity";
import type { Volunteer } from "../entities/volunteer.entity";
import type { CourseInput } from "../inputs/clinic.input";
import type { CoursesArgs } from "../inputs/clinic.args";
import { CourseStatus } from "../vocabulary";
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

export async function publishCourse(db: DataSource, caller: Caller, input: CourseInput) {
  const expert = await expertFor(db, input.volunteerId);
  const repo = db.getRepository(Course);
  const { identifiers } = await repo.insert({
    title: input.title,
    category: input.category,
    volunteerId: expert.id,
    url: input.url,
    durationMinutes: input.durationMinutes,
    districtCode: await districtFor(db, input.districtCode, expert),
    publishedOn: today(),
    status: CourseStatus.ACTIVE,
    publishedBy: caller.sub,
  });
  return repo.findOneByOrFail({ id: Number(identifiers[0].id) });
}

export async function withdrawCourse(db: DataSource, caller: Caller, id: string, reason: string) {
  const why = requireReason(reason);
  const course = /^\d{1,9}$/.test(id)
    ? await db.getRepository(Course).findOneBy({ id: Number(id) })
    : null;
  if (!course) throw notFound(`no course with id "${id}"`);
  const result = await db
    .createQueryBuilder()
    .update(Course)
    .set({ status: CourseStatus.WITHDRAWN, withdrawnReason: why, withdrawnBy: caller.sub })
    .where("id = :id AND status = :active", { id: course.id, active: CourseStatus.ACTIVE })
    .execute();
  if (result.affected !== 1)
    throw conflict(`course ${course.id} is already withdrawn`, { currentStatus: course.status });
  return db.getRepository(Course).findOneByOrFail({ id: course.id });
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
