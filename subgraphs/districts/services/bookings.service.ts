// Bookings (预约) of one-on-one sessions with experts, and what they do to their demand. Districts
// owns bookings beside the demands whose status they move: every change is checked first (the
// expert with corps through the gateway, when it matters), then written as ONE local transaction
// that moves the booking (conditional on the status and version read), the demand (conditional on
// its status) and records the audit event. When corps cannot answer, nothing is written; no
// distributed transaction is needed because everything that moves lives in this database.
import { In, type DataSource, type EntityManager } from "typeorm";
import { rowLock } from "../../shared/db";
import type { Caller } from "../../../runtime/auth";
import {
  actingAs,
  recordEvents,
  transition,
  updateIfUnchanged,
  type Audit,
} from "../../shared/audit";
import type { HubConfig } from "../../../runtime/config";
import { addDays, businessDate, startOfBusinessDay, today } from "../../../runtime/dates";
import {
  badInput,
  conflict,
  DomainError,
  forbidden,
  notFound,
  unauthenticated,
} from "../../../runtime/errors";
import { decodeCursor, pageSize, toPage, type Page } from "../../shared/pagination";
import { ServiceUnavailable } from "../../shared/service-client";
import { codePoints } from "../../shared/validation/chars";
import { Booking } from "../entities/booking.entity";
import { BookingEvent } from "../entities/booking-event.entity";
import { Demand } from "../entities/demand.entity";
import { DemandEvent } from "../entities/demand-event.entity";
import type { BookingRequestInput, BookingsArgs } from "../inputs/booking.input";
import { stepColumns } from "./deadlines";
import { trackingDemands } from "./rollups";
import {
  BookingAction,
  BookingChannel,
  BookingStatus,
  DemandAction,
  DemandStatus,
} from "../vocabulary";
import { assertManager, demandFor, manages, owns, SIGN_IN } from "./booking-access";
import {
  BOOKABLE_DEMAND,
  demandAfter,
  isExpired,
  MAX_LIVE_PER_DEMAND,
  nextStatus,
  TRANSITIONS,
  type BookingTransition,
} from "./booking-rules";
import { expertProblem, fetchExpert, menuItemProblem, serves } from "./expert-check.service";

/** Timestamps from here, in UTC, whole seconds (MySQL DATETIME keeps no fraction). */
const now = () => new Date(Math.floor(Date.now() / 1000) * 1000);
export const EXPIRY_ACTOR = "system:booking-expiry";
const REASON_MAX = 500;

const corpsDown = (error: ServiceUnavailable) =>
  conflict(
    `cannot check the expert with the corps right now (${error.message}); nothing was written, try again later`,
  );

function requireReason(reason: string | null | undefined, what: string): string {
  const text = reason?.trim();
  if (!text)
    throw badInput(`a reason is required to ${what} a booking (1-${REASON_MAX} characters)`);
  if (codePoints(text) > REASON_MAX)
    throw badInput(`reason is ${codePoints(text)} characters long; keep it to ${REASON_MAX}`);
  return text;
}

export async function findBooking(db: DataSource | EntityManager, id: string): Promise<Booking> {
  const booking = /^\d{1,9}$/.test(id)
    ? await db.getRepository(Booking).findOneBy({ id: Number(id) })
    : null;
  if (!booking) throw notFound(`no booking with id "${id}"`);
  return booking;
}

function assertVersion(booking: Booking, expected: number | null | undefined) {
  if (expected != null && expected !== booking.version)
    throw conflict(
      `booking ${booking.id} is at version ${booking.version}, not ${expected}: it changed since you read it; read it again`,
      { currentVersion: booking.version },
    );
}

/** What a booking's move does to its demand, when it moves it (decline and expire never do). */
const DEMAND_ACTION: Partial<Record<BookingTransition, DemandAction>> = {
  accept: DemandAction.MATCH,
  cancel: DemandAction.REOPEN,
  complete: DemandAction.SERVE,
};

