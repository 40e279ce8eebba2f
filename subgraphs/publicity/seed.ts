// Loads the publicity slice of the demo data: case stories, what they are about, their coverage,
// and the history that brought each story to its status (drafted by one demo editor, reviewed and
// published by another).
import type { DataSource } from "typeorm";
import type { DemoData, DemoStory } from "../../demo/generate";
import { startOfBusinessDay } from "../../runtime/dates";
import { insertChunked } from "../shared/seed";
import { CaseStory } from "./entities/case-story.entity";
import { Coverage } from "./entities/coverage.entity";
import { StoryEvent } from "./entities/story-event.entity";
import { StoryReference } from "./entities/story-reference.entity";
import { normaliseCoverageUrl } from "./services/coverage-rules";
import { StoryAction, StoryStatus, ReferenceKind } from "./vocabulary";

const AUTHOR = "demo-editor-1";
const REVIEWER = "demo-editor-2";
const HOUR = 3_600_000;

/** The audit events a demo story in its status has behind it, oldest first. */
export function demoHistory(story: DemoStory, drafted: Date) {
  const { DRAFT, IN_REVIEW, PUBLISHED, RETRACTED } = StoryStatus;
  const published = story.publishedAt ? new Date(story.publishedAt) : null;
  const event = (
    action: StoryAction,
    actor: string,
    fromStatus: StoryStatus | null,
    toStatus: StoryStatus,
    at: Date,
    comment: string | null = null,
  ) => ({ storyId: story.id, action, actor, fromStatus, toStatus, at, comment });
  const events = [event(StoryAction.DRAFT, AUTHOR, null, DRAFT, drafted)];
  if (story.status === DRAFT) return events;
  const submitted = new Date((published ?? drafted).getTime() - (published ? 24 * HOUR : -HOUR));
  events.push(event(StoryAction.SUBMIT, AUTHOR, DRAFT, IN_REVIEW, submitted));
  if (story.status === IN_REVIEW) return events;
  events.push(event(StoryAction.PUBLISH, REVIEWER, IN_REVIEW, PUBLISHED, published!));
  for (const c of story.coverage) {
    const at = new Date(
      Math.max(
        startOfBusinessDay(c.publishedOn).getTime() + 10 * HOUR,
        published!.getTime() + HOUR,
      ),
    );
    events.push(
      event(
        StoryAction.RECORD_COVERAGE,
        REVIEWER,
        PUBLISHED,
        PUBLISHED,
        at,
        `${c.outlet} ${c.url}`,
      ),
    );
  }
  if (story.status === RETRACTED) {
    events.push(
      event(
        StoryAction.RETRACT,
        REVIEWER,
        PUBLISHED,
        RETRACTED,
        new Date(published!.getTime() + 48 * HOUR),
        "示例：案例信息需要更正",
      ),
    );
  }
  return events;
}

export async function seedPublicity(db: DataSource, demo: DemoData) {
  const drafted = (s: DemoStory) =>
    s.publishedAt
      ? new Date(new Date(s.publishedAt).getTime() - 72 * HOUR)
      : new Date(`${demo.anchor}T01:00:00Z`);
  const histories = new Map(demo.stories.map((s) => [s.id, demoHistory(s, drafted(s))]));
  await db.transaction(async (tx) => {
    await insertChunked(
      tx,
      CaseStory,
      demo.stories.map((s) => {
        const events = histories.get(s.id)!;
        return {
          id: s.id,
          title: s.title,
          summary: s.summary,
          body: s.body,
          categories: s.categories,
          districtCode: s.districtCode,
          status: s.status,
          createdBy: AUTHOR,
          publishedAt: s.publishedAt ? new Date(s.publishedAt) : null,
          version: events.length,
          createdAt: drafted(s),
          updatedAt: new Date(Math.max(...events.map((e) => e.at.getTime()))),
        };
      }) as never[],
    );
    const kinds: Array<[ReferenceKind, keyof DemoStory]> = [
      [ReferenceKind.VOLUNTEER, "volunteerIds"],
      [ReferenceKind.STATION, "stationIds"],
      [ReferenceKind.PLATFORM, "platformIds"],
      [ReferenceKind.ACTIVITY, "activityIds"],
    ];
    await insertChunked(
      tx,
      StoryReference,
      demo.stories.flatMap((s) =>
        kinds.flatMap(([kind, key]) =>
          (s[key] as number[]).map((refId) => ({ storyId: s.id, kind, refId })),
        ),
      ),
    );
    await insertChunked(
      tx,
      Coverage,
      demo.stories.flatMap((s) =>
        s.coverage.map((c) => {
          const { url, key } = normaliseCoverageUrl(c.url);
          return { storyId: s.id, outlet: c.outlet, url, urlKey: key, publishedOn: c.publishedOn };
        }),
      ) as never[],
    );
    await insertChunked(tx, StoryEvent, [...histories.values()].flat() as never[]);
  });
}

export async function clearPublicity(db: DataSource) {
  for (const entity of [StoryEvent, Coverage, StoryReference, CaseStory])
    await db.getRepository(entity).clear();
}
