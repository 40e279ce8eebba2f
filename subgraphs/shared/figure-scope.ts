// Who may read the dashboard's figures, and for which districts: DASHBOARD_VIEWER and CITY_ADMIN
// the whole city (or one district they ask for), a DISTRICT_OPERATOR only its own district;
// anonymous callers are UNAUTHENTICATED and every other role FORBIDDEN. A code that is not one of
// the city's districts is BAD_USER_INPUT (the rollups keep the city's rows under "*", which is
// not a district either).
import type { Caller } from "../../runtime/auth";
import { badInput, forbidden, unauthenticated } from "../../runtime/errors";
import { DISTRICTS } from "./vocabulary";

export const FIGURE_READERS = ["CITY_ADMIN", "DASHBOARD_VIEWER", "DISTRICT_OPERATOR"] as const;

const DISTRICT_CODES: ReadonlySet<string> = new Set(DISTRICTS.map((d) => d.code));

/** The district the figures are restricted to (null: the whole city). */
export function figureScope(caller: Caller | null, requested?: string | null): string | null {
  if (!caller) throw unauthenticated("the dashboard's figures need a signed-in caller");
  if (!(FIGURE_READERS as readonly string[]).includes(caller.role))
    throw forbidden(
      `the dashboard's figures are for ${FIGURE_READERS.join(", ")}; you are ${caller.role}`,
    );
  if (requested != null && !DISTRICT_CODES.has(requested))
    throw badInput(
      `districtCode ${JSON.stringify(requested)} is not one of the city's districts; the districts query lists their codes`,
      { districtCode: requested },
    );
  if (caller.role !== "DISTRICT_OPERATOR") return requested ?? null;
  if (requested && requested !== caller.district) {
    throw forbidden(
      `you operate district ${caller.district} and cannot read the figures of district ${requested}`,
    );
  }
  return caller.district!;
}

/** Refuses a caller who may not read this district's figures. */
export function assertFigureReader(caller: Caller | null, districtCode: string) {
  figureScope(caller, districtCode);
}