/** A demand's move, decided on its status as read in this transaction. */
export interface DemandMove {
  id: number;
  from: DemandStatus;
  to: DemandStatus | null;
  satisfaction?: number;
}

interface Move {
  /** Who moves it: the request's caller, or the enterprise or system job it acts for. */
  audit: Audit;
  at: Date;
  transition: BookingTransition;
  columns?: Partial<Booking>;
  comment: string | null;
  demand?: DemandMove;
}

/**
 * The one write of a booking change: the booking moves if it is still as read (status, version)
 * with its audit event (shared/audit.ts), the demand if it is still in the status read, with its
 * own. Any race is a CONFLICT and rolls the whole change back.
 */
export async function moveBooking(tx: EntityManager, booking: Booking, move: Move) {
  const demand = move.demand;
  const moved = await transition(tx, Booking, {
    row: booking,
    subject: `booking ${booking.id}`,
    move: { table: TRANSITIONS, name: move.transition },
    guard: ["status", "version"],
    set: move.columns ?? {},
    event: {
      entity: BookingEvent,
      values: {
        bookingId: booking.id,
        demandFrom: demand?.to ? demand.from : null,
        demandTo: demand?.to ?? null,
      },
    },
    audit: move.audit,
    comment: move.comment?.slice(0, REASON_MAX) ?? null,
    at: move.at,
  });
  const action = DEMAND_ACTION[move.transition];
  if (demand?.to && action) {
    const comment = `booking ${booking.id} ${TRANSITIONS[move.transition].to.toLowerCase()}`;
    await moveDemand(tx, move.audit, { ...demand, to: demand.to }, action, comment, move.at);
  }
  return moved;
}

/**
 * Moves a demand if it is still in `from` (CONFLICT when it moved meanwhile) and records the move
 * in its history.
 */
export async function moveDemand(
  tx: EntityManager,
  audit: Audit,
  move: DemandMove & { to: DemandStatus },
  action: DemandAction,
  comment: string,
  at?: Date,
) {
  const { id, from, to, satisfaction } = move;
  const row = await tx.getRepository(Demand).findOneByOrFail({ id });
  const set: Partial<Demand> = {
    status: to,
    ...stepColumns(row, { ...row, status: to }, businessDate(at ?? new Date())),
  };
  // The enterprise's own rating (rateDemand) stands: a session's copy no longer replaces it.
  if (satisfaction !== undefined && !row.ratedByEnterprise) set.satisfaction = satisfaction;
  await trackingDemands(
    tx,
    [id],
    async () => ({
      result: await updateIfUnchanged(tx, Demand, { id, status: from }, set, `demand ${id}`),
      created: [],
    }),
    audit,
  );
  await recordEvents(
    tx,
    DemandEvent,
    audit,
    [{ demandId: id, action, fromStatus: from, toStatus: to, comment }],
    at,
  );
}

/**
 * The demand a booking change moves, read with a row lock (MySQL/MariaDB; SQLite serialises
 * writers anyway) as the first statement of its transaction. Every booking change of one demand
 * then runs one after another: the counts it decides on (open bookings, other accepted ones) and
 * the demand's status are what the previous change committed, not a snapshot that misses it.
 */
export async function lockDemand(tx: EntityManager, id: number): Promise<Demand> {
  const demand = await tx
    .getRepository(Demand)
    .findOne({ where: { id }, lock: rowLock(tx.connection) });
  if (!demand) throw notFound(`no demand with id ${id}`);
  return demand;
}

/**
 * The expiry rule written down: a REQUESTED booking past its answerBy day is stored as EXPIRED,
 * with the event dated when the answer was due (the start of the next Shenzhen day). Conditional,
 * so concurrent touches (or replicas) record it once. Returns the booking as stored afterwards.
 */
