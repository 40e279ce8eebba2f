// Loads the publicity slice of the demo data: case stories, what they are about, their coverage.
import type { DataSource } from "typeorm";
import type { DemoData } from "../../demo/generate";
import { insertChunked } from "../shared/seed";
import { CaseStory } from "./entities/case-story.entity";
import { Coverage } from "./entities/coverage.entity";
import { StoryReference } from "./entities/story-reference.entity";
import { ReferenceKind } from "./vocabulary";

export async function seedPublicity(db: DataSource, demo: DemoData) {
  await db.transaction(async (tx) => {
    await insertChunked(
      tx,
      CaseStory,
      demo.stories.map((s) => ({
        id: s.id,
        title: s.title,
        summary: s.summary,
        body: s.body,
        categories: s.categories,
        districtCode: s.districtCode,
        status: s.status,
        createdBy: "demo",
        publishedAt: s.publishedAt ? new Date(s.publishedAt) : null,
      })) as never[],
    );
    const kinds: Array<[ReferenceKind, keyof (typeof demo.stories)[number]]> = [
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
      demo.stories.flatMap((s) => s.coverage.map((c) => ({ storyId: s.id, ...c }))) as never[],
    );
  });
}

export async function clearPublicity(db: DataSource) {
  for (const entity of [Coverage, StoryReference, CaseStory])
    await db.getRepository(entity).clear();
}
