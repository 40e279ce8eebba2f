// The publicity part of the demo: case stories about real activities, and their coverage.
import { addDays } from "../runtime/dates";
import { SERVICE_CATEGORY_NAMES, type ServiceCategory } from "../subgraphs/shared/vocabulary";
import { CATEGORIES, type Draw } from "./draw";
import type { DemoData, DemoStory } from "./types";
import { OUTLETS } from "./vocabulary";

/** What the stories are about: the rows of the other three parts. */
type StoryMaterial = Pick<DemoData, "volunteers" | "stations" | "activities" | "platforms">;

export function publicityDemo(
  { anchor, rnd }: Draw,
  { volunteers, stations, activities, platforms }: StoryMaterial,
) {
  // Case stories about real activities: their station, volunteers and a platform of the district.
  const stories: DemoStory[] = [];
  const storyActivities = rnd.sample(
    activities.filter((a) => a.stationId !== null),
    30,
  );
  storyActivities.forEach((activity, i) => {
    const id = i + 1;
    const status =
      id <= 24 ? "PUBLISHED" : id <= 27 ? "IN_REVIEW" : id <= 29 ? "DRAFT" : "RETRACTED";
    const station = stations.find((s) => s.id === activity.stationId)!;
    const platform = platforms.find(
      (p) => p.districtCode === activity.districtCode && p.status === "CERTIFIED",
    );
    const volunteerNames = activity.participants
      .map((p) => volunteers[p.volunteerId - 1].name)
      .join("、");
    // Published a few days after the activity, but never after the anchor (nothing in the future).
    const lastDay = addDays(anchor, -1);
    const publishedOn =
      status === "PUBLISHED" || status === "RETRACTED"
        ? [addDays(activity.heldOn, rnd.int(3, 20)), lastDay].sort()[0]
        : null;
    const label = SERVICE_CATEGORY_NAMES[activity.category as ServiceCategory];
    stories.push({
      id,
      title: `${station.name.replace("中小企业志愿服务工作站", "")}：专家志愿者${label}服务助企纾困`,
      summary: `${volunteerNames}在${station.name}开展${activity.title}，服务企业${activity.enterprisesServed}家。`,
      body:
        `${activity.heldOn}，市中小企业志愿服务总队专家${volunteerNames}走进${station.name}，围绕${label}主题开展${activity.title}。` +
        `活动共服务企业${activity.enterprisesServed}家，现场解答企业诉求，并对重点企业开展跟踪服务。`,
      categories: [...new Set([activity.category, rnd.pick(CATEGORIES)])],
      districtCode: activity.districtCode,
      status,
      publishedAt: publishedOn ? `${publishedOn}T01:30:00.000Z` : null,
      volunteerIds: activity.participants.map((p) => p.volunteerId),
      stationIds: [station.id],
      platformIds: platform ? [platform.id] : [],
      activityIds: [activity.id],
      coverage:
        status === "PUBLISHED"
          ? rnd.sample(OUTLETS, rnd.int(0, 3)).map((outlet, k) => ({
              outlet,
              url: `https://news.example.cn/${outlet.toLowerCase()}/${publishedOn!.replace(/-/g, "")}/${id}${k}.html`,
              publishedOn: [addDays(publishedOn!, k), lastDay].sort()[0],
            }))
          : [],
    });
  });
  return stories;
}
