// Writing case stories: drafting and editing (references checked with their owners first), the
// four transitions of services/story-transitions.ts, and an audit event for every change (docs/domain.md
// rule 8). Every change is an UPDATE conditional on the status and version that were read, so two
// editors acting at once never both succeed.
import { In, type DataSource, type EntityManager } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { conflict, notFound } from "../../../runtime/errors";
import { recordEvents, transition, type Audit } from "../../shared/audit";
import { CaseStory } from "../entities/case-story.entity";
import { StoryEvent } from "../entities/story-event.entity";
import { StoryReference } from "../entities/story-reference.entity";
import type { CaseStoryInput } from "../inputs/case-story.input";
import { StoryAction, StoryStatus, type ReferenceKind } from "../vocabulary";
import { checkReferences, type ReferenceLookup } from "./reference-check.service";
import {
  changedFields,
  KINDS,
  storyContent,
  type References,
  type StoryContent,
} from "./story-content";
import {
  assertEditable,
  assertMayPublish,
  requireReason,
  storyNeeds,
  TRANSITIONS,
  transitionedStatus,
  type StoryTransition,
} from "./story-transitions";

/** Timestamps from here, in UTC, whole seconds (MySQL DATETIME keeps no fraction). */
const now = () => new Date(Math.floor(Date.now() / 1000) * 1000);

export async function findStory(db: DataSource | EntityManager, id: string): Promise<CaseStory> {
  const story = /^\d{1,9}$/.test(id)
    ? await db.getRepository(CaseStory).findOneBy({ id: Number(id) })
    : null;
  if (!story) throw notFound(`no case story with id "${id}"`);
  return story;
}

function assertVersion(story: CaseStory, expected: number | null | undefined) {
  if (expected != null && expected !== story.version) {
    throw conflict(
      `story ${story.id} is at version ${story.version}, not ${expected}: someone changed it since you read it; read it again`,
      { currentVersion: story.version },
    );
  }
}

async function writeReferences(tx: EntityManager, storyId: number, references: References) {
  const rows = KINDS.flatMap((kind: ReferenceKind) =>
    references[kind].map((refId) => ({ storyId, kind, refId })),
  );
  if (rows.length) await tx.getRepository(StoryReference).insert(rows);
}

export async function draftStory(
  db: DataSource,
  lookup: ReferenceLookup,
  audit: Audit,
  input: CaseStoryInput,
): Promise<CaseStory> {
  const content = storyContent(input);
  await checkReferences(lookup, content.references);
  return db.transaction(async (tx) => {
    const at = now();
    const { references, ...columns } = content;
    const { identifiers } = await tx.getRepository(CaseStory).insert({
      ...columns,
      status: StoryStatus.DRAFT,
      createdBy: audit.actor,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    const id = Number(identifiers[0].id);
    await writeReferences(tx, id, references);
    await recordEvents(
      tx,
      StoryEvent,
      audit,
      [{ storyId: id, action: StoryAction.DRAFT, fromStatus: null, toStatus: StoryStatus.DRAFT }],
      at,
    );
    return tx.getRepository(CaseStory).findOneByOrFail({ id });
  });
}

async function currentContent(db: DataSource, story: CaseStory): Promise<StoryContent> {
  const rows = await db.getRepository(StoryReference).findBy({ storyId: story.id });
  const references = { VOLUNTEER: [], STATION: [], PLATFORM: [], ACTIVITY: [] } as References;
  for (const row of rows) references[row.kind].push(row.refId);
  return { ...story, references };
}

/** Replaces a draft's content (the whole input, as for drafting); only drafts can be edited. */
export async function updateStory(
  db: DataSource,
  lookup: ReferenceLookup,
  audit: Audit,
  id: string,
  input: CaseStoryInput,
  expectedVersion: number | null | undefined,
): Promise<CaseStory> {
  const story = await findStory(db, id);
  assertEditable(story.id, story.status);
  assertVersion(story, expectedVersion);
  const content = storyContent(input);
  const changed = changedFields(await currentContent(db, story), content);
  if (!changed.length) return story; // nothing to change: no new version, no event
  await checkReferences(lookup, content.references);
  return db.transaction(async (tx) => {
    const at = now();
    const { references, ...columns } = content;
    const edited = await transition(tx, CaseStory, {
      row: story,
      subject: `story ${story.id}`,
      move: { action: StoryAction.EDIT },
      guard: ["status", "version"],
      set: { ...columns, updatedAt: at },
      event: { entity: StoryEvent, values: { storyId: story.id } },
      audit,
      comment: `changed ${changed.join(", ")}`,
      at,
    });
    await tx.getRepository(StoryReference).delete({ storyId: story.id });
    await writeReferences(tx, story.id, references);
    return edited;
  });
}

/** Who wrote the story: whoever drafted it and whoever edited it since. */
async function authorsOf(db: DataSource, story: CaseStory): Promise<Set<string>> {
  const events = await db.getRepository(StoryEvent).find({
    select: { actor: true },
    where: { storyId: story.id, action: In([StoryAction.DRAFT, StoryAction.EDIT]) },
  });
  return new Set([story.createdBy, ...events.map((e) => e.actor)]);
}

/** submit, publish, return (comment required) or retract (reason required). */
export async function transitionStory(
  db: DataSource,
  caller: Caller,
  audit: Audit,
  id: string,
  move: StoryTransition,
  reason: string | null,
  expectedVersion: number | null | undefined,
): Promise<CaseStory> {
  const comment =
    move === "return"
      ? requireReason(reason, "comment")
      : move === "retract"
        ? requireReason(reason, "reason")
        : null;
  const story = await findStory(db, id);
  transitionedStatus(story.id, story.status, move);
  if (move === "publish") assertMayPublish(caller, story.id, await authorsOf(db, story));
  assertVersion(story, expectedVersion);
  return db.transaction((tx) => {
    const at = now();
    return transition(tx, CaseStory, {
      row: story,
      subject: `story ${story.id}`,
      move: { table: TRANSITIONS, name: move, needs: storyNeeds(move) },
      guard: ["status", "version"],
      set: move === "publish" ? { publishedAt: at, updatedAt: at } : { updatedAt: at },
      event: { entity: StoryEvent, values: { storyId: story.id } },
      audit,
      comment,
      at,
    });
  });
}
