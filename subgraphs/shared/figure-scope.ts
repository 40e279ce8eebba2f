// Who may read the dashboard's figures, and for which districts: DASHBOARD_VIEWER and CITY_ADMIN
// the whole city (or one district they ask for), a DISTRICT_OPERATOR only its own district;
// anonymous callers are UNAUTHENTICATED and every other role FORBIDDEN.
import type { Caller } from "../../runtime/auth";
import { forbidden, unauthenticated } from "../../runtime/errors";

export const FIGURE_READERS = ["CITY_ADMIN", "DASHBOARD_VIEWER", "DISTRICT_OPERATOR"] as const;

/** The district the figures are restricted to (null: the whole city). */
export function figureScope(caller: Caller | null, requested?: string | null): string | null {
  if (!caller) throw unauthenticated("the dashboard's figures need a signed-in caller");
  if (caller.role === "CITY_ADMIN" || caller.role === "DASHBOARD_VIEWER") return requested ?? null;
  if (caller.role === "DISTRICT_OPERATOR") {
    if (requested && requested !== caller.district) {
      throw forbidden(
        `you operate district ${caller.district} and cannot read the figures of district ${requested}`,
      );
    }
    return caller.district!;
  }
  throw forbidden(
    `the dashboard's figures are for ${FIGURE_READERS.join(", ")}; you are ${caller.role}`,
  );
}

/** Refuses a caller who may not read this district's figures. */
export function assertFigureReader(caller: Caller | null, districtCode: string) {
  figureScope(caller, districtCode);
}
