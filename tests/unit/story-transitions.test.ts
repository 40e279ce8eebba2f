// The case story table (docs/domain.md "publicity"): every transition from every status is either the
// one legal move or a CONFLICT naming the status; four eyes; required reasons. No server.
import { DomainError } from "../../runtime/errors";
import type { Caller } from "../../runtime/auth";
import {
  assertEditable,
  assertMayPublish,
  requireReason,
  TRANSITIONS,
  transitionedStatus,
  type StoryTransition,
} from "../../subgraphs/publicity/services/story-transitions";
import { StoryStatus } from "../../subgraphs/publicity/vocabulary";

/** The table, written out independently of the service's. */
const LEGAL: Record<StoryStatus, Partial<Record<StoryTransition, StoryStatus>>> = {
  DRAFT: { submit: StoryStatus.IN_REVIEW },
  IN_REVIEW: { publish: StoryStatus.PUBLISHED, return: StoryStatus.DRAFT },
  PUBLISHED: { retract: StoryStatus.RETRACTED },
  RETRACTED: {},
};
const TRANSITION_NAMES = Object.keys(TRANSITIONS) as StoryTransition[];
const cases = Object.values(StoryStatus).flatMap((status) =>
  TRANSITION_NAMES.map((transition) => [status, transition] as const),
);

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("story transitions", () => {
  it("covers every status and every transition", () => {
    expect(Object.keys(LEGAL).sort()).toEqual(Object.values(StoryStatus).sort());
    expect(TRANSITION_NAMES.sort()).toEqual(["publish", "retract", "return", "submit"]);
    expect(cases).toHaveLength(16);
  });

  it.each(cases)("from %s, %s", (status, transition) => {
    const to = LEGAL[status][transition];
    if (to) {
      expect(transitionedStatus(7, status, transition)).toBe(to);
      return;
    }
    const error = thrown(() => transitionedStatus(7, status, transition));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: "CONFLICT",
      details: { currentStatus: status },
      message: expect.stringContaining(`cannot ${transition} story 7: it is ${status}`),
    });
  });

  it("names the status a transition needs, in English (an IN_REVIEW story, a DRAFT story)", () => {
    expect(() => transitionedStatus(9, StoryStatus.DRAFT, "publish")).toThrow(
      "cannot publish story 9: it is DRAFT, and only an IN_REVIEW story can be published",
    );
    expect(() => transitionedStatus(9, StoryStatus.PUBLISHED, "return")).toThrow(
      "cannot return story 9: it is PUBLISHED, and only an IN_REVIEW story can be returned to draft",
    );
    expect(() => transitionedStatus(9, StoryStatus.IN_REVIEW, "submit")).toThrow(
      "cannot submit story 9: it is IN_REVIEW, and only a DRAFT story can be submitted for review",
    );
    expect(() => transitionedStatus(9, StoryStatus.DRAFT, "retract")).toThrow(
      "cannot retract story 9: it is DRAFT, and only a PUBLISHED story can be retracted",
    );
  });

  it.each(Object.values(StoryStatus))("edits only drafts (%s)", (status) => {
    const error = thrown(() => assertEditable(3, status));
    if (status === StoryStatus.DRAFT) expect(error).toBeUndefined();
    else expect(error).toMatchObject({ code: "CONFLICT", details: { currentStatus: status } });
  });
});

describe("four eyes", () => {
  const editor = (sub: string): Caller => ({ sub, role: "PUBLICITY_EDITOR" });

  it("refuses an author, lets another editor and the city admin publish", () => {
    expect(thrown(() => assertMayPublish(editor("a"), 1, ["a", "b"]))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(thrown(() => assertMayPublish(editor("b"), 1, new Set(["a", "b"])))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(thrown(() => assertMayPublish(editor("c"), 1, ["a", "b"]))).toBeUndefined();
    const admin = { sub: "a", role: "CITY_ADMIN" } as Caller;
    expect(thrown(() => assertMayPublish(admin, 1, ["a"]))).toBeUndefined();
  });
});

describe("reasons", () => {
  it("trims, refuses blank and over 500 characters", () => {
    expect(requireReason("  改正标题  ", "comment")).toBe("改正标题");
    for (const blank of [null, undefined, "", "  \n "])
      expect(thrown(() => requireReason(blank, "reason"))).toMatchObject({
        code: "BAD_USER_INPUT",
        message: expect.stringContaining("reason is required"),
      });
    expect(requireReason("😀".repeat(500), "reason")).toHaveLength(1000);
    expect(thrown(() => requireReason("字".repeat(501), "reason"))).toMatchObject({
      code: "BAD_USER_INPUT",
      message: "reason is 501 characters long; keep it to 500",
    });
  });
});
