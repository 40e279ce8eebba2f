// Who may act on a demand's bookings and see them (docs/domain.md rules 1 and 7): the city
// (CITY_ADMIN), the demand's own district (its DISTRICT_OPERATOR), and the enterprise itself,
// signed in as ENTERPRISE: its token is bound to its unified social credit code, which must be the
// demand's. To an enterprise, another enterprise's demand or booking gets the same answer as an
// unknown one, so nothing tells it what others asked for. Knowing a credit code (they are public)
// and a booking id (they count up) opens nothing: the anonymous credit-code read is gone.
import type { DataSource, EntityManager } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { forbidden, notFound, unauthenticated } from "../../../runtime/errors";
import { Demand } from "../entities/demand.entity";

/** The roles that manage bookings: the city, and each district for its own demands. */
export const BOOKING_MANAGERS = ["CITY_ADMIN", "DISTRICT_OPERATOR"] as const;

export const manages = (caller: Caller | null, districtCode: string) =>
  caller?.role === "CITY_ADMIN" ||
  (caller?.role === "DISTRICT_OPERATOR" && caller.district === districtCode);

/** The caller is the enterprise the demand is for (its token names the demand's credit code). */
export const owns = (caller: Caller | null, demand: Pick<Demand, "creditCode"> | null) =>
  caller?.role === "ENTERPRISE" && demand !== null && caller.creditCode === demand.creditCode;

export const NO_SUCH_DEMAND =
  "your enterprise has no demand with this id; check it with the station that recorded the demand";

export const SIGN_IN =
  "sign in first: bookings are for the enterprise (ENTERPRISE, bound to its credit code) and its district's operators";

async function loadDemand(db: DataSource | EntityManager, id: string) {
  return /^\d{1,9}$/.test(id) ? db.getRepository(Demand).findOneBy({ id: Number(id) }) : null;
}

/**
 * The demand a caller acts on: a manager's (NOT_FOUND when unknown, FORBIDDEN for another
 * district or role), or an enterprise's own (NOT_FOUND, one message, when unknown or another's).
 */
export async function demandFor(
  db: DataSource | EntityManager,
  caller: Caller | null,
  id: string,
): Promise<Demand> {
  if (!caller) throw unauthenticated(SIGN_IN);
  const demand = await loadDemand(db, id);
  if (caller.role === "ENTERPRISE") {
    if (!owns(caller, demand)) throw notFound(NO_SUCH_DEMAND);
    return demand!;
  }
  if (!demand) throw notFound(`no demand with id "${id}"`);
  assertManager(caller, demand.districtCode);
  return demand;
}

export function assertManager(
  caller: Caller,
  districtCode: string,
  what: "demand" | "booking" = "demand",
) {
  if (manages(caller, districtCode)) return;
  throw forbidden(
    caller.role === "DISTRICT_OPERATOR"
      ? `you operate district ${caller.district}; this ${what} belongs to district ${districtCode}`
      : `bookings are handled by ${BOOKING_MANAGERS.join(" and ")} (the demand's own district) and the demand's enterprise; you are ${caller.role}`,
  );
}
