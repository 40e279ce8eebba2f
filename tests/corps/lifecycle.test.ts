// The corps office's volunteer lifecycle through the gateway: registration with validated input,
// appointment with a numbered letter, suspension, withdrawal, reinstatement and transfers, each change
// audited, every refused request leaving the database as it was.
import { today } from "../../runtime/dates";
import fs from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { Supergraph } from "@apollo/federation-internals";
import { bootFederation, type Federation } from "../helpers/federation";
import {
  contractOperation,
  execute,
  send,
  expectRefusedUnchanged,
  type Request,
} from "../helpers/graphql";
import {
  agreement,
  applicant,
  appoint,
  corpsCounts,
  register,
  volunteerRow,
  withWrongCheckChar,
} from "./fixtures";

type Step = {
  actor: string;
  at: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
};
type History = { volunteer: { status: string; history: Step[] } };
type Transferred = { transferVolunteer: { branch: unknown; transfers: unknown } };
type Branches = { branches: Array<{ volunteerCount: number }> };

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const CORPS_OPERATIONS = [
  "RegisterVolunteer",
  "AppointVolunteer",
  "TransferVolunteer",
  "Volunteer",
  "IssueCertificate",
  "Branches",
  "VerifyCertificate",
];

const HISTORY = `query ($id: ID!) { volunteer(id: $id) { id status letterNumber history { actor at fromStatus toStatus comment } } }`;
const SUSPEND = `mutation ($id: ID!, $reason: String!) { suspendVolunteer(id: $id, reason: $reason) { id status } }`;
const WITHDRAW = `mutation ($id: ID!, $reason: String!) { withdrawVolunteer(id: $id, reason: $reason) { id status } }`;
const REINSTATE = `mutation ($id: ID!, $reason: String) { reinstateVolunteer(id: $id, reason: $reason) { id status } }`;

async function history(id: string) {
  return (
    await execute<History>(fed.gatewayUrl, { query: HISTORY, variables: { id }, token: admin })
  ).volunteer;
}

/** Sends a request that must be refused with `code`, and checks that no corps table changed. */
const refused = (request: Request, code: string) =>
  expectRefusedUnchanged(fed.gatewayUrl, request, code, () => corpsCounts(fed));

describe("contract", () => {
  it.each(CORPS_OPERATIONS)("%s validates against the committed supergraph", (name) => {
    const file = path.resolve(__dirname, "..", "..", "schema", "supergraph.graphql");
    const api = Supergraph.build(fs.readFileSync(file, "utf8")).apiSchema().toGraphQLJSSchema();
    expect(validate(api, parse(contractOperation(name))).map((e) => e.message)).toEqual([]);
  });
});

