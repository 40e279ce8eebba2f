// Media coverage of a published story (docs/domain.md "publicity"): an outlet, an http(s) link and the
// date it appeared. The same link twice for one story is a CONFLICT; every record is a change of
// the story (a new version, an audit event).
import type { DataSource } from "typeorm";
import { conflict } from "../../../runtime/errors";
import { transition, type Audit } from "../../shared/audit";
import { isUniqueViolation } from "../../shared/unique-violation";
import { codePoints } from "../../shared/validation/chars";
import { CaseStory } from "../entities/case-story.entity";
import { Coverage } from "../entities/coverage.entity";
import { StoryEvent } from "../entities/story-event.entity";
import type { CoverageInput } from "../inputs/coverage.input";
import { StoryAction, StoryStatus } from "../vocabulary";
import { assertNotFuture, normaliseCoverageUrl } from "./coverage-rules";
import { LIMITS } from "./story-content";
import { findStory } from "./story-lifecycle.service";

export async function recordCoverage(
  db: DataSource,
  audit: Audit,
  storyId: string,
  input: CoverageInput,
): Promise<CaseStory> {
  const { url, key } = normaliseCoverageUrl(input.url);
  assertNotFuture(input.publishedOn);
  const story = await findStory(db, storyId);
  if (story.status !== StoryStatus.PUBLISHED) {
    throw conflict(
      `story ${story.id} is ${story.status}: coverage is recorded for PUBLISHED stories only`,
      { currentStatus: story.status },
    );
  }
  const duplicate = () =>
    conflict(`story ${story.id} already has coverage at ${url}; each link is recorded once`);
  if (await db.getRepository(Coverage).existsBy({ storyId: story.id, urlKey: key }))
    throw duplicate();
  try {
    return await db.transaction(async (tx) => {
      const at = new Date(Math.floor(Date.now() / 1000) * 1000);
      await tx.getRepository(Coverage).insert({
        storyId: story.id,
        outlet: input.outlet,
        url,
        urlKey: key,
        publishedOn: input.publishedOn,
      });
      // Still published? A retraction at the same moment wins, and this record is undone. (Other
      // coverage recorded meanwhile does not stop it: the guard is the status, not the version.)
      const note = `${input.outlet} ${url}`;
      return transition(tx, CaseStory, {
        row: story,
        subject: `story ${story.id}`,
        move: { action: StoryAction.RECORD_COVERAGE },
        set: { version: () => "version + 1", updatedAt: at },
        event: { entity: StoryEvent, values: { storyId: story.id } },
        audit,
        comment:
          codePoints(note) > LIMITS.reason
            ? `${Array.from(note)
                .slice(0, LIMITS.reason - 1)
                .join("")}…`
            : note,
        at,
      });
    });
  } catch (error) {
    // The same link recorded concurrently: the unique index decided.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