export async function expireIfDue(db: DataSource, audit: Audit, booking: Booking, day = today()) {
  if (!isExpired(booking, day)) return booking;
  await db
    .transaction((tx) =>
      moveBooking(tx, booking, {
        audit: actingAs(audit, EXPIRY_ACTOR),
        at: startOfBusinessDay(addDays(booking.answerBy, 1)),
        transition: "expire",
        comment: `not answered by ${booking.answerBy}`,
      }),
    )
    .catch((error) => {
      // Someone else wrote it first (an expiry or a late answer): what is stored now decides.
      if (!(error instanceof DomainError && error.code === "CONFLICT")) throw error;
    });
  return findBooking(db, String(booking.id));
}

/** Live bookings of a demand: REQUESTED and not yet expired, or ACCEPTED. */
async function liveBookings(db: DataSource | EntityManager, demandId: number, day: string) {
  const rows = await db.getRepository(Booking).findBy({
    demandId,
    status: In([BookingStatus.REQUESTED, BookingStatus.ACCEPTED]),
  });
  return rows.filter((b) => !isExpired(b, day));
}

export async function requestBooking(
  db: DataSource,
  config: HubConfig,
  caller: Caller | null,
  audit: Audit,
  input: BookingRequestInput,
): Promise<Booking> {
  // Check: the demand is the caller's to book (its manager's, or the signed-in enterprise's own),
  // and still needs service.
  const demand = await demandFor(db, caller, input.demandId);
  const by = caller!;
  if (!BOOKABLE_DEMAND.includes(demand.status))
    throw conflict(
      `demand ${demand.id} is ${demand.status}; only a demand that is ${BOOKABLE_DEMAND.join(", ")} can be booked`,
      { demandStatus: demand.status },
    );
  const day = today();
  const volunteerId = Number(input.volunteerId);
  const menuItemId = input.menuItemId ? Number(input.menuItemId) : null;
  await assertRoom(db, demand.id, volunteerId, day);
  await checkWithCorps(config, demand, input, { by, day, volunteerId, menuItemId });
  // Write: the booking and its first event, in one transaction.
  return db.transaction(async (tx) => {
    const locked = await lockDemand(tx, demand.id);
    if (!BOOKABLE_DEMAND.includes(locked.status))
      throw conflict(
        `demand ${demand.id} became ${locked.status} meanwhile; only a demand that is ${BOOKABLE_DEMAND.join(", ")} can be booked`,
        { demandStatus: locked.status },
      );
    await assertRoom(tx, demand.id, volunteerId, day);
    const at = now();
    const repo = tx.getRepository(Booking);
    const { identifiers } = await repo.insert({
      demandId: demand.id,
      districtCode: demand.districtCode,
      volunteerId,
      menuItemId,
      form: input.form,
      message: input.message,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      channel: by.role === "ENTERPRISE" ? BookingChannel.ENTERPRISE : BookingChannel.STATION,
      status: BookingStatus.REQUESTED,
      requestedAt: at,
      answerBy: addDays(day, config.clinic.bookingExpiryDays),
      version: 1,
      createdBy: by.sub,
    });
    const id = Number(identifiers[0].id);
    await recordEvents(
      tx,
      BookingEvent,
      audit,
      [
        {
          bookingId: id,
          action: BookingAction.REQUEST,
          fromStatus: null,
          toStatus: BookingStatus.REQUESTED,
          demandFrom: null,
          demandTo: null,
        },
      ],
      at,
    );
    return repo.findOneByOrFail({ id });
  });
}

/** Refuses a booking of an expert the demand already has one with, or beyond the open limit. */
async function assertRoom(
  tx: DataSource | EntityManager,
  demandId: number,
  volunteerId: number,
  day: string,
) {
  const live = await liveBookings(tx, demandId, day);
  const same = live.find((b) => b.volunteerId === volunteerId);
  if (same)
    throw conflict(
      `demand ${demandId} already has a ${same.status} booking with expert ${volunteerId}`,
    );
  if (live.length >= MAX_LIVE_PER_DEMAND)
    throw conflict(
      `demand ${demandId} already has ${live.length} open bookings; wait for an answer or cancel one first`,
    );
}

