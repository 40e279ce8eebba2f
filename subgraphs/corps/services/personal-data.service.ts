// docs/domain.md rule 7: a volunteer's phone and ID number are shown in full to the corps' owner
// (CITY_ADMIN), masked to every other role and withheld from anonymous callers.
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