describe("registerVolunteer", () => {
  it("registers an applicant as APPLIED and audits it", async () => {
    const before = await corpsCounts(fed);
    const { id } = await register(fed);
    expect(await volunteerRow(fed, id)).toMatchObject({
      status: "APPLIED",
      branchId: 3,
      letterNumber: null,
    });
    const v = await history(id);
    expect(v.history).toEqual([
      {
        actor: "test-city_admin",
        at: expect.any(String),
        fromStatus: null,
        toStatus: "APPLIED",
        comment: "registered",
      },
    ]);
    expect(Date.now() - Date.parse(v.history[0].at)).toBeLessThan(60_000);
    const after = await corpsCounts(fed);
    expect(after.volunteer - before.volunteer).toBe(1);
    expect(after.volunteer_event - before.volunteer_event).toBe(1);
  });

  it("answers the contract's RegisterVolunteer with id and status", async () => {
    const data = await execute<{ registerVolunteer: unknown }>(fed.gatewayUrl, {
      query: contractOperation("RegisterVolunteer"),
      variables: { input: applicant({ employer: null, retired: true, categories: ["LEGAL"] }) },
      token: admin,
    });
    expect(data.registerVolunteer).toEqual({
      id: expect.stringMatching(/^\d+$/),
      status: "APPLIED",
    });
  });

  it.each([
    [
      "a wrong ID check character",
      (a: any) => ({ idNumber: withWrongCheckChar(a.idNumber) }),
      /idNumber .*check character should be/,
    ],
    [
      "an ID number of 17 characters",
      (a: any) => ({ idNumber: a.idNumber.slice(0, 17) }),
      /idNumber .*17 digits/,
    ],
    ["an impossible birth date", () => ({ idNumber: "110101198002300011" }), /idNumber/],
    [
      "a landline phone",
      () => ({ contactPhone: "075588886666" }),
      /contactPhone must be an 11-digit mainland mobile/,
    ],
    ["a phone starting 12", () => ({ contactPhone: "12812345678" }), /contactPhone/],
    ["no categories", () => ({ categories: [] }), /categories: choose at least one/],
    [
      "a repeated category",
      () => ({ categories: ["LEGAL", "LEGAL"] }),
      /categories: each category may appear only once/,
    ],
    ["a blank name", () => ({ name: "   " }), /name must not be blank/],
    ["a name of 61 characters", () => ({ name: "名".repeat(61) }), /name/],
    ["an unknown branch", () => ({ branchId: "9999" }), /branchId 9999: there is no such branch/],
    [
      "a branch id that is not a number",
      () => ({ branchId: "abc" }),
      /branchId must be the id of a branch/,
    ],
  ])("refuses %s with BAD_USER_INPUT and writes nothing", async (_label, change, message) => {
    const input = applicant();
    const error = await refused(
      {
        query: contractOperation("RegisterVolunteer"),
        variables: { input: { ...input, ...change(input) } },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    expect(error.message).toMatch(message);
  });

  it("never echoes the ID number in full when refusing it", async () => {
    const input = applicant();
    const bad = withWrongCheckChar(input.idNumber);
    const error = await refused(
      {
        query: contractOperation("RegisterVolunteer"),
        variables: { input: { ...input, idNumber: bad } },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    expect(JSON.stringify(error)).not.toContain(bad);
  });

  it("refuses a second registration of an ID number with CONFLICT", async () => {
    const { input } = await register(fed);
    const error = await refused(
      {
        query: contractOperation("RegisterVolunteer"),
        variables: { input: { ...applicant(), idNumber: input.idNumber } },
        token: admin,
      },
      "CONFLICT",
    );
    expect(error.message).toMatch(/already registered/);
    expect(error.message).not.toContain(input.idNumber);
    // A demo volunteer's number too.
    await refused(
      {
        query: contractOperation("RegisterVolunteer"),
        variables: { input: { ...applicant(), idNumber: fed.demo.volunteers[5].idNumber } },
        token: admin,
      },
      "CONFLICT",
    );
  });

  it("concurrent registrations of one ID number: one wins, the others CONFLICT, nothing logs personal data", async () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation(() => undefined),
    );
    const mark = fed.logs().length;
    try {
      const input = applicant();
      const before = await corpsCounts(fed);
      const responses = await Promise.all(
        [1, 2, 3, 4].map(() =>
          send<{ registerVolunteer: { status: string } | null }>(fed.gatewayUrl, {
            query: contractOperation("RegisterVolunteer"),
            variables: { input },
            token: admin,
          }),
        ),
      );
      expect(responses.filter((r) => r.data?.registerVolunteer?.status === "APPLIED")).toHaveLength(
        1,
      );
      expect(responses.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT")).toHaveLength(
        3,
      );
      const after = await corpsCounts(fed);
      expect(after.volunteer - before.volunteer).toBe(1);
      expect(after.volunteer_event - before.volunteer_event).toBe(1);
      // A refused bad phone and a bad ID number are not logged either.
      await send(fed.gatewayUrl, {
        query: contractOperation("RegisterVolunteer"),
        variables: {
          input: { ...input, idNumber: withWrongCheckChar(input.idNumber), contactPhone: "12345" },
        },
        token: admin,
      });
      // The servers' own log lines (pino) and anything printed to the console.
      const lines = fed.logs().slice(mark);
      expect(lines.some((line) => line.includes("RegisterVolunteer"))).toBe(true);
      const logged = [
        ...lines,
        ...spies.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(" "))),
      ].join("\n");
      expect(logged).not.toContain(input.idNumber);
      expect(logged).not.toContain(input.idNumber.slice(0, 17));
      expect(logged).not.toContain(input.contactPhone);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("is for CITY_ADMIN only: anonymous UNAUTHENTICATED, other roles FORBIDDEN", async () => {
    const request = {
      query: contractOperation("RegisterVolunteer"),
      variables: { input: applicant() },
    };
    await refused(request, "UNAUTHENTICATED");
    for (const token of [
      await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
      await fed.token("DASHBOARD_VIEWER"),
      await fed.token("PUBLICITY_EDITOR"),
      await fed.token("PLATFORM_OPERATOR", { platform: "1" }),
      await fed.token("SERVICE"),
    ]) {
      const error = await refused({ ...request, token }, "FORBIDDEN");
      expect(error.message).toMatch(/CITY_ADMIN/);
    }
  });
});

describe("appointVolunteer", () => {
  it("appoints an APPLIED volunteer with the next letter number, today's date and the agreement", async () => {
    const year = today().slice(0, 4);
    const demoMax = Math.max(
      0,
      ...fed.demo.volunteers
        .filter((v) => v.letterNumber?.startsWith(`SZZYFW-${year}-`))
        .map((v) => Number(v.letterNumber!.slice(-6))),
    );
    const { id } = await register(fed);
    const terms = agreement({ form: "ONLINE", committedHoursPerYear: 60 });
    const first = await appoint(fed, id, terms);
    expect(first).toEqual({
      id,
      status: "APPOINTED",
      letterNumber: expect.stringMatching(new RegExp(`^SZZYFW-${year}-\\d{6}$`)),
      appointedOn: today(),
      agreement: terms,
    });
    expect(Number(first.letterNumber.slice(-6))).toBeGreaterThan(demoMax);

    const second = await appoint(fed, (await register(fed)).id);
    expect(Number(second.letterNumber.slice(-6))).toBe(Number(first.letterNumber.slice(-6)) + 1);

    const v = await history(id);
    expect(v.history.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "APPLIED"],
      ["APPLIED", "APPOINTED"],
    ]);
    expect(v.history[1].comment).toContain(first.letterNumber);
  });

  it("letter numbers stay unique when appointments race", async () => {
    const ids = await Promise.all([1, 2, 3, 4].map(async () => (await register(fed)).id));
    const letters = await Promise.all(ids.map(async (id) => (await appoint(fed, id)).letterNumber));
    expect(new Set(letters).size).toBe(ids.length);
  });

  it.each([
    [
      "validFrom after validTo",
      { validFrom: "2026-03-01", validTo: "2026-02-28" },
      /validFrom .* is after agreement.validTo/,
    ],
    [
      "an agreement that has already ended",
      { validFrom: "2020-01-01", validTo: "2020-12-31" },
      /has already passed/,
    ],
    ["0 committed hours", { committedHoursPerYear: 0 }, /committedHoursPerYear must be at least 1/],
    [
      "2001 committed hours",
      { committedHoursPerYear: 2001 },
      /committedHoursPerYear must be at most 2000/,
    ],
  ])(
    "refuses %s with BAD_USER_INPUT and leaves the volunteer APPLIED",
    async (_label, change, message) => {
      const { id } = await register(fed);
      const error = await refused(
        {
          query: contractOperation("AppointVolunteer"),
          variables: { id, agreement: agreement(change) },
          token: admin,
        },
        "BAD_USER_INPUT",
      );
      expect(error.message).toMatch(message);
      expect(await volunteerRow(fed, id)).toMatchObject({ status: "APPLIED", letterNumber: null });
    },
  );

  it("refuses a date that is not a date", async () => {
    const { id } = await register(fed);
    await refused(
      {
        query: contractOperation("AppointVolunteer"),
        variables: { id, agreement: agreement({ validTo: "2026-02-30" }) },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
  });

  it("answers NOT_FOUND for an unknown volunteer", async () => {
    await refused(
      {
        query: contractOperation("AppointVolunteer"),
        variables: { id: "999999", agreement: agreement() },
        token: admin,
      },
      "NOT_FOUND",
    );
  });

  it("is for CITY_ADMIN only", async () => {
    const { id } = await register(fed);
    const request = {
      query: contractOperation("AppointVolunteer"),
      variables: { id, agreement: agreement() },
    };
    await refused(request, "UNAUTHENTICATED");
    await refused({ ...request, token: await fed.token("DASHBOARD_VIEWER") }, "FORBIDDEN");
    expect(await volunteerRow(fed, id)).toMatchObject({ status: "APPLIED" });
  });
});

describe("status changes", () => {
  it("suspend, reinstate and withdraw, each kept in the history with who and why", async () => {
    const { id } = await register(fed);
    await appoint(fed, id);
    const send = async (query: string, variables: Record<string, unknown>) =>
      execute<Record<string, { status: string }>>(fed.gatewayUrl, {
        query,
        variables,
        token: admin,
      });
    expect((await send(SUSPEND, { id, reason: "长期未参加活动" })).suspendVolunteer.status).toBe(
      "SUSPENDED",
    );
    expect((await send(REINSTATE, { id })).reinstateVolunteer.status).toBe("APPOINTED");
    expect((await send(WITHDRAW, { id, reason: "本人申请退出" })).withdrawVolunteer.status).toBe(
      "WITHDRAWN",
    );
    const v = await history(id);
    expect(v.status).toBe("WITHDRAWN");
    expect(v.history.map((e) => [e.fromStatus, e.toStatus, e.comment])).toEqual([
      [null, "APPLIED", "registered"],
      ["APPLIED", "APPOINTED", expect.stringContaining("SZZYFW-")],
      ["APPOINTED", "SUSPENDED", "长期未参加活动"],
      ["SUSPENDED", "APPOINTED", null],
      ["APPOINTED", "WITHDRAWN", "本人申请退出"],
    ]);
    expect(v.history.every((e) => e.actor === "test-city_admin")).toBe(true);
  });

  it("demo volunteers come with the history their status implies, and it continues", async () => {
    for (const status of ["APPLIED", "APPOINTED", "SUSPENDED", "WITHDRAWN"]) {
      const demo = fed.demo.volunteers.find((v) => v.status === status)!;
      const v = await history(String(demo.id));
      expect(v.status).toBe(status);
      expect(v.history[0]).toMatchObject({ fromStatus: null, toStatus: "APPLIED" });
      expect(v.history[v.history.length - 1].toStatus).toBe(status);
      for (let i = 1; i < v.history.length; i += 1)
        expect(v.history[i].fromStatus).toBe(v.history[i - 1].toStatus);
      if (demo.letterNumber) expect(v.history[1].comment).toContain(demo.letterNumber);
    }
    const suspended = String(fed.demo.volunteers.find((v) => v.status === "SUSPENDED")!.id);
    await execute(fed.gatewayUrl, {
      query: REINSTATE,
      variables: { id: suspended, reason: "恢复服务" },
      token: admin,
    });
    const after = await history(suspended);
    expect(after.history.slice(-2).map((e) => [e.fromStatus, e.toStatus])).toEqual([
      ["APPOINTED", "SUSPENDED"],
      ["SUSPENDED", "APPOINTED"],
    ]);
    expect(after.history[after.history.length - 1]).toMatchObject({
      actor: "test-city_admin",
      comment: "恢复服务",
    });
  });

  it("an APPLIED volunteer may withdraw", async () => {
    const { id } = await register(fed);
    const data = await execute<{ withdrawVolunteer: { status: string } }>(fed.gatewayUrl, {
      query: WITHDRAW,
      variables: { id, reason: "另有安排" },
      token: admin,
    });
    expect(data.withdrawVolunteer.status).toBe("WITHDRAWN");
  });

  it("illegal transitions are CONFLICT, name the current status and change nothing", async () => {
    const applied = (await register(fed)).id;
    const appointed = (await register(fed)).id;
    await appoint(fed, appointed);
    const withdrawn = (await register(fed)).id;
    await execute(fed.gatewayUrl, {
      query: WITHDRAW,
      variables: { id: withdrawn, reason: "退出" },
      token: admin,
    });

    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        contractOperation("AppointVolunteer"),
        { id: appointed, agreement: agreement() },
        "APPOINTED",
      ],
      [
        contractOperation("AppointVolunteer"),
        { id: withdrawn, agreement: agreement() },
        "WITHDRAWN",
      ],
      [SUSPEND, { id: applied, reason: "x" }, "APPLIED"],
      [SUSPEND, { id: withdrawn, reason: "x" }, "WITHDRAWN"],
      [REINSTATE, { id: applied }, "APPLIED"],
      [REINSTATE, { id: appointed }, "APPOINTED"],
      [WITHDRAW, { id: withdrawn, reason: "x" }, "WITHDRAWN"],
    ];
    for (const [query, variables, status] of cases) {
      const id = (variables as { id: string }).id;
      const before = await volunteerRow(fed, id);
      const error = await refused({ query, variables, token: admin }, "CONFLICT");
      expect(error.message).toContain(`it is ${status}`);
      expect(error.extensions!.currentStatus).toBe(status);
      expect(Array.isArray(error.extensions!.legalMoves)).toBe(true);
      expect(await volunteerRow(fed, id)).toEqual(before);
    }
  });

  it("a reason is required to suspend or withdraw", async () => {
    const { id } = await register(fed);
    await appoint(fed, id);
    const error = await refused(
      { query: SUSPEND, variables: { id, reason: "  " }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(error.message).toMatch(/reason is required/);
    await refused(
      { query: WITHDRAW, variables: { id, reason: "长".repeat(501) }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(await volunteerRow(fed, id)).toMatchObject({ status: "APPOINTED" });
  });

  it("the history is for signed-in callers only", async () => {
    const id = String(fed.demo.volunteers.find((v) => v.status === "APPOINTED")!.id);
    const response = await send(fed.gatewayUrl, { query: HISTORY, variables: { id } });
    expect(response.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("transferVolunteer", () => {
  const query = contractOperation("TransferVolunteer");
  const branch = (id: number) => ({ id: String(id), name: fed.demo.branches[id - 1].name });

  it("moves the volunteer and keeps every move, oldest first", async () => {
    const { id } = await register(fed, applicant({ branchId: "2" }));
    await appoint(fed, id);
    const first = await execute<Transferred>(fed.gatewayUrl, {
      query,
      variables: { id, toBranchId: "5", reason: "工作调动" },
      token: admin,
    });
    expect(first.transferVolunteer).toEqual({
      id,
      branch: branch(5),
      transfers: [{ fromBranch: branch(2), toBranch: branch(5), on: today(), reason: "工作调动" }],
    });
    const second = await execute<Transferred>(fed.gatewayUrl, {
      query,
      variables: { id, toBranchId: "12", reason: "转入行业支队" },
      token: admin,
    });
    expect(second.transferVolunteer.branch).toEqual(branch(12));
    expect(second.transferVolunteer.transfers).toEqual([
      { fromBranch: branch(2), toBranch: branch(5), on: today(), reason: "工作调动" },
      { fromBranch: branch(5), toBranch: branch(12), on: today(), reason: "转入行业支队" },
    ]);
    expect(await volunteerRow(fed, id)).toMatchObject({ branchId: 12, status: "APPOINTED" });
  });

  it("same branch is BAD_USER_INPUT, an unknown branch or volunteer NOT_FOUND, a blank reason BAD_USER_INPUT", async () => {
    const { id } = await register(fed, applicant({ branchId: "4" }));
    const same = await refused(
      { query, variables: { id, toBranchId: "4", reason: "x" }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(same.message).toMatch(/already in branch 4/);
    await refused(
      { query, variables: { id, toBranchId: "9999", reason: "x" }, token: admin },
      "NOT_FOUND",
    );
    await refused(
      { query, variables: { id: "999999", toBranchId: "5", reason: "x" }, token: admin },
      "NOT_FOUND",
    );
    await refused(
      { query, variables: { id, toBranchId: "5", reason: "" }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(await volunteerRow(fed, id)).toMatchObject({ branchId: 4 });
  });

  it("a withdrawn volunteer cannot be transferred; other roles cannot transfer", async () => {
    const { id } = await register(fed);
    await execute(fed.gatewayUrl, {
      query: WITHDRAW,
      variables: { id, reason: "退出" },
      token: admin,
    });
    await refused(
      { query, variables: { id, toBranchId: "7", reason: "x" }, token: admin },
      "CONFLICT",
    );
    const other = (await register(fed)).id;
    await refused(
      {
        query,
        variables: { id: other, toBranchId: "7", reason: "x" },
        token: await fed.token("DISTRICT_OPERATOR", { district: "440303" }),
      },
      "FORBIDDEN",
    );
  });
});

describe("personal data of a registered volunteer", () => {
  it("phone and ID number: full for CITY_ADMIN, masked for other roles, null for anonymous callers", async () => {
    const { id, input } = await register(fed);
    const query = `query ($id: ID!) { volunteer(id: $id) { id contactPhone idNumber } }`;
    const maskedPhone = `${input.contactPhone.slice(0, 3)}****${input.contactPhone.slice(7)}`;
    const maskedId = `${input.idNumber.slice(0, 3)}${"*".repeat(11)}${input.idNumber.slice(-4)}`;
    const full = await execute<{ volunteer: unknown }>(fed.gatewayUrl, {
      query,
      variables: { id },
      token: admin,
    });
    expect(full.volunteer).toEqual({
      id,
      contactPhone: input.contactPhone,
      idNumber: input.idNumber,
    });
    for (const token of [
      await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
      await fed.token("DASHBOARD_VIEWER"),
      await fed.token("PUBLICITY_EDITOR"),
      await fed.token("PLATFORM_OPERATOR", { platform: "2" }),
    ]) {
      const data = await execute<{ volunteer: unknown }>(fed.gatewayUrl, {
        query,
        variables: { id },
        token,
      });
      expect(data.volunteer).toEqual({ id, contactPhone: maskedPhone, idNumber: maskedId });
    }
    // Anonymous callers see serving volunteers only, and never their personal data.
    expect(
      (await execute<{ volunteer: unknown }>(fed.gatewayUrl, { query, variables: { id } }))
        .volunteer,
    ).toBeNull();
    await appoint(fed, id);
    const anonymous = await execute<{ volunteer: unknown }>(fed.gatewayUrl, {
      query,
      variables: { id },
    });
    expect(anonymous.volunteer).toEqual({ id, contactPhone: null, idNumber: null });
  });

  it("the contract's Volunteer query joins the new volunteer's branch and (zero) hours", async () => {
    const { id, input } = await register(fed, applicant({ branchId: "3" }));
    const data = await execute<{ volunteer: unknown }>(fed.gatewayUrl, {
      query: contractOperation("Volunteer"),
      variables: { id },
      token: admin,
    });
    expect(data.volunteer).toEqual({
      id,
      name: input.name,
      expertType: input.expertType,
      categories: input.categories,
      status: "APPLIED",
      contactPhone: input.contactPhone,
      branch: {
        id: "3",
        name: fed.demo.branches[2].name,
        kind: "REGION",
        district: { code: "440305", name: "南山区" },
      },
      serviceHours: 0,
      activities: [],
    });
  });
});

describe("Branches", () => {
  it("counts a newly appointed volunteer in its branch and district", async () => {
    const query = contractOperation("Branches");
    const count = async () =>
      (await execute<Branches>(fed.gatewayUrl, { query, variables: { districtCode: "440307" } }))
        .branches;
    const before = await count();
    expect(before).toEqual([
      {
        id: "5",
        name: "龙岗区支队",
        kind: "REGION",
        district: { code: "440307", name: "龙岗区" },
        volunteerCount: expect.any(Number),
      },
    ]);
    const { id } = await register(fed, applicant({ branchId: "5" }));
    expect((await count())[0].volunteerCount).toBe(before[0].volunteerCount);
    await appoint(fed, id);
    expect((await count())[0].volunteerCount).toBe(before[0].volunteerCount + 1);
    const all = (await execute<Branches>(fed.gatewayUrl, { query, variables: {} })).branches;
    expect(all).toHaveLength(fed.demo.branches.length);
  });
});
