// The case story lifecycle (docs/domain.md "publicity", rule 8): the only legal transitions, and the
// four-eyes rule of publication. Pure: unit-tested from every status with every transition
// (tests/unit/story-transitions.test.ts).
import type { Caller } from "../../../runtime/auth";
import { badInput, conflict, forbidden } from "../../../runtime/errors";
import { checkMove } from "../../shared/transitions";
import { codePoints } from "../../shared/validation/chars";
import { StoryAction, StoryStatus } from "../vocabulary";
import { LIMITS } from "./story-content";

const { DRAFT, IN_REVIEW, PUBLISHED, RETRACTED } = StoryStatus; // RETRACTED is final

export const TRANSITIONS = {
  submit: { from: [DRAFT], to: IN_REVIEW, action: StoryAction.SUBMIT },
  publish: { from: [IN_REVIEW], to: PUBLISHED, action: StoryAction.PUBLISH },
  return: { from: [IN_REVIEW], to: DRAFT, action: StoryAction.RETURN },
  retract: { from: [PUBLISHED], to: RETRACTED, action: StoryAction.RETRACT },
} as const;
export type StoryTransition = keyof typeof TRANSITIONS;

const DONE: Record<StoryTransition, string> = {
  submit: "submitted for review",
  publish: "published",
  return: "returned to draft",
  retract: "retracted",
};

/** "a DRAFT", "an IN_REVIEW": the article a status name takes. */
export const withArticle = (word: string) => `${/^[AEIOU]/i.test(word) ? "an" : "a"} ${word}`;

/** The status a transition moves a story to; from any other status a CONFLICT naming it. */
export function transitionedStatus(
  id: number | string,
  status: StoryStatus,
  transition: StoryTransition,
): StoryStatus {
  return checkMove(TRANSITIONS, transition, `story ${id}`, status, storyNeeds(transition)).to;
}

/** What the check says a transition needs: "only an IN_REVIEW story can be published". */
export const storyNeeds = (transition: StoryTransition) =>
  `only ${withArticle(TRANSITIONS[transition].from[0])} story can be ${DONE[transition]}`;

/** Only drafts can be edited. */
export function assertEditable(id: number | string, status: StoryStatus) {
  if (status !== DRAFT) {
    throw conflict(
      `cannot edit story ${id}: it is ${status}, and only a DRAFT can be edited` +
        (status === IN_REVIEW ? "; return it to draft first" : ""),
      { currentStatus: status },
    );
  }
}

/**
 * Four eyes: whoever wrote a story (drafted or edited it) may not publish it; CITY_ADMIN may
 * publish anything.
 */
export function assertMayPublish(caller: Caller, id: number | string, authors: Iterable<string>) {
  if (caller.role === "CITY_ADMIN") return;
  if ([...authors].includes(caller.sub)) {
    throw forbidden(
      `you wrote story ${id} (drafted or edited it), so another editor or a CITY_ADMIN must publish it (four eyes)`,
    );
  }
}

/** A required comment or reason: trimmed, not blank, at most 500 characters. */
export function requireReason(text: string | null | undefined, field: string): string {
  const reason = text?.trim();
  if (!reason)
    throw badInput(`${field} is required: say why, in up to ${LIMITS.reason} characters`);
  if (codePoints(reason) > LIMITS.reason)
    throw badInput(
      `${field} is ${codePoints(reason)} characters long; keep it to ${LIMITS.reason}`,
    );
  return reason;
}
