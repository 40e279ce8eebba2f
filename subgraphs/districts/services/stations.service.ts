// Who sees which stations, and when a filed station counts as idle (docs/domain.md rule 6).
import type { Caller } from "../../../runtime/auth";
import { addDays, businessDate, today } from "../../../runtime/dates";
import { forbidden, unauthenticated } from "../../../runtime/errors";
import type { Station } from "../entities/station.entity";
import { IDLE_AFTER_DAYS, StationStatus } from "../vocabulary";

/** Anonymous callers see filed stations only, whatever status they ask for. */
export function visibleStatus(caller: Caller | null, asked: StationStatus | null | undefined) {
  if (!caller) return StationStatus.FILED;
  return asked ?? null;
}

/** Anonymous callers see filed stations only, however a station is reached (list, reference, activity). */
export function visibleStation(caller: Caller | null, station: Station | null): Station | null {
  return station && (caller || station.status === StationStatus.FILED) ? station : null;
}

/**
 * A station's contact person and phone (docs/domain.md rule 7): in full for CITY_ADMIN and the station's
 * own district operator, masked for other districts' operators, refused to every other role.
 */
export function visibleContact(
  caller: Caller | null,
  station: Station,
  value: string | null,
  mask: (value: string) => string,
): string | null {
  if (!caller) throw unauthenticated();
  if (caller.role === "CITY_ADMIN") return value;
  if (caller.role === "DISTRICT_OPERATOR") {
    return caller.district === station.districtCode || value === null ? value : mask(value);
  }
  throw forbidden(
    `station contacts are for CITY_ADMIN and DISTRICT_OPERATOR (masked outside their district); you are ${caller.role}`,
  );
}

/** A filed station is idle when neither its filing nor its latest demand is within 90 days. */
export function isIdle(station: Station, lastDemandOn: string | null, now = new Date()): boolean {
  if (station.status !== StationStatus.FILED) return false;
  const cutoff = addDays(today(now), -IDLE_AFTER_DAYS);
  const filedOn = station.filedAt ? businessDate(new Date(station.filedAt)) : null;
  const latest = [lastDemandOn, filedOn]
    .filter((d): d is string => Boolean(d))
    .sort()
    .pop();
  return !latest || latest < cutoff;
}
