// Volunteer service over time and by category: activities, enterprises served and verified hours,
// each one GROUP BY in SQL; every month of the range is listed, zero months included.
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { num } from "../../shared/db";
import { ServiceCategory } from "../../shared/vocabulary";
import type { CategoryService, MonthStat } from "../types/dashboard.types";
import { inSpans, splitRange, type Span } from "./figure-ranges";
import { CITY } from "./rollups";
import { equals, inSpanList, sumRollup } from "./rollup-reads";

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
type Figures = Map<string, { activities: number; enterprisesServed: number; serviceHours: number }>;

/**
 * Activities, enterprises served and verified hours per group: the whole months of the range from
 * the month rollup, the edge days from the day rollup (one statement each).
 */
async function serviceBy(
  db: DataSource,
  group: Group,
  from: string,
  to: string,
  districtCode: string | null,
): Promise<Figures> {
  const { months, edges } = splitRange(from, to);
  const figures: Figures = new Map();
  const at = (k: string) => {
    let f = figures.get(k);
    if (!f) figures.set(k, (f = { activities: 0, enterprisesServed: 0, serviceHours: 0 }));
    return f;
  };
  const [rolled, raw] = await Promise.all([
    months ? rolledServiceBy(db, group, months, districtCode) : [],
    edges.length ? rolledServiceBy(db, group, edges, districtCode, "day") : [],
  ]);
  const hourCents = new Map<string, number>();
  const addCents = (k: string, c: number) => hourCents.set(k, (hourCents.get(k) ?? 0) + c);
  type Sums = { k: string; n: unknown; enterprises: unknown; cents: unknown };
  for (const r of [...rolled, ...raw] as Sums[]) {
    const f = at(String(r.k));
    f.activities += num(r.n);
    f.enterprisesServed += num(r.enterprises);
    addCents(String(r.k), num(r.cents));
  }
  for (const [k, c] of hourCents) at(k).serviceHours = c / 100;
  return figures;
}

/** The month rollup's figures over whole months, or the day rollup's over the edge days. */
function rolledServiceBy(
  db: DataSource,
  group: Group,
  spans: Span[] | { from: string; to: string },
  districtCode: string | null,
  grain: "month" | "day" = "month",
) {
  const byDay = grain === "day";
  const key = group === "category" ? "r.`category`" : byDay ? "SUBSTR(r.`day`, 1, 7)" : "r.`month`";
  const within = byDay
    ? inSpanList("r.`day`", spans as Span[])
    : { sql: "r.`month` BETWEEN ? AND ?", params: [(spans as Span).from, (spans as Span).to] };
  // The city's rows are kept apart (services/rollups.ts): a city read sums a twelfth as many.
  return sumRollup(
    db,
    byDay ? "activity_day" : "activity_month",
    { k: key },
    {
      n: "SUM(r.`activities`)",
      enterprises: "SUM(r.`enterprisesServed`)",
      cents: "SUM(r.`hourCents`)",
    },
    [equals("r.`districtCode`", districtCode ?? CITY), within],
  );
}

/** The raw rows' figures in these spans: activities and enterprises, and verified hours. */
async function rawServiceBy(
  db: DataSource,
  group: Group,
  spans: Span[],
  districtCode: string | null,
) {
  // A date's first seven characters are its month on both databases (MySQL casts DATE to text).
  const key = group === "month" ? "SUBSTR(a.heldOn, 1, 7)" : "a.category";
  const within = inSpans("a.heldOn", spans);
  const scoped = <T extends SelectQueryBuilder<object>>(query: T) => {
    query.where(within.sql, within.params);
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
  return { activities, hours };
}

/** The raw figures per month over the whole range (what the rollups must equal; tests). */
export async function rawServiceTrend(
  db: DataSource,
  from: string,
  to: string,
  districtCode: string | null,
) {
  return rawServiceBy(db, "month", [{ from, to }], districtCode);
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
