// The demo data as each subgraph's seed rows (subgraphs/*/seed.ts): what npm start, npm run seed
// and the tests load. Made from one generated data set, so that every reference across subgraphs
// resolves; instants become ISO strings, so the rows can reach a subgraph process as JSON.
import type { SubgraphName } from "../runtime/config";
import type { CorpsSeedRows } from "../subgraphs/corps/seed";
import type { DistrictsSeedRows } from "../subgraphs/districts/seed";
import type { PlatformsSeedRows } from "../subgraphs/platforms/seed";
import { ReferenceKind } from "../subgraphs/publicity/vocabulary";
import type { PublicitySeedRows } from "../subgraphs/publicity/seed";
import { clinicDemo } from "./clinic";
import { DEMO_ACTOR, dayAt, demoEvents, demoHistory, reviewTrail } from "./histories";
import { platformRecordsDemo } from "./platforms";
import type { DemoData, DemoStory } from "./types";

export interface DemoSeedRows extends Record<SubgraphName, unknown> {
  corps: CorpsSeedRows;
  districts: DistrictsSeedRows;
  platforms: PlatformsSeedRows;
  publicity: PublicitySeedRows;
}

type Clinic = ReturnType<typeof clinicDemo>;
const HOUR = 3_600_000;
const iso = (at: Date) => at.toISOString();

function corpsRows(demo: DemoData, clinic: Clinic): CorpsSeedRows {
  const listed = new Map(clinic.listings.map((l) => [l.volunteerId, l]));
  return {
    branches: demo.branches,
    volunteers: demo.volunteers.map(({ agreement, ...v }) => ({
      ...v,
      agreementForm: agreement?.form ?? null,
      agreementHours: agreement?.committedHoursPerYear ?? null,
      agreementFrom: agreement?.validFrom ?? null,
      agreementTo: agreement?.validTo ?? null,
      listedInDirectory: listed.has(v.id),
      profile: listed.get(v.id)?.profile ?? null,
    })),
    volunteerEvents: [
      ...demoEvents(demo).map((e) => ({ ...e, at: iso(e.at) })),
      ...clinic.listings.map((l) => ({
        volunteerId: l.volunteerId,
        actor: DEMO_ACTOR,
        at: iso(dayAt(l.listedOn, 0, 3)),
        action: "LIST",
        fromStatus: "APPOINTED",
        toStatus: "APPOINTED",
        comment: "listed in the expert directory (义诊专栏)",
      })),
    ],
    menuItems: clinic.menu.map((m) => ({ ...m, updatedBy: DEMO_ACTOR })),
    courses: clinic.courses.map((c) => ({ ...c, publishedBy: DEMO_ACTOR })),
    meetings: clinic.meetings.map((m) => ({
      ...m,
      startsAt: iso(m.startsAt),
      scheduledBy: DEMO_ACTOR,
    })),
  };
}

function districtsRows(demo: DemoData, clinic: Clinic): DistrictsSeedRows {
  return {
    stations: demo.stations,
    stationEvents: demo.stations
      .flatMap((s) => reviewTrail(s, demo.anchor))
      .map((e) => ({ ...e, at: iso(e.at) })),
    demands: demo.demands,
    activities: demo.activities.map(({ participants: _p, ...a }) => ({ ...a, feeCharged: 0 })),
    participations: demo.activities.flatMap((a) =>
      a.participants.map((p) => ({ activityId: a.id, ...p, verified: true })),
    ),
    bookings: clinic.bookings.map((b) => ({
      ...b,
      requestedAt: iso(b.requestedAt),
      decidedAt: b.decidedAt && iso(b.decidedAt),
      events: b.events.map((e) => ({ ...e, at: iso(e.at) })),
    })),
  };
}

function platformsRows(demo: DemoData): PlatformsSeedRows {
  const records = platformRecordsDemo(demo.anchor, demo.platforms);
  const admin = "demo-city-admin";
  const decision = (plan: (typeof records.plans)[number]) => ({
    planId: plan.id,
    at: iso(new Date(plan.createdAt.getTime() + 3 * 86_400_000)),
    actor: admin,
    action: plan.status === "REJECTED" ? "REJECT" : "FILE",
    fromStatus: "PROPOSED",
    toStatus: plan.status,
    comment: plan.status === "REJECTED" ? "服务内容与平台定位不符" : null,
  });
  return {
    platforms: demo.platforms.map(({ mentorIds: _m, ...p }) => ({
      ...p,
      recommendation:
        records.events.find((e) => e.platformId === p.id && e.action === "RECOMMEND")?.comment ??
        null,
    })),
    mentors: demo.platforms.flatMap((p) =>
      p.mentorIds.map((volunteerId) => ({
        platformId: p.id,
        volunteerId,
        since: p.certifiedOn ?? p.appliedOn,
      })),
    ),
    platformEvents: records.events.map((e) => ({ ...e, at: iso(e.at) })),
    plans: records.plans.map((p) => ({ ...p, createdAt: iso(p.createdAt) })),
    planEvents: records.plans.flatMap((plan) => [
      {
        planId: plan.id,
        at: iso(plan.createdAt),
        actor: "demo-platform-operator",
        action: "PROPOSE",
        fromStatus: null,
        toStatus: "PROPOSED",
        comment: null,
      },
      ...(plan.status === "PROPOSED" ? [] : [decision(plan)]),
    ]),
    reviews: records.reviews.map((r) => ({ ...r, reviewedAt: iso(r.reviewedAt), actor: admin })),
  };
}

const REFERENCES: Array<[ReferenceKind, keyof DemoStory]> = [
  [ReferenceKind.VOLUNTEER, "volunteerIds"],
  [ReferenceKind.STATION, "stationIds"],
  [ReferenceKind.PLATFORM, "platformIds"],
  [ReferenceKind.ACTIVITY, "activityIds"],
];

function publicityRows(demo: DemoData): PublicitySeedRows {
  // Drafted three days before publication, or on the anchor's morning if not published.
  const drafted = (s: DemoStory) =>
    s.publishedAt
      ? new Date(Date.parse(s.publishedAt) - 72 * HOUR)
      : new Date(`${demo.anchor}T01:00:00Z`);
  return {
    stories: demo.stories.map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      body: s.body,
      categories: s.categories,
      districtCode: s.districtCode,
      status: s.status,
      publishedAt: s.publishedAt,
      references: REFERENCES.flatMap(([kind, key]) =>
        (s[key] as number[]).map((refId) => ({ kind, refId })),
      ),
      coverage: s.coverage,
      events: demoHistory(s, drafted(s)).map(({ storyId: _s, ...e }) => ({ ...e, at: iso(e.at) })),
    })),
  };
}

/** Each subgraph's rows of the demo data set `demo` (generateDemo). */
export function demoSeedRows(demo: DemoData): DemoSeedRows {
  const clinic = clinicDemo(demo);
  return {
    corps: corpsRows(demo, clinic),
    districts: districtsRows(demo, clinic),
    platforms: platformsRows(demo),
    publicity: publicityRows(demo),
  };
}
