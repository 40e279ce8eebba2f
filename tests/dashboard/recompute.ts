// The dashboard's figures recomputed from the demo data in plain code, independently of the SQL
// the hub runs, so that the API can be checked against them.
import { addDays, businessDate } from "../../runtime/dates";
import type { DemoData } from "../../demo/generate";

const inRange = (day: string, from: string, to: string) => day >= from && day <= to;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function districtFigures(demo: DemoData, code: string, from: string, to: string) {
  const stations = demo.stations.filter((s) => s.districtCode === code);
  const filed = stations.filter((s) => s.status === "FILED");
  const cutoff = addDays(to, -90);
  const idle = filed.filter((s) => {
    if (s.filedAt && businessDate(new Date(s.filedAt)) >= cutoff) return false;
    return !demo.demands.some(
      (d) => d.stationId === s.id && d.collectedOn >= cutoff && d.collectedOn <= to,
    );
  });
  const activities = demo.activities.filter(
    (a) => a.districtCode === code && inRange(a.heldOn, from, to),
  );
  const regionBranches = new Set(
    demo.branches.filter((b) => b.districtCode === code).map((b) => b.id),
  );
  return {
    code,
    stationCount: filed.length,
    idleStationCount: idle.length,
    openDemandCount: demo.demands.filter((d) => d.districtCode === code && d.status === "OPEN")
      .length,
    activityCount: activities.length,
    serviceHours: round2(
      activities.reduce((sum, a) => sum + a.participants.reduce((h, p) => h + p.hours, 0), 0),
    ),
    volunteerCount: demo.volunteers.filter(
      (v) => v.status === "APPOINTED" && regionBranches.has(v.branchId),
    ).length,
    certifiedPlatformCount: demo.platforms.filter(
      (p) => p.districtCode === code && p.status === "CERTIFIED",
    ).length,
    publishedStoryCount: demo.stories.filter(
      (s) => s.districtCode === code && s.status === "PUBLISHED",
    ).length,
  };
}

export function demandFigures(demo: DemoData, from: string, to: string, code?: string) {
  const demands = demo.demands.filter(
    (d) => inRange(d.collectedOn, from, to) && (!code || d.districtCode === code),
  );
  const resolved = demands.filter((d) => d.status === "RESOLVED");
  const rated = resolved.filter((d) => d.satisfaction !== null);
  const by = (key: (d: (typeof demands)[number]) => string | null, value: string) => {
    const group = demands.filter((d) => key(d) === value);
    return { total: group.length, resolved: group.filter((d) => d.status === "RESOLVED").length };
  };
  return {
    total: demands.length,
    resolved: resolved.length,
    open: demands.filter((d) => d.status === "OPEN").length,
    averageSatisfaction: rated.length
      ? round2(rated.reduce((s, d) => s + d.satisfaction!, 0) / rated.length)
      : null,
    category: (c: string) => by((d) => d.category, c),
    focusGroup: (g: string) => by((d) => d.focusGroup, g),
  };
}

export function monthFigures(demo: DemoData, month: string, from: string, to: string) {
  const activities = demo.activities.filter(
    (a) => a.heldOn.startsWith(month) && inRange(a.heldOn, from, to),
  );
  return {
    month,
    activities: activities.length,
    serviceHours: round2(
      activities.reduce((sum, a) => sum + a.participants.reduce((h, p) => h + p.hours, 0), 0),
    ),
    enterprisesServed: activities.reduce((sum, a) => sum + a.enterprisesServed, 0),
  };
}

export function corpsFigures(demo: DemoData) {
  const onBooks = demo.volunteers.filter((v) => v.status !== "WITHDRAWN");
  const kindOf = new Map(demo.branches.map((b) => [b.id, b.kind]));
  return {
    volunteers: onBooks.length,
    appointed: demo.volunteers.filter((v) => v.status === "APPOINTED").length,
    expertType: (t: string) => onBooks.filter((v) => v.expertType === t).length,
    branchKind: (kind: string) => {
      const own = onBooks.filter((v) => kindOf.get(v.branchId) === kind);
      return { count: own.length, appointed: own.filter((v) => v.status === "APPOINTED").length };
    },
  };
}
