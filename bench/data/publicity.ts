// The publicity part of the benchmark data: case stories about a uniform sample of the activities
// held at stations, written as the demo writes them (demo/publicity.ts): each names its activity,
// the activity's station and crew, and a certified platform of the district, so that every
// reference resolves with its owner and a published story shows no hidden entity to the public
// (filed station, appointed volunteers, certified platform). Coverage for published stories; the
// audit trail is the demo's (drafted by one editor, published by another).
import type { DataSource } from "typeorm";
import { addDays, daysBetween } from "../../runtime/dates";
import { CATEGORIES } from "../../demo/draw";
import { Random } from "../../demo/random";
import type { DemoPlatform, DemoStory, DemoVolunteer } from "../../demo/types";
import { demoHistory } from "../../demo/histories";
import { normaliseCoverageUrl } from "../../subgraphs/publicity/services/coverage-rules";
import {
  SERVICE_CATEGORY_NAMES,
  type ServiceCategory,
} from "../../subgraphs/shared/vocabulary";
import { BulkWriter } from "./bulk";
import type { BenchStation, StoryActivity } from "./districts";
import type { BenchSizes, Calendar } from "./plan";
import { OUTLETS } from "../../demo/vocabulary";


export interface BenchStory extends DemoStory {
  /** When it was drafted. */
  drafted: Date;
}

export function storiesOf(
  cal: Calendar,
  sizes: BenchSizes,
  sample: StoryActivity[],
  stations: BenchStation[],
  platforms: DemoPlatform[],
  volunteers: DemoVolunteer[],
): BenchStory[] {
  const rnd = new Random(20210103);
  const activities = [...sample].sort((a, b) => a.id - b.id);
  const certified = new Map<string, number[]>();
  for (const p of platforms) {
    if (p.status !== "CERTIFIED") continue;
    certified.set(p.districtCode, [...(certified.get(p.districtCode) ?? []), p.id]);
  }
  // Stories about the latest activities are still being written (half of those about the latest
  // twice-as-many activities, so that published stories reach up to the last days); a few
  // published ones were retracted later.
  const { inReview, draft, retracted } = sizes.stories;
  const statuses: string[] = activities.map(() => "PUBLISHED");
  const latest = activities.map((_, i) => i).slice(-2 * (inReview + draft));
  rnd.sample(latest, inReview + draft).forEach((i, k) => {
    statuses[i] = k < inReview ? "IN_REVIEW" : "DRAFT";
  });
  const published = statuses.flatMap((s, i) => (s === "PUBLISHED" ? [i] : []));
  for (const i of rnd.sample(published, Math.min(retracted, published.length - 1)))
    statuses[i] = "RETRACTED";

  const lastDay = addDays(cal.anchor, -1);
  const dayOf = (date: string) => daysBetween(cal.from, date);
  return activities.map((activity, i) => {
    const id = i + 1;
    const status = statuses[i];
    const station = stations[activity.stationId - 1];
    const candidates = certified.get(activity.districtCode) ?? [];
    const platformIds = candidates.length ? [rnd.pick(candidates)] : [];
    const names = activity.volunteerIds.map((v) => volunteers[v - 1].name).join("、");
    // Published a few days after the activity, never after the anchor's eve; a retraction follows
    // two days after publication, so a retracted story was published three days before at the latest.
    const latest = status === "RETRACTED" ? addDays(cal.anchor, -3) : lastDay;
    const publishedOn =
      status === "PUBLISHED" || status === "RETRACTED"
        ? [addDays(activity.heldOn, rnd.int(3, 20)), latest].sort()[0]
        : null;
    const publishedAt = publishedOn ? cal.at(dayOf(publishedOn), 9.5) : null;
    const drafted = publishedAt
      ? new Date(publishedAt.getTime() - 72 * 3_600_000)
      : cal.at(dayOf(activity.heldOn) + rnd.int(2, 4), 10);
    const label = SERVICE_CATEGORY_NAMES[activity.category as ServiceCategory];
    const place = station.name.replace("中小企业志愿服务工作站", "");
    return {
      id,
      title: `${place}：专家志愿者${label}服务助企纾困`,
      summary: `${names}在${station.name}开展${activity.title}，服务企业${activity.enterprisesServed}家。`,
      body:
        `${activity.heldOn}，市中小企业志愿服务总队专家${names}走进${station.name}，围绕${label}主题开展${activity.title}。` +
        `活动共服务企业${activity.enterprisesServed}家，现场解答企业诉求，并对重点企业开展跟踪服务。`,
      categories: [...new Set([activity.category, rnd.pick(CATEGORIES)])],
      districtCode: activity.districtCode,
      status,
      publishedAt: publishedAt ? publishedAt.toISOString() : null,
      volunteerIds: activity.volunteerIds,
      stationIds: [station.id],
      platformIds,
      activityIds: [activity.id],
      coverage:
        status === "PUBLISHED"
          ? rnd.sample(OUTLETS, rnd.int(0, 3)).map((outlet, k) => ({
              outlet,
              url: `https://news.example.cn/${outlet.toLowerCase()}/${publishedOn!.replace(/-/g, "")}/${id}${k}.html`,
              publishedOn: [addDays(publishedOn!, k), lastDay].sort()[0],
            }))
          : [],
      drafted,
    };
  });
}

/** Writes the publicity rows into an empty publicity database. */
export async function writePublicity(db: DataSource, cal: Calendar, stories: BenchStory[]) {
  const stamp = (at: Date) => cal.stamp(at);
  const w = await BulkWriter.open(db);
  try {
    w.table("case_story", [
      "id",
      "title",
      "summary",
      "body",
      "categories",
      "districtCode",
      "status",
      "publishedAt",
      "createdBy",
      "version",
      "createdAt",
      "updatedAt",
    ]);
    w.table("story_reference", ["storyId", "kind", "refId"]);
    w.table("coverage", ["storyId", "outlet", "url", "urlKey", "publishedOn"]);
    w.table("story_event", ["storyId", "actor", "at", "action", "fromStatus", "toStatus", "comment"]);
    for (const s of stories) {
      const events = demoHistory(s, s.drafted);
      w.add("case_story", [
        s.id,
        s.title,
        s.summary,
        s.body,
        s.categories.join(","),
        s.districtCode,
        s.status,
        s.publishedAt ? stamp(new Date(s.publishedAt)) : null,
        events[0].actor,
        events.length,
        stamp(s.drafted),
        stamp(new Date(Math.max(...events.map((e) => e.at.getTime())))),
      ]);
      const refs: Array<[string, number[]]> = [
        ["VOLUNTEER", s.volunteerIds],
        ["STATION", s.stationIds],
        ["PLATFORM", s.platformIds],
        ["ACTIVITY", s.activityIds],
      ];
      for (const [kind, ids] of refs) for (const refId of ids) w.add("story_reference", [s.id, kind, refId]);
      for (const c of s.coverage) {
        const { url, key } = normaliseCoverageUrl(c.url);
        w.add("coverage", [s.id, c.outlet, url, key, c.publishedOn]);
      }
      for (const e of events) {
        w.add("story_event", [
          e.storyId,
          e.actor,
          stamp(e.at),
          e.action,
          e.fromStatus,
          e.toStatus,
          e.comment,
        ]);
      }
    }
    await w.close();
  } catch (error) {
    await w.abort();
    throw error;
  }
}

