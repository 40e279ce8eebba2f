// The districts' part of the benchmark data: stations in every review state with their review
// trail, then five years of demands, activities with their crews (participation rows) and
// bookings, day by day from the window's first day to the anchor, streamed to the database.
// The rules the hub enforces hold as in the demo data: demands and activities only at stations
// filed by then; crews only of volunteers appointed by the activity's day under an agreement valid
// on it; satisfaction only for RESOLVED demands; bookings that agree with their demands' statuses
// and, when completed, with the activity that served them (its district, its expert, later days).
import type { DataSource } from "typeorm";
import { CATEGORIES, pad, STATION_WEIGHT } from "../../demo/draw";
import { Random } from "../../demo/random";
import type { DemoStation, DemoVolunteer } from "../../demo/types";
import * as W from "../../demo/words";
import { reviewTrail } from "../../demo/histories";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import {
  DISTRICTS,
  SERVICE_CATEGORY_NAMES,
  type ServiceCategory,
} from "../../subgraphs/shared/vocabulary";
import { BulkWriter } from "./bulk";
import { coreBy, servingBy, type CorpsWorld } from "./corps";
import { bool, countUpTo, distinct } from "./draws";
import { perDay, type BenchSizes, type Calendar } from "./plan";
import { ACTIVITY_TYPES, FOCUS_GROUPS, HOST_TYPES, ONLINE_TYPES } from "../../demo/vocabulary";

/** A filed station with no demand in this many days is idle on the dashboard (90, with margin). */
const QUIET_DAYS = 120;

export interface BenchStation extends DemoStation {
  /** The day it was filed (day index), or null when it never was. */
  filedT: number | null;
  /** Stopped collecting demands QUIET_DAYS before the anchor: idle on the dashboard. */
  quiet: boolean;
}

/** An activity a case story may be about: at a filed station, with its crew. */
export interface StoryActivity {
  id: number;
  districtCode: string;
  stationId: number;
  category: string;
  title: string;
  heldOn: string;
  enterprisesServed: number;
  volunteerIds: number[];
}

export interface DistrictsWorld {
  stations: BenchStation[];
  /** Verified hours per volunteer id. */
  hours: Float64Array;
  /** Activities per station id. */
  stationActivities: Int32Array;
  /** A uniform sample of the activities at stations, for the case stories. */
  storyActivities: StoryActivity[];
}

export function stationsOf(cal: Calendar, sizes: BenchSizes): BenchStation[] {
  const rnd = new Random(20201229);
  const D = cal.days;
  const stations: BenchStation[] = [];
  const perDistrict = new Map<string, number>();
  const name = () => rnd.pick(W.SURNAMES) + rnd.pick(W.GIVEN) + rnd.pick(W.GIVEN);
  for (let id = 1; id <= sizes.stations; id += 1) {
    const districtCode = rnd.weighted(STATION_WEIGHT);
    const n = (perDistrict.get(districtCode) ?? 0) + 1;
    perDistrict.set(districtCode, n);
    const status = rnd.weighted({
      FILED: 70,
      UNDER_REVIEW: 9,
      SUBMITTED: 8,
      REJECTED: 5,
      SUSPENDED: 5,
      REVOKED: 3,
    });
    const street = rnd.pick(W.STREETS[districtCode]);
    const place = `${rnd.pick(W.COMPANY_PREFIX)}${rnd.pick(W.PLACE_WORDS)}`;
    const wasFiled = ["FILED", "SUSPENDED", "REVOKED"].includes(status);
    // Half were filed before the window, the rest over it; a suspension or revocation follows the
    // filing by a week (the review trail), so that week must lie in the past.
    const filedT = wasFiled ? (rnd.chance(0.55) ? -rnd.int(10, 600) : rnd.int(0, D - 8)) : null;
    stations.push({
      id,
      districtCode,
      externalId: `ST-${districtCode}-${pad(n, 5)}`,
      name: `${place}中小企业志愿服务工作站`,
      hostType: rnd.pick(HOST_TYPES),
      status,
      categories: rnd.sample(CATEGORIES, rnd.int(2, 5)),
      address: `深圳市${DISTRICTS.find((d) => d.code === districtCode)!.name}${street}${rnd.pick(W.ROADS)}${rnd.int(1, 399)}号${place}`,
      contactName: name(),
      contactPhone: `1${rnd.pick(["35", "36", "37", "38", "39", "50", "58", "86"])}${pad(rnd.int(0, 99999999), 8)}`,
      venue: `${rnd.pick(["多功能会议室", "路演厅", "培训教室"])}，可容纳${rnd.int(2, 20) * 10}人`,
      equipment: rnd.pick(["投影仪、视频会议系统", "音响、直播设备", "电子白板、投影仪"]),
      recommended: wasFiled && rnd.chance(0.15),
      filedAt: filedT === null ? null : cal.at(filedT, 10).toISOString(),
      filedT,
      quiet: status === "FILED" && rnd.chance(0.1),
    });
  }
  return stations;
}

