// The corps' part of the benchmark data: branches, volunteers with agreements, letters and their
// status history, directory listings, trainings, evaluations, commendations, transfers, the
// clinic's menu, courses and meetings, and the letter-number counters. Volunteers are held in
// memory (the other parts refer to them); everything else is streamed to the database.
import type { DataSource } from "typeorm";
import { addDays, daysBetween } from "../../runtime/dates";
import { clinicDemo } from "../../demo/clinic";
import { pad } from "../../demo/draw";
import { Random } from "../../demo/random";
import type { DemoBranch, DemoData, DemoVolunteer } from "../../demo/types";
import * as W from "../../demo/words";
import { demoEvents } from "../../demo/histories";
import { gradeFor } from "../../subgraphs/corps/services/volunteer-records.service";
import { idNumberCheckChar } from "../../subgraphs/shared/validation/id-number";
import { DISTRICTS } from "../../subgraphs/shared/vocabulary";
import { BulkWriter } from "./bulk";
import { bool, countUpTo } from "./draws";
import type { BenchSizes, Calendar } from "./plan";
import { CATEGORIES } from "../../demo/draw";
import { demoBranches } from "../../demo/corps";
import { EXPERT_TYPES } from "../../demo/vocabulary";

const ACTOR = "bench-data";
const TRAININGS = [
  "中小企业政策解读培训",
  "志愿服务规范与礼仪培训",
  "企业诊断方法培训",
  "专精特新培育政策培训",
  "线上义诊平台使用培训",
  "知识产权保护实务培训",
];
const TRAINERS = ["深圳市中小企业服务局", "深圳市中小企业志愿服务总队", null];
const HONOURS = ["优秀专家志愿者", "志愿服务之星", "年度突出贡献专家"];

/** What the other parts need of the corps: who serves, and since when. */
export interface CorpsWorld {
  branches: DemoBranch[];
  /** By id - 1. */
  volunteers: DemoVolunteer[];
  /** Ids of the APPOINTED volunteers, by appointment day. */
  serving: number[];
  /** Their appointment days (day indexes), ascending. */
  servingSince: number[];
  /**
   * The most active twentieth of them (every twentieth by appointment), who serve far more often
   * than the rest: ids and appointment days, ascending, as `serving`.
   */
  core: number[];
  coreSince: number[];
  /** The clinic's listings, menu, courses and meetings, as the demo draws them. */
  clinic: ReturnType<typeof clinicDemo>;
}

/** How many of world.serving were appointed on or before day t (a prefix of the list). */
export const servingBy = (world: CorpsWorld, t: number) => countUpTo(world.servingSince, t);
/** How many of world.core were appointed on or before day t. */
export const coreBy = (world: CorpsWorld, t: number) => countUpTo(world.coreSince, t);

