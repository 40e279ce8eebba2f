// The platforms' annual report (docs/reports.md): per certified platform and year, its mentor
// group against the minimum, its public-service plans filed and carried out, its performance
// review, and its source station's activities (asked of districts through the gateway, by the
// dashboard's SQL). Closing a year freezes these as a revision; a close that finds them unchanged
// returns the latest revision, one that finds them moved stores the next, naming what moved.
import path from "node:path";
import type { DataSource, EntityManager } from "typeorm";
import type { HubConfig } from "../../../runtime/config";
import { today } from "../../../runtime/dates";
import { badInput } from "../../../runtime/errors";
import { checkReportYear } from "../../../runtime/report-period";
import { readOperation } from "../../../runtime/operations";
import { type Audit, recordEvents } from "../../shared/audit";
import { insertRows, oneAtATimeOnSqlite } from "../../shared/db";
import { ServiceClient } from "../../shared/service-client";
import { isUniqueViolation } from "../../shared/unique-violation";
import { VolunteerStatus } from "../../shared/vocabulary";
import { Mentor } from "../entities/mentor.entity";
import { PerformanceReview } from "../entities/performance-review.entity";
import { Platform } from "../entities/platform.entity";
import {
  PlatformAnnualReport,
  PlatformYear,
  PlatformYearEvent,
} from "../entities/platform-year.entity";
import { ServicePlan } from "../entities/service-plan.entity";
import { AnnualReportAction, PlanStatus, PlatformStatus } from "../vocabulary";
import { fetchMentorStandings } from "./mentor-check.service";
import { requiredMentors } from "./mentor-rule.service";

const STATION_YEARS = readOperation(path.join(__dirname, "..", "operations"), "station-years");

interface StationYear {
  stationId: string;
  activities: number;
  enterprisesServed: number;
  serviceHours: number;
  held: Array<{ month: string; category: string }>;
}

type Figures = Omit<PlatformAnnualReport, "id" | "year" | "revision" | "moved">;

/** The months a plan's period covers: "2026", "2026-H1", "2026-Q3". */
export function periodMonths(period: string): string[] {
  const [year, part] = period.split("-");
  const range = (a: number, b: number) =>
    Array.from({ length: b - a + 1 }, (_, i) => `${year}-${String(a + i).padStart(2, "0")}`);
  if (!part) return range(1, 12);
  if (part === "H1") return range(1, 6);
  if (part === "H2") return range(7, 12);
  const q = Number(part.slice(1));
  return range(q * 3 - 2, q * 3);
}

export function checkYear(year: number, now = new Date()) {
  checkReportYear(year);
  if (`${year}-12-31` >= today(now))
    throw badInput(
      `year ${year} has not ended yet (Shenzhen time); close it from ${year + 1}-01-01 on`,
      {
        field: "year",
      },
    );
}

/** Every certified platform's figures for the year: a handful of statements and two gateway calls. */
export async function yearFigures(
  db: DataSource,
  config: HubConfig,
  year: number,
): Promise<Figures[]> {
  const yearEnd = `${year}-12-31`;
  const platforms = await db
    .getRepository(Platform)
    .createQueryBuilder("p")
    .where("p.status = :certified AND p.certifiedOn <= :yearEnd", {
      certified: PlatformStatus.CERTIFIED,
      yearEnd,
    })
    .orderBy("p.id")
    .getMany();
  if (!platforms.length) return [];
  const ids = platforms.map((p) => p.id);
  const [mentors, plans, reviews] = await Promise.all([
    db
      .getRepository(Mentor)
      .createQueryBuilder("m")
      .where("m.platformId IN (:...ids)", { ids })
      .getMany(),
    db
      .getRepository(ServicePlan)
      .createQueryBuilder("s")
      .where("s.platformId IN (:...ids) AND s.status = :filed", { ids, filed: PlanStatus.FILED })
      .andWhere("(s.period = :year OR s.period LIKE :prefix)", {
        year: String(year),
        prefix: `${year}-%`,
      })
      .getMany(),
    db.getRepository(PerformanceReview).findBy({ period: String(year) }),
  ]);
  const standings = await fetchMentorStandings(config, [
    ...new Set(mentors.map((m) => String(m.volunteerId))),
  ]);
  const sources = platforms.flatMap((p) => (p.sourceStationId ? [String(p.sourceStationId)] : []));
  const stations = sources.length
    ? (
        await new ServiceClient(config, "platforms").query<{ stationYears: StationYear[] }>(
          STATION_YEARS,
          {
            ids: sources,
            year,
          },
        )
      ).stationYears
    : [];
  const station = new Map(stations.map((s) => [Number(s.stationId), s]));
  return platforms.map((p) => {
    const group = mentors.filter((m) => m.platformId === p.id && m.since <= yearEnd);
    const from = p.certifiedOn! > `${year}-01-01` ? p.certifiedOn! : `${year}-01-01`;
    const known = group.every((m) => standings.get(String(m.volunteerId)));
    const serving = group.filter(
      (m) =>
        m.since <= from &&
        standings.get(String(m.volunteerId))?.status === VolunteerStatus.APPOINTED,
    );
    const s = p.sourceStationId ? station.get(p.sourceStationId) : undefined;
    const own = plans.filter((plan) => plan.platformId === p.id);
    const carried = own.filter((plan) => {
      const months = new Set(periodMonths(plan.period));
      return (
        s?.held.some((h) => h.category === String(plan.category) && months.has(h.month)) ?? false
      );
    });
    return {
      platformId: p.id,
      districtCode: p.districtCode,
      mentorCount: group.length,
      mentorMinimum: requiredMentors(p.kind),
      mentorMinimumMetAllYear: known ? serving.length >= requiredMentors(p.kind) : null,
      plansFiled: own.length,
      plansCarriedOut: carried.length,
      reviewScore: reviews.find((r) => r.platformId === p.id)?.score ?? null,
      sourceStationId: p.sourceStationId,
      activities: s?.activities ?? 0,
      enterprisesServed: s?.enterprisesServed ?? 0,
      serviceHours: s?.serviceHours ?? 0,
    };
  });
}

