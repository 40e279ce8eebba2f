// Who may act on a demand's bookings and see their personal data (docs/domain.md rules 1 and 7): the
// city (CITY_ADMIN), the demand's own district (its DISTRICT_OPERATOR), and the enterprise itself,
// which proves it with the demand's credit code. A wrong code and an unknown demand get the same
// answer, so the code never tells whether a demand exists.
import { timingSafeEqual } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { forbidden, notFound, unauthenticated } from "../../../runtime/errors";
import { maskCreditCode } from "../../shared/validation/credit-code";
import { Demand } from "../entities/demand.entity";

/** The roles that manage bookings: the city, and each district for its own demands. */
export const BOOKING_MANAGERS = ["CITY_ADMIN", "DISTRICT_OPERATOR"] as const;

export const manages = (caller: Caller | null, districtCode: string) =>
  caller?.role === "CITY_ADMIN" ||
  (caller?.role === "DISTRICT_OPERATOR" && caller.district === districtCode);

/** The credit code given equals the demand's (case and surrounding spaces aside), in fixed time. */
export function sameCreditCode(given: string | null | undefined, stored: string): boolean {
  const a = Buffer.from((given ?? "").trim().toUpperCase());
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const NO_SUCH_DEMAND =
  "no demand matches this demandId and credit code; check both with the station that recorded the demand";

/** The actor an enterprise's own change is recorded under: its masked credit code. */
export const enterpriseActor = (demand: Demand) =>
  `enterprise:${maskCreditCode(demand.creditCode)}`;

async function loadDemand(db: DataSource | EntityManager, id: string) {
  return /^\d{1,9}$/.test(id) ? db.getRepository(Demand).findOneBy({ id: Number(id) }) : null;
}

/**
 * The demand a caller acts on: a manager's (NOT_FOUND when unknown, FORBIDDEN for another
 * district or role), or, without a token, the enterprise's own by its credit code (NOT_FOUND with
 * one message for an unknown demand and a wrong code).
 */
export async function demandFor(
  db: DataSource | EntityManager,
  caller: Caller | null,
  id: string,
  creditCode: string | null | undefined,
): Promise<Demand> {
  const demand = await loadDemand(db, id);
  if (!caller) {
    if (!creditCode?.trim())
      throw unauthenticated(
        "without a token, give the demand's creditCode (统一社会信用代码) to show it is your enterprise's",
      );
    if (!demand || !sameCreditCode(creditCode, demand.creditCode)) throw notFound(NO_SUCH_DEMAND);
    return demand;
  }
  if (!demand) throw notFound(`no demand with id "${id}"`);
  assertManager(caller, demand.districtCode);
  return demand;
}

export function assertManager(caller: Caller, districtCode: string) {
  if (manages(caller, districtCode)) return;
  throw forbidden(
    caller.role === "DISTRICT_OPERATOR"
      ? `you operate district ${caller.district}; this booking is district ${districtCode}'s`
      : `bookings are handled by ${BOOKING_MANAGERS.join(" and ")} (the demand's own district); you are ${caller.role}`,
  );
}