/** Filed stations in the order they were filed: those filed by day t are a prefix. */
class FiledStations {
  private readonly list: BenchStation[];
  private readonly days: number[];
  constructor(stations: BenchStation[]) {
    this.list = stations
      .filter((s) => s.status === "FILED")
      .sort((a, b) => a.filedT! - b.filedT! || a.id - b.id);
    this.days = this.list.map((s) => s.filedT!);
  }
  /** A station filed on or before day t, or null when there is none yet. */
  pick(rnd: Random, t: number): BenchStation | null {
    const n = countUpTo(this.days, t);
    return n ? this.list[rnd.int(0, n - 1)] : null;
  }
}

interface DemandInfo {
  id: number;
  districtCode: string;
  t: number;
  creditCode: string;
  category: string;
  status: string;
  satisfaction: number | null;
}

interface BookingEvent {
  at: Date;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  demandFrom: string | null;
  demandTo: string | null;
  comment: string | null;
}

const formsOf = (v: DemoVolunteer) =>
  v.agreement?.form === "BOTH" ? ["ONLINE", "OFFLINE"] : [v.agreement?.form ?? "ONLINE"];

/** Writes the districts' rows into an empty districts database (the districts table is kept). */
export async function writeDistricts(
  db: DataSource,
  cal: Calendar,
  sizes: BenchSizes,
  corps: CorpsWorld,
  progress: (line: string) => void,
): Promise<DistrictsWorld> {
  const rnd = new Random(20201230);
  const D = cal.days;
  const stamp = (at: Date) => cal.stamp(at);
  const stations = stationsOf(cal, sizes);
  const all = new FiledStations(stations);
  const loud = new FiledStations(stations.filter((s) => !s.quiet));
  const hours = new Float64Array(corps.volunteers.length + 1);
  const stationActivities = new Int32Array(stations.length + 1);
  const storyActivities: StoryActivity[] = [];
  const storyTarget = Object.values(sizes.stories).reduce((a, b) => a + b, 0);
  const storyRnd = new Random(20201231);
  let storyCandidates = 0;
  const personName = () => rnd.pick(W.SURNAMES) + rnd.pick(W.GIVEN) + rnd.pick(W.GIVEN);
  const mobile = () =>
    `1${rnd.pick(["38", "39", "58", "86", "35"])}${String(rnd.int(0, 99_999_999)).padStart(8, "0")}`;

  const w = await BulkWriter.open(db);
  try {
    w.table("station", [
      "id",
      "districtCode",
      "externalId",
      "name",
      "hostType",
      "status",
      "categories",
      "address",
      "contactName",
      "contactPhone",
      "venue",
      "equipment",
      "recommended",
      "filedAt",
      "createdAt",
      "updatedAt",
    ]);
    w.table("station_event", [
      "stationId",
      "actor",
      "action",
      "fromStatus",
      "toStatus",
      "comment",
      "at",
    ]);
    for (const s of stations) {
      const trail = reviewTrail(s, cal.anchor);
      w.add("station", [
        s.id,
        s.districtCode,
        s.externalId,
        s.name,
        s.hostType,
        s.status,
        s.categories.join(","),
        s.address,
        s.contactName,
        s.contactPhone,
        s.venue,
        s.equipment,
        bool(s.recommended),
        s.filedAt ? stamp(new Date(s.filedAt)) : null,
        stamp(trail[0].at),
        stamp(trail[trail.length - 1].at),
      ]);
      for (const e of trail)
        w.add("station_event", [
          e.stationId,
          e.actor,
          e.action,
          e.fromStatus,
          e.toStatus,
          e.comment,
          stamp(e.at),
        ]);
    }
    await w.drain();

    w.table("demand", [
      "id",
      "districtCode",
      "externalId",
      "stationId",
      "enterpriseName",
      "creditCode",
      "category",
      "focusGroup",
      "specialised",
      "description",
      "status",
      "collectedOn",
      "satisfaction",
      "updatedAt",
    ]);
    w.table("activity", [
      "id",
      "districtCode",
      "externalId",
      "stationId",
      "type",
      "category",
      "title",
      "heldOn",
      "feeCharged",
      "enterprisesServed",
      "createdAt",
    ]);
    w.table("participation", ["id", "activityId", "volunteerId", "hours", "verified"]);
    w.table("booking", [
      "id",
      "demandId",
      "districtCode",
      "volunteerId",
      "menuItemId",
      "form",
      "message",
      "contactName",
      "contactPhone",
      "channel",
      "status",
      "requestedAt",
      "answerBy",
      "decidedAt",
      "reason",
      "activityId",
      "version",
      "createdBy",
      "createdAt",
      "updatedAt",
    ]);
    w.table("booking_event", [
      "bookingId",
      "actor",
      "at",
      "action",
      "fromStatus",
      "toStatus",
      "demandFrom",
      "demandTo",
      "comment",
    ]);

    // Bookings, as the demo's clinic makes them (demo/clinic.ts), on day indexes.
    let bookingId = 0;
    const admin = "demo-city-admin";
    const booking = (d: DemandInfo, v: DemoVolunteer, requestedT: number) => {
      const form = rnd.pick(formsOf(v));
      const menuItem = rnd.chance(0.5)
        ? corps.clinic.menu.find((m) => m.category === d.category && m.forms.includes(form))
        : undefined;
      const channel = rnd.chance(0.5) ? "ENTERPRISE" : "STATION";
      const actor =
        channel === "ENTERPRISE"
          ? `enterprise:${d.creditCode.slice(0, 7)}*******${d.creditCode.slice(-4)}`
          : `demo-district-${d.districtCode}`;
      const requestedAt = cal.at(requestedT, rnd.int(9, 17));
      bookingId += 1;
      return {
        id: bookingId,
        demand: d,
        volunteerId: v.id,
        menuItemId: menuItem?.id ?? null,
        form,
        contactName: personName(),
        contactPhone: mobile(),
        channel,
        status: "REQUESTED",
        requestedAt,
        answerBy: cal.date(requestedT + 7),
        answerByT: requestedT + 7,
        decidedAt: null as Date | null,
        reason: null as string | null,
        activityId: null as number | null,
        actor,
        events: [
          {
            at: requestedAt,
            actor,
            action: "REQUEST",
            fromStatus: null,
            toStatus: "REQUESTED",
            demandFrom: null,
            demandTo: null,
            comment: null,
          } as BookingEvent,
        ],
      };
    };
    type Booking = ReturnType<typeof booking>;
    const answer = (
      b: Booking,
      action: string,
      to: string,
      t: number,
      extra: Partial<BookingEvent> = {},
    ) => {
      const when = cal.at(t, rnd.int(9, 17));
      b.events.push({
        at: when,
        actor: admin,
        action,
        fromStatus: b.status,
        toStatus: to,
        demandFrom: null,
        demandTo: null,
        comment: null,
        ...extra,
      });
      b.status = to;
      if (action !== "COMPLETE") b.decidedAt = when;
    };
    const writeBooking = (b: Booking) => {
      const d = b.demand;
      w.add("booking", [
        b.id,
        d.id,
        d.districtCode,
        b.volunteerId,
        b.menuItemId,
        b.form,
        W.DEMAND_TEXT[d.category] ?? "希望专家给予一对一指导",
        b.contactName,
        b.contactPhone,
        b.channel,
        b.status,
        stamp(b.requestedAt),
        b.answerBy,
        b.decidedAt ? stamp(b.decidedAt) : null,
        b.reason,
        b.activityId,
        b.events.length,
        b.events[0].actor,
        stamp(b.requestedAt),
        stamp(b.events[b.events.length - 1].at),
      ]);
      for (const e of b.events) {
        w.add("booking_event", [
          b.id,
          e.actor,
          stamp(e.at),
          e.action,
          e.fromStatus,
          e.toStatus,
          e.demandFrom,
          e.demandTo,
          e.comment,
        ]);
      }
    };
    /** A serving expert appointed by day t, of the demand's category when one is found quickly. */
    const expertFor = (d: DemandInfo, t: number) => {
      const n = servingBy(corps, t);
      if (!n) return null;
      let v = corps.volunteers[corps.serving[rnd.int(0, n - 1)] - 1];
      for (let tries = 0; tries < 8 && !v.categories.includes(d.category); tries += 1)
        v = corps.volunteers[corps.serving[rnd.int(0, n - 1)] - 1];
      return v;
    };

    // Crews: the activities' types and crew sizes are drawn first, so that the participation rows
    // add up to the scale's number exactly (a one-on-one consultation has a crew of one).
    const typeRnd = new Random(20210101);
    const types = new Uint8Array(sizes.activities);
    const crews = new Uint8Array(sizes.activities);
    let crewTotal = 0;
    for (let i = 0; i < sizes.activities; i += 1) {
      types[i] = typeRnd.int(0, ACTIVITY_TYPES.length - 1);
      crews[i] = types[i] === 0 ? 1 : typeRnd.int(1, 6);
      crewTotal += crews[i];
    }
    for (let guard = 0; crewTotal !== sizes.participations && guard < 50 * sizes.activities; ) {
      const i = typeRnd.int(0, sizes.activities - 1);
      guard += 1;
      if (types[i] === 0) continue;
      if (crewTotal < sizes.participations && crews[i] < 12) {
        crews[i] += 1;
        crewTotal += 1;
      } else if (crewTotal > sizes.participations && crews[i] > 1) {
        crews[i] -= 1;
        crewTotal -= 1;
      }
    }

    /**
     * A crew of `size` distinct volunteers appointed by today (the first `eligible` of
     * corps.serving): a fifth of the places go to the most active volunteers (corps.core).
     */
    const crewOf = (size: number, eligible: number, core: number) => {
      if (size * 2 > eligible) return distinct(rnd, corps.serving, size, eligible);
      const crew: number[] = [];
      while (crew.length < size) {
        const id =
          core && rnd.chance(0.2)
            ? corps.core[rnd.int(0, core - 1)]
            : corps.serving[rnd.int(0, eligible - 1)];
        if (!crew.includes(id)) crew.push(id);
      }
      return crew;
    };

    const demandsOn = perDay(sizes.demands, D);
    const activitiesOn = perDay(sizes.activities, D);
    const demandSeq = new Map<string, number>();
    const activitySeq = new Map<string, number>();
    /** Demands in service or resolved, collected lately, that a consultation may have served. */
    const servable = new Map<string, DemandInfo[]>(DISTRICTS.map((d) => [d.code, []]));
    let demandId = 0;
    let activityId = 0;
    let participationId = 0;
    let demandsOwed = 0;
    for (let t = 0; t < D; t += 1) {
      const age = D - 1 - t;
      const heldOn = cal.date(t);
      for (const list of servable.values()) {
        let old = 0;
        while (old < list.length && list[old].t < t - 30) old += 1;
        if (old) list.splice(0, old);
      }

      // Demands collected today at filed stations; quiet stations collected none lately.
      demandsOwed += demandsOn(t);
      for (; demandsOwed > 0; demandsOwed -= 1) {
        const station = (age < QUIET_DAYS ? loud : all).pick(rnd, t);
        if (!station) break; // nothing filed yet: collected on a later day
        const young = age < 45;
        const status = young
          ? rnd.weighted({ OPEN: 50, MATCHED: 25, IN_SERVICE: 20, RESOLVED: 5 })
          : rnd.weighted({ RESOLVED: 70, CLOSED: 12, IN_SERVICE: 8, OPEN: 6, MATCHED: 4 });
        const first17 =
          `91440300${rnd.pick(["MA5", "MA6", "MA7", "7152", "0803"])}`.padEnd(17, "0").slice(0, 11) +
          Array.from({ length: 6 }, () => rnd.pick("0123456789ABCDEFGHJKLMNPQRTUWXY".split(""))).join("");
        const code = station.districtCode;
        const n = (demandSeq.get(code) ?? 0) + 1;
        demandSeq.set(code, n);
        const category = rnd.pick(CATEGORIES);
        const satisfaction =
          status === "RESOLVED" ? Number(rnd.weighted({ 5: 50, 4: 35, 3: 10, 2: 4, 1: 1 })) : null;
        demandId += 1;
        const d: DemandInfo = {
          id: demandId,
          districtCode: code,
          t,
          creditCode: first17 + creditCodeCheckChar(first17),
          category,
          status,
          satisfaction,
        };
        w.add("demand", [
          d.id,
          code,
          `DM-${code}-${pad(n, 6)}`,
          station.id,
          `深圳市${rnd.pick(W.COMPANY_PREFIX)}${rnd.pick(W.COMPANY_CORE)}${rnd.pick(W.COMPANY_SUFFIX)}`,
          d.creditCode,
          category,
          rnd.chance(0.3) ? rnd.pick(FOCUS_GROUPS) : null,
          bool(rnd.chance(0.2)),
          W.DEMAND_TEXT[category],
          status,
          heldOn,
          satisfaction,
          stamp(cal.at(status === "OPEN" ? t : Math.min(D - 1, t + rnd.int(3, 40)), 15)),
        ]);

        // Its booking, if any: an accepted one for a matched demand, one waiting or settled
        // otherwise for an open demand; a completed one comes with the activity that served it.
        if (status === "IN_SERVICE" || status === "RESOLVED") servable.get(code)!.push(d);
        else if (status === "MATCHED" && t <= D - 3 && rnd.chance(0.4)) {
          const v = expertFor(d, t);
          if (v) {
            const day = t + rnd.int(0, Math.min(10, D - 2 - t));
            const b = booking(d, v, day);
            answer(b, "ACCEPT", "ACCEPTED", day + 1, { demandFrom: "OPEN", demandTo: "MATCHED" });
            writeBooking(b);
          }
        } else if (status === "OPEN" && rnd.chance(0.12)) {
          const v = expertFor(d, t);
          const recent = rnd.chance(0.3) || t > D - 11;
          if (v) {
            const day = recent
              ? Math.max(t, D - 1 - rnd.int(0, 3))
              : t + rnd.int(0, Math.max(0, Math.min(10, D - 11 - t)));
            const b = booking(d, v, day);
            if (!recent) {
              const outcome = rnd.weighted({ DECLINED: 4, EXPIRED: 3, CANCELLED: 3 });
              if (outcome === "DECLINED")
                answer(b, "DECLINE", "DECLINED", day + rnd.int(1, 5), {
                  comment: "专家近期日程已满",
                });
              else if (outcome === "CANCELLED")
                answer(b, "CANCEL", "CANCELLED", day + rnd.int(1, 5), {
                  actor: b.actor,
                  comment: "企业问题已自行解决",
                });
              else {
                b.events.push({
                  at: cal.at(b.answerByT + 1, 0),
                  actor: "system:booking-expiry",
                  action: "EXPIRE",
                  fromStatus: "REQUESTED",
                  toStatus: "EXPIRED",
                  demandFrom: null,
                  demandTo: null,
                  comment: `not answered by ${b.answerBy}`,
                });
                b.status = "EXPIRED";
              }
              if (b.status === "CANCELLED" || b.status === "DECLINED")
                b.reason = b.events[b.events.length - 1].comment;
            }
            writeBooking(b);
          }
        }
      }

      // Activities held today: at a station filed by then, or online; crews of volunteers
      // appointed by today (their agreements run past the anchor).
      const eligible = servingBy(corps, t);
      for (let k = activitiesOn(t); k > 0; k -= 1) {
        const i = activityId;
        activityId += 1;
        const type = ACTIVITY_TYPES[types[i]];
        const station = ONLINE_TYPES.has(type) && rnd.chance(0.7) ? null : all.pick(rnd, t);
        const code = station?.districtCode ?? rnd.pick(DISTRICTS).code;
        const n = (activitySeq.get(code) ?? 0) + 1;
        activitySeq.set(code, n);
        const category = station ? rnd.pick(station.categories) : rnd.pick(CATEGORIES);
        const crew = crewOf(crews[i], eligible, coreBy(corps, t));
        const title = `${SERVICE_CATEGORY_NAMES[category as ServiceCategory]}${W.ACTIVITY_TITLE[type]}`;
        const enterprisesServed = type === "CONSULTATION" ? 1 : rnd.int(3, 60);
        w.add("activity", [
          activityId,
          code,
          `AC-${code}-${pad(n, 6)}`,
          station?.id ?? null,
          type,
          category,
          title,
          heldOn,
          0,
          enterprisesServed,
          stamp(cal.at(t, rnd.int(17, 21))),
        ]);
        for (const volunteerId of crew) {
          const h = rnd.int(2, 8) / 2;
          hours[volunteerId] += h;
          participationId += 1;
          w.add("participation", [participationId, activityId, volunteerId, h, 1]);
        }
        if (station) stationActivities[station.id] += 1;

        // A consultation may have served a booked demand of its district collected 2+ days before.
        if (type === "CONSULTATION" && crew.length && rnd.chance(0.5)) {
          const list = servable.get(code)!;
          let at = list.length - 1;
          while (at >= 0 && list[at].t > t - 2) at -= 1;
          if (at >= 0) {
            const [d] = list.splice(at, 1);
            const v = corps.volunteers[crew[0] - 1];
            const day = d.t + rnd.int(0, Math.max(0, Math.min(10, t - 2 - d.t)));
            const b = booking(d, v, day);
            answer(b, "ACCEPT", "ACCEPTED", day + 1, { demandFrom: "OPEN", demandTo: "MATCHED" });
            b.activityId = activityId;
            answer(b, "COMPLETE", "COMPLETED", t, {
              actor: `demo-district-${code}`,
              demandFrom: "MATCHED",
              demandTo: d.status,
              comment:
                `served by activity AC-${code}-${pad(n, 6)} on ${heldOn}` +
                (d.satisfaction ? `; satisfaction ${d.satisfaction}` : ""),
            });
            writeBooking(b);
          }
        }

        // A uniform sample of the activities at stations (reservoir), for the case stories: held
        // at least five days ago, so that a story about it can be published before the anchor.
        if (station && crew.length && t <= D - 6) {
          storyCandidates += 1;
          const slot =
            storyActivities.length < storyTarget
              ? storyActivities.length
              : storyRnd.int(0, storyCandidates - 1);
          if (slot < storyTarget) {
            storyActivities[slot] = {
              id: activityId,
              districtCode: code,
              stationId: station.id,
              category,
              title,
              heldOn,
              enterprisesServed,
              volunteerIds: crew,
            };
          }
        }
      }
      await w.drain();
      if (t % 365 === 364 || t === D - 1)
        progress(`districts: ${heldOn}: ${demandId} demands, ${activityId} activities`);
    }
    await w.close();
  } catch (error) {
    await w.abort();
    throw error;
  }
  return { stations, hours, stationActivities, storyActivities };
}