/** Checks the expert and the menu entry with corps, before anything is written. */
async function checkWithCorps(
  config: HubConfig,
  demand: Demand,
  input: BookingRequestInput,
  at: { by: Caller; day: string; volunteerId: number; menuItemId: number | null },
) {
  const { volunteerId, menuItemId, day } = at;
  let standing: Awaited<ReturnType<typeof fetchExpert>>;
  try {
    standing = await fetchExpert(config, volunteerId, menuItemId);
  } catch (error) {
    if (error instanceof ServiceUnavailable) throw corpsDown(error);
    throw error;
  }
  const enterprise = at.by.role === "ENTERPRISE";
  const problem =
    expertProblem(volunteerId, standing.expert, input.form, { enterprise, day }) ??
    (menuItemId === null
      ? null
      : menuItemProblem(menuItemId, standing.menuItem, demand.category, input.form));
  if (problem) throw badInput(problem);
}

/** The expert's branch (CITY_ADMIN for now) accepts or declines a REQUESTED booking. */
export async function decideBooking(
  db: DataSource,
  config: HubConfig,
  audit: Audit,
  id: string,
  decision: "accept" | "decline",
  reason: string | null,
  expectedVersion: number | null,
): Promise<Booking> {
  const comment =
    decision === "decline" ? requireReason(reason, "decline") : reason?.trim() || null;
  const booking = await expireIfDue(db, audit, await findBooking(db, id));
  nextStatus(booking.id, booking.status, decision);
  assertVersion(booking, expectedVersion);
  if (decision === "accept") {
    // The expert must still serve: corps decides, now.
    let expert;
    try {
      expert = (await fetchExpert(config, booking.volunteerId, null)).expert;
    } catch (error) {
      if (error instanceof ServiceUnavailable) throw corpsDown(error);
      throw error;
    }
    if (!expert || !serves(expert, today()))
      throw conflict(
        `expert ${booking.volunteerId} is ${expert?.status ?? "unknown to the corps"}` +
          (expert?.status === "APPOINTED" ? " without a valid agreement" : "") +
          " now; decline the booking instead",
        { expertStatus: expert?.status ?? null },
      );
  }
  return db.transaction(async (tx) => {
    const demand = await lockDemand(tx, booking.demandId);
    return moveBooking(tx, booking, {
      audit,
      at: now(),
      transition: decision,
      columns: { decidedAt: now(), reason: decision === "decline" ? comment : null },
      comment,
      demand: {
        id: demand.id,
        from: demand.status,
        to: demandAfter(decision, booking.status, demand.status, 0),
      },
    });
  });
}

/**
 * Cancels a REQUESTED or ACCEPTED booking: its district's operator, CITY_ADMIN, or the signed-in
 * enterprise whose demand it serves (another enterprise's booking and an unknown one get the same
 * answer). Cancelling the only accepted booking of a MATCHED demand reopens the demand.
 */
export async function cancelBooking(
  db: DataSource,
  caller: Caller | null,
  audit: Audit,
  id: string,
  reason: string | null,
  expectedVersion: number | null,
): Promise<Booking> {
  if (!caller) throw unauthenticated(SIGN_IN);
  const why = requireReason(reason, "cancel");
  let booking: Booking;
  if (caller.role === "ENTERPRISE") {
    const found = /^\d{1,9}$/.test(id)
      ? await db.getRepository(Booking).findOneBy({ id: Number(id) })
      : null;
    const demand = found ? await db.getRepository(Demand).findOneBy({ id: found.demandId }) : null;
    if (!found || !owns(caller, demand))
      throw notFound("your enterprise has no booking with this id");
    booking = found;
  } else {
    booking = await findBooking(db, id);
    assertManager(caller, booking.districtCode, "booking");
  }
  booking = await expireIfDue(db, audit, booking);
  nextStatus(booking.id, booking.status, "cancel");
  assertVersion(booking, expectedVersion);
  return db.transaction(async (tx) => {
    const demand = await lockDemand(tx, booking.demandId);
    const otherMatches = await tx.getRepository(Booking).countBy({
      demandId: demand.id,
      status: In([BookingStatus.ACCEPTED, BookingStatus.COMPLETED]),
    });
    return moveBooking(tx, booking, {
      audit,
      at: now(),
      transition: "cancel",
      columns: { decidedAt: now(), reason: why },
      comment: why,
      demand: {
        id: demand.id,
        from: demand.status,
        to: demandAfter(
          "cancel",
          booking.status,
          demand.status,
          otherMatches - (booking.status === BookingStatus.ACCEPTED ? 1 : 0),
        ),
      },
    });
  });
}

