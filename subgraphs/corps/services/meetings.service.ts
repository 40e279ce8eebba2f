// Video meetings (视频会议) of volunteers and entrepreneurs: scheduled and cancelled by the corps
// office, listed publicly, and signed up for by enterprises (anonymously, within the gateway's
// anonymous-write budget) until full or started. The seat is taken by a conditional UPDATE of the
// meeting's count in the same transaction as the sign-up, so two last sign-ups never both get in.
import type { DataSource } from "typeorm";
import { addDays, startOfBusinessDay } from "../../../runtime/dates";
import { badInput, conflict, notFound } from "../../../runtime/errors";
import {
  decodeKeyCursor,
  encodeKeyCursor,
  pageSize,
  toPage,
  type Page,
} from "../../shared/pagination";
import { recordEvents, transition, type Audit } from "../../shared/audit";
import { isUniqueViolation } from "../../shared/unique-violation";
import { checkDateRange } from "../../shared/validation/date-range";
import { Meeting } from "../entities/meeting.entity";
import { MeetingEvent } from "../entities/meeting-event.entity";
import { MeetingSignUp } from "../entities/meeting-sign-up.entity";
import type { MeetingInput, MeetingSignUpInput } from "../inputs/clinic.input";
import type { MeetingsArgs } from "../inputs/clinic.args";
import { MeetingAction, MeetingStatus } from "../vocabulary";
import { districtFor, expertFor } from "./courses.service";
import { requireReason } from "./volunteer-lifecycle.service";

const YEAR_MS = 366 * 86_400_000;
/** Whole seconds: MySQL DATETIME keeps no fraction. */
const seconds = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);

export async function findMeeting(db: DataSource, id: string): Promise<Meeting> {
  const meeting = /^\d{1,9}$/.test(id)
    ? await db.getRepository(Meeting).findOneBy({ id: Number(id) })
    : null;
  if (!meeting) throw notFound(`no meeting with id "${id}"`);
  return meeting;
}

/** A meeting's lifecycle: SCHEDULED until cancelled, which is final. */
export const MEETING_TRANSITIONS = {
  cancel: {
    from: [MeetingStatus.SCHEDULED],
    to: MeetingStatus.CANCELLED,
    action: MeetingAction.CANCEL,
  },
} as const;

export async function scheduleMeeting(
  db: DataSource,
  audit: Audit,
  input: MeetingInput,
  now = new Date(),
) {
  const startsAt = seconds(input.startsAt);
  if (startsAt.getTime() <= now.getTime())
    throw badInput(`startsAt ${startsAt.toISOString()} has passed; schedule a meeting ahead`);
  if (startsAt.getTime() - now.getTime() > YEAR_MS)
    throw badInput(`startsAt ${startsAt.toISOString()} is more than a year ahead`);
  const expert = await expertFor(db, input.volunteerId);
  const districtCode = await districtFor(db, input.districtCode, expert);
  return db.transaction(async (tx) => {
    const repo = tx.getRepository(Meeting);
    const { identifiers } = await repo.insert({
      title: input.title,
      category: input.category,
      volunteerId: expert.id,
      startsAt,
      durationMinutes: input.durationMinutes,
      url: input.url,
      capacity: input.capacity,
      signUpCount: 0,
      districtCode,
      status: MeetingStatus.SCHEDULED,
      scheduledBy: audit.actor,
    });
    const id = Number(identifiers[0].id);
    await recordEvents(tx, MeetingEvent, audit, [
      {
        meetingId: id,
        action: MeetingAction.SCHEDULE,
        fromStatus: null,
        toStatus: MeetingStatus.SCHEDULED,
      },
    ]);
    return repo.findOneByOrFail({ id });
  });
}

