// The public expert directory (义诊专栏, docs/domain.md "Online services"): appointed volunteers who
// opted in, while their service agreement is valid. The corps office lists and unlists them (an
// audit event each time); anyone reads the directory, which carries no personal data. Matching
// (districts' suggestedExperts) reads its candidates here, through the gateway.
import type { DataSource } from "typeorm";
import { today } from "../../../runtime/dates";
import { badInput, conflict } from "../../../runtime/errors";
import { transition, type Audit } from "../../shared/audit";
import { decodeCursor, pageSize, toPage, type Page } from "../../shared/pagination";
import { codePoints } from "../../shared/validation/chars";
import {
  RELATED_EXPERT_TYPES,
  ServiceCategory,
  ServiceForm,
  VolunteerStatus,
} from "../../shared/vocabulary";
import { Volunteer } from "../entities/volunteer.entity";
import { VolunteerEvent } from "../entities/volunteer-event.entity";
import type { ExpertDirectoryArgs } from "../inputs/directory.args";
import { AgreementForm, VolunteerAction } from "../vocabulary";
import { clean } from "./ids";
import { findVolunteer, requireReason } from "./volunteer-lifecycle.service";

export const PROFILE_MIN = 10;
export const PROFILE_MAX = 300;

/** The forms an agreement allows: BOTH is online and offline. */
export function serviceForms(form: AgreementForm | null): ServiceForm[] {
  if (form === AgreementForm.BOTH) return [ServiceForm.ONLINE, ServiceForm.OFFLINE];
  if (form === AgreementForm.ONLINE) return [ServiceForm.ONLINE];
  if (form === AgreementForm.OFFLINE) return [ServiceForm.OFFLINE];
  return [];
}

/** The agreement forms that allow a session held in `form`. */
export const formsAllowing = (form: ServiceForm): AgreementForm[] => [
  form === ServiceForm.ONLINE ? AgreementForm.ONLINE : AgreementForm.OFFLINE,
  AgreementForm.BOTH,
];

/** Serving today: APPOINTED under an agreement that covers the day (Shenzhen date). */
export function servingOn(v: Volunteer, day = today()): boolean {
  return (
    v.status === VolunteerStatus.APPOINTED &&
    v.agreementFrom !== null &&
    v.agreementTo !== null &&
    v.agreementFrom <= day &&
    day <= v.agreementTo
  );
}

/** SQL for "the comma-joined `categories` column (simple-array) holds this category". */
function hasCategory(category: ServiceCategory) {
  return {
    sql: "(v.categories = :cat OR v.categories LIKE :catFirst OR v.categories LIKE :catLast OR v.categories LIKE :catMid)",
    params: {
      cat: category,
      catFirst: `${category},%`,
      catLast: `%,${category}`,
      catMid: `%,${category},%`,
    },
  };
}

/** Appointed volunteers whose agreement is valid on `day`. */
function serving(db: DataSource, day: string) {
  return db
    .getRepository(Volunteer)
    .createQueryBuilder("v")
    .where("v.status = :appointed", { appointed: VolunteerStatus.APPOINTED })
    .andWhere("v.agreementFrom <= :day AND v.agreementTo >= :day", { day });
}

/** The directory, oldest listing first by id: one COUNT and one page of rows. */
export async function findExperts(
  db: DataSource,
  args: ExpertDirectoryArgs,
  day = today(),
): Promise<Page<Volunteer>> {
  const first = pageSize(args.first);
  const afterId = decodeCursor(args.after);
  const query = serving(db, day).andWhere("v.listedInDirectory = :listed", { listed: true });
  if (args.category) {
    const { sql, params } = hasCategory(args.category);
    query.andWhere(sql, params);
  }
  if (args.expertType)
    query.andWhere("v.expertType = :expertType", { expertType: args.expertType });
  if (args.branchId) query.andWhere("v.branchId = :branchId", { branchId: Number(args.branchId) });
  if (args.districtCode)
    query
      .innerJoin("branch", "b", "b.id = v.branchId")
      .andWhere("b.districtCode = :districtCode", { districtCode: args.districtCode });
  if (args.form)
    query.andWhere("v.agreementForm IN (:...forms)", { forms: formsAllowing(args.form) });
  const totalCount = await query.getCount();
  if (afterId !== null) query.andWhere("v.id > :afterId", { afterId });
  const rows = await query
    .orderBy("v.id", "ASC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount);
}

/**
 * Who may be suggested for a demand of `category`: serving today and either listing the category
 * or of an expert type that bears on it. One query; districts ranks them.
 */
export function matchCandidates(db: DataSource, category: ServiceCategory, day = today()) {
  const { sql, params } = hasCategory(category);
  const query = serving(db, day).andWhere(`(${sql} OR v.expertType IN (:...related))`, {
    ...params,
    related: RELATED_EXPERT_TYPES[category],
  });
  return query.orderBy("v.id", "ASC").getMany();
}

function profileOf(given: string | null | undefined, stored: string | null): string {
  const profile = clean(given) ?? stored;
  if (!profile)
    throw badInput(
      `a listed expert needs a profile: ${PROFILE_MIN}-${PROFILE_MAX} characters on what the expert helps enterprises with`,
    );
  const length = codePoints(profile);
  if (length < PROFILE_MIN || length > PROFILE_MAX)
    throw badInput(
      `profile is ${length} characters long; write ${PROFILE_MIN}-${PROFILE_MAX} characters`,
    );
  return profile;
}

/**
 * Lists a serving volunteer in the directory (with a profile), or takes one out (a reason is kept).
 * The change is conditional on the status read and leaves an audit event in Volunteer.history.
 */
export async function setDirectoryListing(
  db: DataSource,
  audit: Audit,
  id: string,
  listed: boolean,
  profile: string | null | undefined,
  reason: string | null | undefined,
): Promise<Volunteer> {
  const volunteer = await findVolunteer(db, id);
  if (listed === volunteer.listedInDirectory && !clean(profile)) return volunteer; // nothing to do
  const columns: Partial<Volunteer> = { listedInDirectory: listed };
  let comment: string;
  let action = VolunteerAction.UPDATE_PROFILE;
  if (listed) {
    if (!servingOn(volunteer)) {
      throw conflict(
        `volunteer ${volunteer.id} is ${volunteer.status}` +
          (volunteer.status === VolunteerStatus.APPOINTED
            ? " but the service agreement is not valid today"
            : "") +
          "; only an APPOINTED volunteer under a valid agreement can be listed",
        { status: volunteer.status },
      );
    }
    columns.profile = profileOf(profile, volunteer.profile);
    if (!volunteer.listedInDirectory) action = VolunteerAction.LIST;
    comment = volunteer.listedInDirectory
      ? "directory profile updated"
      : "listed in the expert directory (义诊专栏)";
  } else {
    if (clean(profile)) columns.profile = profileOf(profile, null);
    if (volunteer.listedInDirectory) action = VolunteerAction.UNLIST;
    comment = volunteer.listedInDirectory
      ? `removed from the expert directory: ${requireReason(reason)}`
      : "directory profile updated";
  }
  // Conditional on the status read: a volunteer suspended meanwhile is not listed. Neither its
  // status, branch nor expert type changes, so the corps' counts (volunteer-counts.ts) do not.
  return db.transaction((tx) =>
    transition(tx, Volunteer, {
      row: volunteer,
      subject: `volunteer ${volunteer.id}`,
      move: { action },
      set: columns,
      event: { entity: VolunteerEvent, values: { volunteerId: volunteer.id } },
      audit,
      comment,
    }),
  );
}