const FIGURES: Array<keyof Figures> = [
  "mentorCount",
  "mentorMinimum",
  "mentorMinimumMetAllYear",
  "plansFiled",
  "plansCarriedOut",
  "reviewScore",
  "sourceStationId",
  "activities",
  "enterprisesServed",
  "serviceHours",
];
const text = (v: unknown) =>
  v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v);

/** "figure: before → after" for each figure that moved; a platform new to the year's report too. */
export function movedFigures(before: Figures | undefined, now: Figures | undefined): string[] {
  if (!before) return now ? ["certified: no → yes"] : [];
  if (!now) return ["certified: yes → no"];
  return FIGURES.filter((f) => text(norm(before[f])) !== text(norm(now[f]))).map(
    (f) => `${f}: ${text(norm(before[f]))} → ${text(norm(now[f]))}`,
  );
}
const norm = (v: unknown) =>
  typeof v === "number" ? Number(v) : v === 1 || v === 0 ? Boolean(v) : v;

export const latestYear = (db: DataSource | EntityManager, year: number) =>
  db.getRepository(PlatformYear).findOne({ where: { year }, order: { revision: "DESC" } });

/** Closes a year that has ended: the latest revision when nothing moved, else the next one. */
export function closePlatformYear(
  db: DataSource,
  config: HubConfig,
  audit: Audit,
  year: number,
  now = new Date(),
): Promise<PlatformYear> {
  return oneAtATimeOnSqlite(db, () => closeYear(db, config, audit, year, now));
}

async function closeYear(
  db: DataSource,
  config: HubConfig,
  audit: Audit,
  year: number,
  now: Date,
): Promise<PlatformYear> {
  checkYear(year, now);
  const figures = await yearFigures(db, config, year);
  const latest = await latestYear(db, year);
  let rows = figures.map((f) => ({ ...f, moved: [] as string[] }));
  if (latest) {
    const before = await db
      .getRepository(PlatformAnnualReport)
      .findBy({ year, revision: latest.revision });
    const old = new Map(before.map((r) => [r.platformId, r]));
    rows = figures.map((f) => ({ ...f, moved: movedFigures(old.get(f.platformId), f) }));
    const left = before.filter((r) => !figures.some((f) => f.platformId === r.platformId));
    if (!left.length && rows.every((r) => !r.moved.length)) return latest;
  }
  try {
    return await db.transaction(async (tx) => {
      const revision = (latest?.revision ?? 0) + 1;
      const closed = await tx.getRepository(PlatformYear).save({
        year,
        revision,
        closedAt: now,
        closedBy: audit.actor,
        platformCount: rows.length,
      });
      await insertRows(
        tx,
        PlatformAnnualReport,
        rows.map((r) => ({ ...r, year, revision })),
      );
      const moved = rows.filter((r) => r.moved.length);
      await recordEvents(
        tx,
        PlatformYearEvent,
        audit,
        [
          {
            year,
            revision,
            action: latest ? AnnualReportAction.REVISE : AnnualReportAction.CLOSE,
            comment: latest
              ? `revision ${revision}: ${moved.map((r) => `platform ${r.platformId} (${r.moved.join("; ")})`).join(", ")}`
              : `closed with ${rows.length} certified platform(s)`,
          },
        ],
        now,
      );
      return closed;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await latestYear(db, year))!;
  }
}
