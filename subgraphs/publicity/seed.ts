// The publicity seed entry point: case stories, what each is about, their media coverage and the
// history that brought each to its status. A story's creator, creation time, last change and
// version follow from its history; a coverage link is stored as the coverage rules normalise it.
import type { DataSource } from "typeorm";
import { clearTables, insertChunked, type Instant, type SubgraphSeed } from "../shared/seed";
import { CaseStory } from "./entities/case-story.entity";
import { Coverage } from "./entities/coverage.entity";
import { StoryEvent } from "./entities/story-event.entity";
import { StoryReference } from "./entities/story-reference.entity";
import { normaliseCoverageUrl } from "./services/coverage-rules";

/** The rows a publicity database is loaded with; each story's events oldest first, from its draft. */
export interface PublicitySeedRows {
  stories: Array<{
    id: number;
    title: string;
    summary: string;
    body: string;
    categories: string[];
    districtCode: string;
    status: string;
    publishedAt: Instant | null;
    references: Array<{ kind: string; refId: number }>;
    coverage: Array<{ outlet: string; url: string; publishedOn: string }>;
    events: Array<{
      action: string;
      actor: string;
      fromStatus: string | null;
      toStatus: string;
      at: Instant;
      comment: string | null;
    }>;
  }>;
}

async function loadPublicity(db: DataSource, { stories }: PublicitySeedRows) {
  await db.transaction(async (tx) => {
    await insertChunked(
      tx,
      CaseStory,
      stories.map(({ references: _r, coverage: _c, events, ...s }) => ({
        ...s,
        publishedAt: s.publishedAt === null ? null : new Date(s.publishedAt),
        createdBy: events[0].actor,
        version: events.length,
        createdAt: new Date(events[0].at),
        updatedAt: new Date(Math.max(...events.map((e) => Date.parse(e.at)))),
      })) as never[],
    );
    await insertChunked(
      tx,
      StoryReference,
      stories.flatMap((s) => s.references.map((r) => ({ storyId: s.id, ...r }))) as never[],
    );
    await insertChunked(
      tx,
      Coverage,
      stories.flatMap((s) =>
        s.coverage.map((c) => {
          const { url, key } = normaliseCoverageUrl(c.url);
          return { storyId: s.id, outlet: c.outlet, url, urlKey: key, publishedOn: c.publishedOn };
        }),
      ) as never[],
    );
    await insertChunked(
      tx,
      StoryEvent,
      stories.flatMap((s) =>
        s.events.map((e) => ({ storyId: s.id, ...e, at: new Date(e.at) })),
      ) as never[],
    );
  });
}

export const publicitySeed: SubgraphSeed<PublicitySeedRows> = {
  isEmpty: async (db) => !(await db.getRepository(CaseStory).exists()),
  load: loadPublicity,
  clear: (db) => clearTables(db, [StoryEvent, Coverage, StoryReference, CaseStory]),
};
