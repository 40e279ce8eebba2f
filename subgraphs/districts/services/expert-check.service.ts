// Before a booking is written or accepted, districts asks corps (which owns experts and the service
// menu) through the gateway, in one request, whether the expert serves and what the menu entry is.
// Districts never reads corps' tables; when corps cannot answer, nothing is written.
import path from "node:path";
import type { HubConfig } from "../../../runtime/config";
import { readOperation } from "../../../runtime/operations";
import { ServiceClient } from "../../shared/service-client";
import {
  SERVICE_CATEGORY_NAMES,
  SERVICE_FORM_NAMES,
  type ServiceCategory,
  type ServiceForm,
} from "../../shared/vocabulary";

export interface ExpertStanding {
  id: string;
  status: string;
  listedInDirectory: boolean;
  serviceForms: string[];
  agreement: { validFrom: string; validTo: string } | null;
}

export interface MenuItemRef {
  id: string;
  title: string;
  // GraphQL enums on the wire: the corps can only answer their values.
  category: ServiceCategory;
  forms: ServiceForm[];
  active: boolean;
}

const BOOKING_EXPERT = readOperation(path.join(__dirname, "..", "operations"), "booking-expert");

/** The expert's standing and the menu entry (null when unknown); throws ServiceUnavailable. */
export async function fetchExpert(
  config: HubConfig,
  volunteerId: number,
  menuItemId: number | null,
): Promise<{ expert: ExpertStanding | null; menuItem: MenuItemRef | null }> {
  const data = await new ServiceClient(config, "districts").query<{
    volunteersByIds: Array<ExpertStanding | null>;
    serviceMenuItemsByIds: Array<MenuItemRef | null>;
  }>(BOOKING_EXPERT, {
    volunteerIds: [String(volunteerId)],
    menuItemIds: menuItemId === null ? [] : [String(menuItemId)],
  });
  return {
    expert: data.volunteersByIds[0] ?? null,
    menuItem: data.serviceMenuItemsByIds[0] ?? null,
  };
}

/** Serving on `day`: APPOINTED under an agreement that covers it. */
export const serves = (expert: ExpertStanding, day: string) =>
  expert.status === "APPOINTED" &&
  expert.agreement !== null &&
  expert.agreement.validFrom <= day &&
  day <= expert.agreement.validTo;

/**
 * Why this expert cannot be booked, or null. An enterprise books from the public directory, so it
 * is told only that the expert is not there (a status is none of its business); a station's
 * operator is told why.
 */
export function expertProblem(
  id: number,
  expert: ExpertStanding | null,
  form: ServiceForm,
  options: { enterprise: boolean; day: string },
): string | null {
  const notListed = `expert ${id} is not in the expert directory; choose an expert listed there`;
  if (!expert) return options.enterprise ? notListed : `volunteerId ${id}: there is no such expert`;
  if (!serves(expert, options.day) || (options.enterprise && !expert.listedInDirectory)) {
    if (options.enterprise) return notListed;
    return expert.status !== "APPOINTED"
      ? `expert ${id} is ${expert.status}; only an APPOINTED expert can be booked`
      : `expert ${id} has no service agreement valid today`;
  }
  if (!expert.serviceForms.includes(form))
    return `expert ${id} serves ${expert.serviceForms.map((f) => SERVICE_FORM_NAMES[f as ServiceForm] ?? f).join("、")} only; book a ${expert.serviceForms.join(" or ")} session`;
  return null;
}

/** Why this menu entry does not fit the booking, or null. */
export function menuItemProblem(
  id: number,
  item: MenuItemRef | null,
  category: ServiceCategory,
  form: ServiceForm,
): string | null {
  if (!item || !item.active)
    return `menuItemId ${id}: no such entry on the service menu; see serviceMenu`;
  if (item.category !== category)
    return `menu entry ${id} (${item.title}) is of category ${SERVICE_CATEGORY_NAMES[item.category]}; the demand is ${SERVICE_CATEGORY_NAMES[category]} (${category})`;
  if (!item.forms.includes(form))
    return `menu entry ${id} (${item.title}) is held ${item.forms.join(" or ")} only`;
  return null;
}
