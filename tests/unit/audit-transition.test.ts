// The one audited write (subgraphs/shared/audit.ts) on real SQL, without a server: a legal move
// writes the row and its event stamped with the request; an illegal one and a stale one are
// CONFLICT and write nothing; a version guard bumps the version; a batch's events go in multi-row
// INSERTs (a bounded number of statements, whatever the number of rows).
import { DomainError } from "../../runtime/errors";
import { ServicePlan } from "../../subgraphs/platforms/entities/service-plan.entity";
import { PlanEvent } from "../../subgraphs/platforms/entities/plan-event.entity";
import { PLAN_TRANSITIONS } from "../../subgraphs/platforms/services/service-plans.service";
import { PlanAction, PlanStatus } from "../../subgraphs/platforms/vocabulary";
import { CaseStory } from "../../subgraphs/publicity/entities/case-story.entity";
import { StoryEvent } from "../../subgraphs/publicity/entities/story-event.entity";
import { TRANSITIONS as STORY_TRANSITIONS } from "../../subgraphs/publicity/services/story-transitions";
import { StoryAction, StoryStatus } from "../../subgraphs/publicity/vocabulary";
import { ServiceCategory } from "../../subgraphs/shared/vocabulary";
import { auditOf, recordEvents, transition } from "../../subgraphs/shared/audit";
import { memoryDb, type MemoryDb } from "../helpers/memory-db";

let mem: MemoryDb;
beforeAll(async () => {
  mem = await memoryDb([ServicePlan, PlanEvent, CaseStory, StoryEvent]);
});
afterAll(() => mem?.close());

const audit = auditOf({ sub: "admin-7", role: "CITY_ADMIN" }, "req-audit-1");

async function newPlan(): Promise<ServicePlan> {
  const repo = mem.db.getRepository(ServicePlan);
  const { identifiers } = await repo.insert({
    platformId: 1,
    title: "融资路演",
    category: ServiceCategory.FINANCING,
    period: "2026",
    proposer: "某协会",
    description: null,
    status: PlanStatus.PROPOSED,
  });
  return repo.findOneByOrFail({ id: Number(identifiers[0].id) });
}

const eventsOf = (planId: number) =>
  mem.db.getRepository(PlanEvent).find({ where: { planId }, order: { id: "ASC" } });

/** The CONFLICT a piece of work throws (undefined when it throws nothing). */
async function conflictOf(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  return undefined;
}

const file = (plan: ServicePlan, comment: string | null = null) =>
  mem.db.transaction((tx) =>
    transition(tx, ServicePlan, {
      row: plan,
      subject: `plan ${plan.id}`,
      move: { table: PLAN_TRANSITIONS, name: "file" },
      event: { entity: PlanEvent, values: { planId: plan.id } },
      audit,
      comment,
    }),
  );