export async function cancelMeeting(db: DataSource, audit: Audit, id: string, reason: string) {
  const why = requireReason(reason);
  const meeting = await findMeeting(db, id);
  // Conditional on the status only: sign-ups taken meanwhile do not stop a cancellation.
  return db.transaction((tx) =>
    transition(tx, Meeting, {
      row: meeting,
      subject: `meeting ${meeting.id}`,
      move: { table: MEETING_TRANSITIONS, name: "cancel" },
      set: { cancelledReason: why, cancelledBy: audit.actor },
      event: { entity: MeetingEvent, values: { meetingId: meeting.id } },
      audit,
      comment: why,
    }),
  );
}

/** Takes a seat and records the sign-up, or refuses: cancelled, started, full, or signed up. */
export async function signUp(
  db: DataSource,
  meetingId: string,
  input: MeetingSignUpInput,
  now = new Date(),
): Promise<{ signUp: MeetingSignUp; meeting: Meeting }> {
  const meeting = await findMeeting(db, meetingId);
  if (meeting.status !== MeetingStatus.SCHEDULED)
    throw conflict(`meeting ${meeting.id} was cancelled`, { currentStatus: meeting.status });
  if (meeting.startsAt.getTime() <= now.getTime())
    throw conflict(`meeting ${meeting.id} has already started; sign-ups are closed`);
  try {
    return await db.transaction(async (tx) => {
      const seat = await tx
        .createQueryBuilder()
        .update(Meeting)
        .set({ signUpCount: () => "signUpCount + 1" })
        .where("id = :id AND status = :scheduled AND signUpCount < capacity", {
          id: meeting.id,
          scheduled: MeetingStatus.SCHEDULED,
        })
        .execute();
      if (seat.affected !== 1)
        throw conflict(`meeting ${meeting.id} is full (${meeting.capacity} places)`);
      const { identifiers } = await tx.getRepository(MeetingSignUp).insert({
        meetingId: meeting.id,
        enterpriseName: input.enterpriseName,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
      });
      return {
        signUp: await tx
          .getRepository(MeetingSignUp)
          .findOneByOrFail({ id: Number(identifiers[0].id) }),
        meeting: await tx.getRepository(Meeting).findOneByOrFail({ id: meeting.id }),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`this phone number is already signed up for meeting ${meeting.id}`);
    throw error;
  }
}

/**
 * SCHEDULED meetings by start, earliest first: from `from` to `to` (Shenzhen dates, inclusive), by
 * default those not yet started. Keyset on (startsAt, id).
 */
export async function findMeetings(
  db: DataSource,
  args: MeetingsArgs,
  now = new Date(),
): Promise<Page<Meeting>> {
  const first = pageSize(args.first);
  const after = decodeKeyCursor(args.after);
  const query = db
    .getRepository(Meeting)
    .createQueryBuilder("m")
    .where("m.status = :scheduled", { scheduled: MeetingStatus.SCHEDULED });
  if (args.from || args.to) {
    if (!args.from || !args.to) throw badInput("give both from and to, or neither");
    checkDateRange(args.from, args.to);
    query.andWhere("m.startsAt >= :start AND m.startsAt < :end", {
      start: startOfBusinessDay(args.from),
      end: startOfBusinessDay(addDays(args.to, 1)),
    });
  } else {
    query.andWhere("m.startsAt > :now", { now: seconds(now) });
  }
  if (args.category) query.andWhere("m.category = :category", { category: args.category });
  if (args.districtCode)
    query.andWhere("m.districtCode = :districtCode", { districtCode: args.districtCode });
  if (args.volunteerId)
    query.andWhere("m.volunteerId = :volunteerId", { volunteerId: Number(args.volunteerId) });
  const totalCount = await query.getCount();
  if (after) {
    const at = new Date(after.key);
    query.andWhere("(m.startsAt > :at OR (m.startsAt = :at AND m.id > :afterId))", {
      at,
      afterId: after.id,
    });
  }
  const rows = await query
    .orderBy("m.startsAt", "ASC")
    .addOrderBy("m.id", "ASC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount, (m) => encodeKeyCursor(m.startsAt.toISOString(), m.id));
}
