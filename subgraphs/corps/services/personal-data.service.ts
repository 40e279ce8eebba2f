// docs/domain.md rule 7: a volunteer's phone and ID number are shown in full to the corps' owner
// (CITY_ADMIN), masked to every other role and withheld from anonymous callers. Every value shown
// in full is logged (personal-data-access.service.ts) before it is answered.
import type { Caller } from "../../../runtime/auth";
import { maskPhone } from "../../shared/validation/phone";
import { mask } from "../../shared/validation/id-number";

export function visiblePhone(caller: Caller | null, phone: string): string | null {
  if (!caller) return null;
  return caller.role === "CITY_ADMIN" ? phone : maskPhone(phone);
}

export function visibleIdNumber(caller: Caller | null, idNumber: string): string | null {
  if (!caller) return null;
  return caller.role === "CITY_ADMIN" ? idNumber : mask(idNumber);
}

/** Whether this caller sees the personal data in full (and the showing must be logged). */
export const seesUnmasked = (caller: Caller | null) => caller?.role === "CITY_ADMIN";