describe("transition", () => {
  it("moves the row by its table and writes one event with the actor, role and request id", async () => {
    const plan = await newPlan();
    const moved = await file(plan, "符合要求");
    expect(moved.status).toBe(PlanStatus.FILED);
    const events = await eventsOf(plan.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      planId: plan.id,
      action: PlanAction.FILE,
      fromStatus: PlanStatus.PROPOSED,
      toStatus: PlanStatus.FILED,
      actor: "admin-7",
      actorRole: "CITY_ADMIN",
      requestId: "req-audit-1",
      comment: "符合要求",
    });
    expect(Math.abs(events[0].at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("refuses an illegal move with CONFLICT naming the status and the legal moves, writing nothing", async () => {
    const plan = await file(await newPlan());
    const error = await conflictOf(() => file(plan));
    expect(error).toMatchObject({
      code: "CONFLICT",
      details: { currentStatus: PlanStatus.FILED, legalMoves: [] },
      message: expect.stringContaining(`cannot file plan ${plan.id}: it is FILED`),
    });
    expect(await eventsOf(plan.id)).toHaveLength(1);
  });

  it("names the moves that are legal now", async () => {
    const plan = await newPlan();
    const rejected = { ...plan, status: PlanStatus.REJECTED } as ServicePlan;
    const error = await conflictOf(() => file(rejected));
    expect(error?.message).toContain("nothing moves it on from REJECTED");
    const table = { ...PLAN_TRANSITIONS, reopen: { ...PLAN_TRANSITIONS.file, from: ["FILED"] } };
    const filed = await file(await newPlan());
    const refused = await conflictOf(() =>
      mem.db.transaction((tx) =>
        transition(tx, ServicePlan, {
          row: filed,
          subject: `plan ${filed.id}`,
          move: { table: table, name: "reject" },
          event: { entity: PlanEvent, values: { planId: filed.id } },
          audit,
          comment: null,
        }),
      ),
    );
    expect(refused?.message).toContain("; from FILED you can reopen");
    expect(refused?.details).toMatchObject({ legalMoves: ["reopen"] });
  });

  it("refuses a row changed since it was read (stale) with CONFLICT, and the transaction writes nothing", async () => {
    const plan = await newPlan();
    const asRead = { ...plan };
    // Someone else decides it in between.
    await file(plan, "first");
    const stored = await mem.db.getRepository(ServicePlan).findOneByOrFail({ id: plan.id });
    const error = await conflictOf(() =>
      mem.db.transaction(async (tx) => {
        // Written earlier in the same transaction: must be rolled back with the refusal.
        await tx.getRepository(ServicePlan).update({ id: plan.id }, { title: "改过的标题" });
        return transition(tx, ServicePlan, {
          row: asRead,
          subject: `plan ${plan.id}`,
          move: { table: PLAN_TRANSITIONS, name: "reject" },
          event: { entity: PlanEvent, values: { planId: plan.id } },
          audit,
          comment: "second",
        });
      }),
    );
    expect(error).toMatchObject({
      code: "CONFLICT",
      details: { stale: true },
      message: `plan ${plan.id} was changed by someone else since you read it; nothing was written: reload it and try again`,
    });
    expect(await mem.db.getRepository(ServicePlan).findOneByOrFail({ id: plan.id })).toEqual(
      stored,
    );
    expect((await eventsOf(plan.id)).map((e) => e.comment)).toEqual(["first"]);
  });

  it("with a version guard, bumps the version and refuses the version read before", async () => {
    const repo = mem.db.getRepository(CaseStory);
    const { identifiers } = await repo.insert({
      title: "t",
      summary: "s",
      body: "b",
      categories: [ServiceCategory.POLICY],
      districtCode: "440303",
      status: StoryStatus.DRAFT,
      createdBy: "editor",
      version: 1,
    });
    const story = await repo.findOneByOrFail({ id: Number(identifiers[0].id) });
    const edit = (row: CaseStory, title: string) =>
      mem.db.transaction((tx) =>
        transition(tx, CaseStory, {
          row,
          subject: `story ${row.id}`,
          move: { action: StoryAction.EDIT },
          guard: ["status", "version"],
          set: { title },
          event: { entity: StoryEvent, values: { storyId: row.id } },
          audit,
          comment: "changed title",
        }),
      );
    const edited = await edit(story, "t2");
    expect(edited).toMatchObject({ title: "t2", version: 2, status: StoryStatus.DRAFT });
    expect((await conflictOf(() => edit(story, "t3")))?.details).toEqual({ stale: true });
    const submitted = await mem.db.transaction((tx) =>
      transition(tx, CaseStory, {
        row: edited,
        subject: `story ${edited.id}`,
        move: { table: STORY_TRANSITIONS, name: "submit" },
        guard: ["status", "version"],
        event: { entity: StoryEvent, values: { storyId: edited.id } },
        audit,
        comment: null,
      }),
    );
    expect(submitted).toMatchObject({ status: StoryStatus.IN_REVIEW, version: 3, title: "t2" });
    const trail = await mem.db
      .getRepository(StoryEvent)
      .find({ where: { storyId: story.id }, order: { id: "ASC" } });
    expect(trail.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      [StoryAction.EDIT, StoryStatus.DRAFT, StoryStatus.DRAFT],
      [StoryAction.SUBMIT, StoryStatus.DRAFT, StoryStatus.IN_REVIEW],
    ]);
  });
});

describe("recordEvents", () => {
  it("writes a batch's events in multi-row INSERTs: 1,200 events in 3 statements", async () => {
    const plan = await newPlan();
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      planId: plan.id,
      action: PlanAction.PROPOSE,
      fromStatus: null,
      toStatus: PlanStatus.PROPOSED,
      comment: `row ${i}`,
    }));
    const statements = await mem.statements(() =>
      recordEvents(mem.db.manager, PlanEvent, audit, rows),
    );
    expect(statements).toBe(3);
    const stored = await eventsOf(plan.id);
    expect(stored).toHaveLength(1200);
    expect(new Set(stored.map((e) => e.requestId))).toEqual(new Set(["req-audit-1"]));
    expect(stored[1199].comment).toBe("row 1199");
  });

  it("keeps a comment to 1,000 characters", async () => {
    const plan = await newPlan();
    await recordEvents(mem.db.manager, PlanEvent, audit, [
      {
        planId: plan.id,
        action: PlanAction.PROPOSE,
        fromStatus: null,
        toStatus: PlanStatus.PROPOSED,
        comment: "长".repeat(1500),
      },
    ]);
    const [event] = await eventsOf(plan.id);
    expect(Array.from(event.comment!)).toHaveLength(1000);
    expect(event.comment!.endsWith("…")).toBe(true);
  });
});