const READERS = (caller: Caller) =>
  `bookings are for CITY_ADMIN, DISTRICT_OPERATOR and the demand's enterprise (ENTERPRISE); you are ${caller.role}`;

/**
 * One booking for whoever may see it: its managers, and the enterprise whose demand it serves;
 * null otherwise (also when unknown). Other roles are FORBIDDEN, anonymous callers UNAUTHENTICATED.
 */
export async function bookingFor(
  db: DataSource,
  caller: Caller | null,
  id: string,
): Promise<Booking | null> {
  if (!caller) throw unauthenticated(SIGN_IN);
  const booking = /^\d{1,9}$/.test(id)
    ? await db.getRepository(Booking).findOneBy({ id: Number(id) })
    : null;
  if (caller.role === "ENTERPRISE") {
    if (!booking) return null;
    const demand = await db.getRepository(Demand).findOneBy({ id: booking.demandId });
    return owns(caller, demand) ? booking : null;
  }
  if (caller.role !== "CITY_ADMIN" && caller.role !== "DISTRICT_OPERATOR")
    throw forbidden(READERS(caller));
  return booking && manages(caller, booking.districtCode) ? booking : null;
}

/** Bookings newest first, for the city or one district; the status filter applies expiry. */
export async function findBookings(
  db: DataSource,
  caller: Caller | null,
  args: BookingsArgs,
  day = today(),
): Promise<Page<Booking>> {
  if (!caller) throw unauthenticated(SIGN_IN);
  const enterprise = caller.role === "ENTERPRISE";
  if (!enterprise && caller.role !== "CITY_ADMIN" && caller.role !== "DISTRICT_OPERATOR")
    throw forbidden(READERS(caller));
  let districtCode = args.districtCode ?? null;
  if (caller.role === "DISTRICT_OPERATOR") {
    if (districtCode && districtCode !== caller.district)
      throw forbidden(
        `you operate district ${caller.district} and cannot read district ${districtCode}'s bookings`,
      );
    districtCode = caller.district!;
  }
  const first = pageSize(args.first);
  const beforeId = decodeCursor(args.after);
  const query = db.getRepository(Booking).createQueryBuilder("b");
  // An enterprise's own: the bookings of the demands under its credit code (ix_demand_credit_code).
  if (enterprise)
    query.andWhere(
      `b.demandId IN ${query
        .subQuery()
        .select("d.id")
        .from(Demand, "d")
        .where("d.creditCode = :creditCode")
        .getQuery()}`,
      { creditCode: caller.creditCode },
    );
  if (districtCode) query.andWhere("b.districtCode = :districtCode", { districtCode });
  if (args.volunteerId)
    query.andWhere("b.volunteerId = :volunteerId", { volunteerId: Number(args.volunteerId) });
  if (args.demandId) query.andWhere("b.demandId = :demandId", { demandId: Number(args.demandId) });
  if (args.status === BookingStatus.REQUESTED)
    query.andWhere("b.status = :requested AND b.answerBy >= :day", {
      requested: BookingStatus.REQUESTED,
      day,
    });
  else if (args.status === BookingStatus.EXPIRED)
    query.andWhere("(b.status = :expired OR (b.status = :requested AND b.answerBy < :day))", {
      expired: BookingStatus.EXPIRED,
      requested: BookingStatus.REQUESTED,
      day,
    });
  else if (args.status) query.andWhere("b.status = :status", { status: args.status });
  const totalCount = await query.getCount();
  if (beforeId !== null) query.andWhere("b.id < :beforeId", { beforeId });
  const rows = await query
    .orderBy("b.id", "DESC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount);
}
