// Volunteer service over time and by category: activities, enterprises served and verified hours,
// each one GROUP BY in SQL; every month of the range is listed, zero months included.
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { num } from "../../shared/db";
import { ServiceCategory } from "../../shared/vocabulary";
import type { CategoryService, MonthStat } from "../types/dashboard.types";
import { roundHours } from "./district-figures.service";

/** Every month from `from`'s to `to`'s, as YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    if (label > last) return months;
    months.push(label);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

type Group = "month" | "category";

/** Activities and enterprises served per group, and verified hours per group: two statements. */
async function serviceBy(
  db: DataSource,
  group: Group,
  from: string,
  to: string,
  districtCode: string | null,
) {
  // A date's first seven characters are its month on both databases (MySQL casts DATE to text).
  const key = group === "month" ? "SUBSTR(a.heldOn, 1, 7)" : "a.category";
  const scoped = <T extends SelectQueryBuilder<object>>(query: T) => {
    query.where("a.heldOn BETWEEN :from AND :to", { from, to });
    if (districtCode) query.andWhere("a.districtCode = :districtCode", { districtCode });
    return query.groupBy(key);
  };
  const [activities, hours] = await Promise.all([
    scoped(
      db
        .createQueryBuilder()
        .select(key, "k")
        .addSelect("COUNT(*)", "n")
        .addSelect("SUM(a.enterprisesServed)", "enterprises")
        .from("activity", "a"),
    ).getRawMany(),
    scoped(
      db
        .createQueryBuilder()
        .select(key, "k")
        .addSelect("SUM(p.hours)", "hours")
        .from("activity", "a")
        .innerJoin("participation", "p", "p.activityId = a.id AND p.verified = :verified", {
          verified: true,
        }),
    ).getRawMany(),
  ]);
  const figures = new Map<
    string,
    { activities: number; enterprisesServed: number; serviceHours: number }
  >();
  const at = (k: string) => {
    let f = figures.get(k);
    if (!f) figures.set(k, (f = { activities: 0, enterprisesServed: 0, serviceHours: 0 }));
    return f;
  };
  for (const r of activities as Array<{ k: string; n: unknown; enterprises: unknown }>) {
    Object.assign(at(String(r.k)), { activities: num(r.n), enterprisesServed: num(r.enterprises) });
  }
  for (const r of hours as Array<{ k: string; hours: unknown }>) {
    at(String(r.k)).serviceHours = roundHours(num(r.hours));
  }
  return figures;
}

export async function serviceTrend(
  db: DataSource,
  from: string,
  to: string,
  districtCode: string | null,
): Promise<MonthStat[]> {
  const figures = await serviceBy(db, "month", from, to, districtCode);
  return monthsOf(from, to).map((month) => ({
    month,
    ...(figures.get(month) ?? { activities: 0, enterprisesServed: 0, serviceHours: 0 }),
  }));
}

export async function serviceByCategory(
  db: DataSource,
  from: string,
  to: string,
  districtCode: string | null,
): Promise<CategoryService[]> {
  const figures = await serviceBy(db, "category", from, to, districtCode);
  return Object.values(ServiceCategory).map((category) => ({
    category,
    ...(figures.get(category) ?? { activities: 0, enterprisesServed: 0, serviceHours: 0 }),
  }));
}