export function corpsWorld(cal: Calendar, sizes: BenchSizes): CorpsWorld {
  const rnd = new Random(20201225);
  const D = cal.days;
  const branches = demoBranches();

  const volunteers: DemoVolunteer[] = [];
  const appointedOn = new Map<number, number>();
  const idNumbers = new Set<string>();
  const name = () =>
    rnd.pick(W.SURNAMES) + rnd.pick(W.GIVEN) + (rnd.chance(0.6) ? rnd.pick(W.GIVEN) : "");
  const mobile = () =>
    `1${rnd.pick(["35", "36", "37", "38", "39", "50", "58", "86", "88", "77"])}${pad(rnd.int(0, 99999999), 8)}`;
  for (let id = 1; id <= sizes.volunteers; id += 1) {
    const status = rnd.weighted({ APPOINTED: 84, APPLIED: 8, SUSPENDED: 5, WITHDRAWN: 3 });
    let idNumber = "";
    while (!idNumber || idNumbers.has(idNumber)) {
      const born = `${rnd.int(1955, 1995)}${pad(rnd.int(1, 12), 2)}${pad(rnd.int(1, 28), 2)}`;
      const first17 = `${rnd.pick(DISTRICTS).code}${born}${pad(rnd.int(0, 999), 3)}`;
      idNumber = first17 + idNumberCheckChar(first17);
    }
    idNumbers.add(idNumber);
    // Two in three were appointed before the window; the rest join over the five years. A
    // suspension or withdrawal is dated 30 days before the anchor (demoEvents): after appointment.
    let t: number | null = null;
    if (status !== "APPLIED") {
      const latest = status === "APPOINTED" ? D - 2 : D - 60;
      t = rnd.chance(0.65) ? -rnd.int(30, 1000) : rnd.int(0, latest);
      appointedOn.set(id, t);
    }
    const on = t === null ? null : cal.date(t);
    volunteers.push({
      id,
      name: name(),
      expertType: rnd.pick(EXPERT_TYPES),
      categories: rnd.sample(CATEGORIES, rnd.int(1, 3)),
      employer: rnd.pick(W.EMPLOYERS),
      retired: rnd.chance(0.18),
      status,
      contactPhone: mobile(),
      idNumber,
      branchId: rnd.int(1, branches.length),
      letterNumber: null,
      appointedOn: on,
      agreement: on
        ? {
            form: rnd.pick(["ONLINE", "OFFLINE", "BOTH"] as const),
            committedHoursPerYear: rnd.pick([24, 36, 48, 60]),
            validFrom: on,
            validTo: addDays(cal.anchor, rnd.int(180, 720)),
          }
        : null,
    });
  }
  // Letters are numbered per year (SZZYFW-<year>-<n>) in the order of appointment.
  const appointed = [...appointedOn.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const perYear = new Map<string, number>();
  for (const [id] of appointed) {
    const v = volunteers[id - 1];
    const year = v.appointedOn!.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    v.letterNumber = `SZZYFW-${year}-${pad(n, 6)}`;
  }
  const serving = appointed.filter(([id]) => volunteers[id - 1].status === "APPOINTED");
  return {
    branches,
    volunteers,
    serving: serving.map(([id]) => id),
    servingSince: serving.map(([, t]) => t),
    core: serving.filter((_, i) => i % 20 === 7).map(([id]) => id),
    coreSince: serving.filter((_, i) => i % 20 === 7).map(([, t]) => t),
    clinic: clinicDemo(asDemo(cal.anchor, branches, volunteers)),
  };
}

/** The corps' rows of the demo's shape, for the demo helpers that take a whole DemoData. */
const asDemo = (anchor: string, branches: DemoBranch[], volunteers: DemoVolunteer[]): DemoData => ({
  anchor,
  branches,
  volunteers,
  stations: [],
  demands: [],
  activities: [],
  platforms: [],
  stories: [],
});

/** Writes the corps' rows into an empty corps database. */
export async function writeCorps(db: DataSource, cal: Calendar, world: CorpsWorld) {
  const rnd = new Random(20201226);
  const { branches, volunteers, clinic } = world;
  const D = cal.days;
  const dayOf = (date: string) => daysBetween(cal.from, date);
  const stamp = (at: Date) => cal.stamp(at);
  const w = await BulkWriter.open(db);
  try {
    w.table("branch", ["id", "name", "kind", "districtCode", "industry", "createdAt"]);
    const start = stamp(cal.at(-1200, 9));
    for (const b of branches) w.add("branch", [b.id, b.name, b.kind, b.districtCode, b.industry, start]);

    // The clinic: listings (with their audit event), the menu, courses and meetings, as the demo.
    const listed = new Map(clinic.listings.map((l) => [l.volunteerId, l]));

    // The status history: registration, appointment with its letter, suspension or withdrawal.
    w.table("volunteer_event", [
      "volunteerId",
      "actor",
      "at",
      "action",
      "fromStatus",
      "toStatus",
      "comment",
    ]);
    const events = demoEvents(asDemo(cal.anchor, branches, volunteers));
    const first = new Map<number, Date>();
    const last = new Map<number, Date>();
    for (const e of events) {
      if (!first.has(e.volunteerId)) first.set(e.volunteerId, e.at);
      last.set(e.volunteerId, e.at);
      w.add("volunteer_event", [
        e.volunteerId,
        ACTOR,
        stamp(e.at),
        e.action,
        e.fromStatus,
        e.toStatus,
        e.comment,
      ]);
    }
    for (const l of clinic.listings) {
      const at = cal.at(dayOf(l.listedOn), 11);
      last.set(l.volunteerId, at);
      w.add("volunteer_event", [
        l.volunteerId,
        ACTOR,
        stamp(at),
        "LIST",
        "APPOINTED",
        "APPOINTED",
        "listed in the expert directory (义诊专栏)",
      ]);
    }

    w.table("volunteer", [
      "id",
      "name",
      "expertType",
      "categories",
      "employer",
      "retired",
      "status",
      "contactPhone",
      "idNumber",
      "branchId",
      "letterNumber",
      "appointedOn",
      "agreementForm",
      "agreementHours",
      "agreementFrom",
      "agreementTo",
      "listedInDirectory",
      "profile",
      "createdAt",
      "updatedAt",
    ]);
    for (const v of volunteers) {
      const a = v.agreement;
      w.add("volunteer", [
        v.id,
        v.name,
        v.expertType,
        v.categories.join(","),
        v.employer,
        bool(v.retired),
        v.status,
        v.contactPhone,
        v.idNumber,
        v.branchId,
        v.letterNumber,
        v.appointedOn,
        a?.form ?? null,
        a?.committedHoursPerYear ?? null,
        a?.validFrom ?? null,
        a?.validTo ?? null,
        bool(listed.has(v.id)),
        listed.get(v.id)?.profile ?? null,
        stamp(first.get(v.id)!),
        stamp(last.get(v.id)!),
      ]);
    }
    await w.drain();

    // Records of appointed volunteers: trainings, yearly evaluations, a few commendations and
    // transfers, all dated between the appointment (or the window's start) and the anchor.
    w.table("training", ["volunteerId", "title", "provider", "completedOn", "hours", "actor", "createdAt"]);
    w.table("evaluation", ["volunteerId", "period", "score", "grade", "comment", "actor", "createdAt"]);
    w.table("commendation", ["volunteerId", "title", "awardedOn", "awardedBy", "actor", "createdAt"]);
    w.table("transfer", [
      "volunteerId",
      "fromBranchId",
      "toBranchId",
      "transferredOn",
      "reason",
      "actor",
      "createdAt",
    ]);
    const anchorYear = Number(cal.anchor.slice(0, 4));
    const fromYear = Number(cal.from.slice(0, 4));
    for (const v of volunteers) {
      if (!v.appointedOn) continue;
      const since = Math.max(0, dayOf(v.appointedOn) + 1);
      if (since > D - 2) continue;
      const someDay = () => rnd.int(since, D - 2);
      for (let k = rnd.int(0, 3); k > 0; k -= 1) {
        const t = someDay();
        w.add("training", [
          v.id,
          rnd.pick(TRAININGS),
          rnd.pick(TRAINERS),
          cal.date(t),
          rnd.int(4, 16) / 2,
          ACTOR,
          stamp(cal.at(t, 18)),
        ]);
      }
      let score = rnd.int(65, 95);
      const firstYear = Math.max(Number(v.appointedOn.slice(0, 4)) + 1, fromYear);
      for (let year = firstYear; year < anchorYear; year += 1) {
        score = Math.max(45, Math.min(100, score + rnd.int(-8, 8)));
        const recorded = [`${year + 1}-01-${pad(rnd.int(10, 28), 2)}`, cal.anchor].sort()[0];
        w.add("evaluation", [
          v.id,
          String(year),
          score,
          gradeFor(score),
          score < 60 ? "全年参加服务活动次数不足" : null,
          ACTOR,
          stamp(cal.at(dayOf(recorded), 10)),
        ]);
      }
      if (rnd.chance(0.08)) {
        const t = someDay();
        w.add("commendation", [
          v.id,
          rnd.pick(HONOURS),
          cal.date(t),
          "深圳市中小企业服务局",
          ACTOR,
          stamp(cal.at(t, 15)),
        ]);
      }
      if (rnd.chance(0.03)) {
        const t = someDay();
        let from = rnd.int(1, branches.length);
        if (from === v.branchId) from = (from % branches.length) + 1;
        w.add("transfer", [
          v.id,
          from,
          v.branchId,
          cal.date(t),
          "工作单位变动，转入新的支队",
          ACTOR,
          stamp(cal.at(t, 16)),
        ]);
      }
    }
    await w.drain();

    w.table("service_menu_item", [
      "id",
      "category",
      "title",
      "description",
      "forms",
      "durationMinutes",
      "active",
      "version",
      "updatedBy",
      "createdAt",
    ]);
    for (const m of clinic.menu) {
      w.add("service_menu_item", [
        m.id,
        m.category,
        m.title,
        m.description,
        m.forms.join(","),
        m.durationMinutes,
        1,
        1,
        ACTOR,
        start,
      ]);
    }
    w.table("course", [
      "id",
      "title",
      "category",
      "volunteerId",
      "url",
      "durationMinutes",
      "districtCode",
      "publishedOn",
      "status",
      "publishedBy",
      "createdAt",
    ]);
    for (const c of clinic.courses) {
      w.add("course", [
        c.id,
        c.title,
        c.category,
        c.volunteerId,
        c.url,
        c.durationMinutes,
        c.districtCode,
        c.publishedOn,
        "ACTIVE",
        ACTOR,
        stamp(cal.at(dayOf(c.publishedOn), 10)),
      ]);
    }
    w.table("meeting", [
      "id",
      "title",
      "category",
      "volunteerId",
      "startsAt",
      "durationMinutes",
      "url",
      "capacity",
      "signUpCount",
      "districtCode",
      "status",
      "scheduledBy",
      "createdAt",
    ]);
    w.table("meeting_sign_up", [
      "meetingId",
      "enterpriseName",
      "contactName",
      "contactPhone",
      "createdAt",
    ]);
    for (const m of clinic.meetings) {
      const scheduled = stamp(new Date(m.startsAt.getTime() - 14 * 86_400_000));
      w.add("meeting", [
        m.id,
        m.title,
        m.category,
        m.volunteerId,
        stamp(m.startsAt),
        m.durationMinutes,
        m.url,
        m.capacity,
        m.signUps.length,
        m.districtCode,
        "SCHEDULED",
        ACTOR,
        scheduled,
      ]);
      for (const s of m.signUps) {
        w.add("meeting_sign_up", [m.id, s.enterpriseName, s.contactName, s.contactPhone, scheduled]);
      }
    }

    // The counters the numbering service takes letter and certificate numbers from: each series
    // at its largest number, so the next appointment or certificate continues it.
    w.table("number_counter", ["series", "value"]);
    const letters = new Map<string, number>();
    for (const v of volunteers) {
      if (!v.letterNumber) continue;
      const series = v.letterNumber.slice(0, v.letterNumber.lastIndexOf("-"));
      const n = Number(v.letterNumber.slice(series.length + 1));
      letters.set(series, Math.max(letters.get(series) ?? 0, n));
    }
    for (const [series, value] of [...letters].sort()) w.add("number_counter", [series, value]);
    w.add("number_counter", [`SZZYFWZM-${anchorYear}`, 0]);
    await w.close();
  } catch (error) {
    await w.abort();
    throw error;
  }
  return world;
}
