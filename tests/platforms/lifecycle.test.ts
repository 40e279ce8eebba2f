// The certification lifecycle through the gateway: application → certification → revocation with
// the audit trail, rejection and a new application, amendments by the platform's own operator,
// every illegal move a CONFLICT that changes nothing, and who may do what. Each test applies the
// platforms it changes; none claims a demo row.
import fs from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { Supergraph } from "@apollo/federation-internals";
import { addDays, today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import {
  contractOperation,
  execute,
  send,
  expectRefusedUnchanged,
  type Request,
} from "../helpers/graphql";
import { applied, platform, platformIn, platformInput, platformsState } from "./fixtures";

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN", { sub: "city-clerk" });
});
afterAll(() => fed?.stop());

const APPLY = contractOperation("ApplyPlatform");
const CERTIFY = contractOperation("CertifyPlatform");
const CERTIFY_ON = `mutation ($id: ID!, $level: PlatformLevel!, $on: Date) { certifyPlatform(id: $id, level: $level, certifiedOn: $on) { id status level certifiedOn } }`;
const REVOKE = `mutation ($id: ID!, $reason: String!) { revokePlatform(id: $id, reason: $reason) { id status level certifiedOn } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectPlatform(id: $id, reason: $reason) { id status } }`;
const APPLY_AGAIN = `mutation ($id: ID, $input: PlatformInput!) { applyPlatform(id: $id, input: $input) { id name status level certifiedOn appliedOn } }`;

/** Sends a request that must be refused with `code`; checks that no platforms table changed. */
const refused = (request: Request, code: string) =>
  expectRefusedUnchanged(fed.gatewayUrl, request, code, () => platformsState(fed));

describe("contract", () => {
  it.each(["ApplyPlatform", "CertifyPlatform", "SetMentors", "Platforms"])(
    "%s validates against the committed supergraph",
    (name) => {
      const file = path.resolve(__dirname, "..", "..", "schema", "supergraph.graphql");
      const api = Supergraph.build(fs.readFileSync(file, "utf8")).apiSchema().toGraphQLJSSchema();
      expect(validate(api, parse(contractOperation(name))).map((e) => e.message)).toEqual([]);
    },
  );
});

describe("application → certification → revocation", () => {
  it("walks the whole path and keeps every step in the history", async () => {
    const input = platformInput({ kind: "SPECIALISED_BASE", districtCode: "440306" });
    const data = await execute<{ applyPlatform: { id: string } }>(fed.gatewayUrl, {
      query: APPLY,
      variables: { input },
      token: admin,
    });
    expect(data.applyPlatform).toEqual({ id: expect.any(String), status: "APPLIED" });
    const id = data.applyPlatform.id;
    expect(await platform(fed, id)).toMatchObject({
      name: input.name,
      kind: "SPECIALISED_BASE",
      operatorName: input.operatorName,
      district: { code: "440306" },
      sourceStation: null,
      status: "APPLIED",
      level: null,
      appliedOn: today(),
      certifiedOn: null,
    });

    const certified = await execute<{ certifyPlatform: unknown }>(fed.gatewayUrl, {
      query: CERTIFY,
      variables: { id, level: "PROVINCIAL" },
      token: admin,
    });
    // No date given: the certification is dated today in Shenzhen.
    expect(certified.certifyPlatform).toEqual({
      id,
      status: "CERTIFIED",
      level: "PROVINCIAL",
      certifiedOn: today(),
    });

    const revoked = await execute<{ revokePlatform: unknown }>(fed.gatewayUrl, {
      query: REVOKE,
      variables: { id, reason: "  连续两年绩效考评不合格  " },
      token: admin,
    });
    // The certification stays on record: what was revoked, and since when it had held.
    expect(revoked.revokePlatform).toEqual({
      id,
      status: "REVOKED",
      level: "PROVINCIAL",
      certifiedOn: today(),
    });

    const { history } = await platform(fed, id);
    expect(history).toEqual([
      {
        actor: "city-clerk",
        action: "APPLY",
        fromStatus: null,
        toStatus: "APPLIED",
        comment: null,
        at: expect.any(String),
      },
      {
        actor: "city-clerk",
        action: "CERTIFY",
        fromStatus: "APPLIED",
        toStatus: "CERTIFIED",
        comment: `PROVINCIAL on ${today()}`,
        at: expect.any(String),
      },
      {
        actor: "city-clerk",
        action: "REVOKE",
        fromStatus: "CERTIFIED",
        toStatus: "REVOKED",
        comment: "连续两年绩效考评不合格",
        at: expect.any(String),
      },
    ]);
    const times = history.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.abs(Date.now() - times[2])).toBeLessThan(10 * 60_000);
  });

  it("counts the certification in the district's certifiedPlatformCount, and not after revocation", async () => {
    const query = `{ district(code: "440392") { certifiedPlatformCount } }`;
    const count = async () =>
      (
        await execute<{ district: { certifiedPlatformCount: number } }>(fed.gatewayUrl, {
          query,
          token: admin,
        })
      ).district.certifiedPlatformCount;
    const before = await count();
    const id = await platformIn(fed, "CERTIFIED", { districtCode: "440392" });
    expect(await count()).toBe(before + 1);
    await execute(fed.gatewayUrl, {
      query: REVOKE,
      variables: { id, reason: "撤销" },
      token: admin,
    });
    expect(await count()).toBe(before);
  });

  it("takes a certification date in the past, refuses one ahead or before the application", async () => {
    const id = await applied(fed);
    const tomorrow = addDays(today(), 1);
    const ahead = await refused(
      { query: CERTIFY_ON, variables: { id, level: "MUNICIPAL", on: tomorrow }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(ahead.message).toBe(
      `certifiedOn ${tomorrow} is in the future; today is ${today()} in Shenzhen`,
    );
    const early = await refused(
      { query: CERTIFY_ON, variables: { id, level: "MUNICIPAL", on: "2020-01-01" }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(early.message).toBe(`certifiedOn 2020-01-01 is before the application of ${today()}`);
    await refused(
      { query: CERTIFY_ON, variables: { id, level: "MUNICIPAL", on: "2026-02-30" }, token: admin },
      "BAD_USER_INPUT",
    );
    const data = await execute<{ certifyPlatform: unknown }>(fed.gatewayUrl, {
      query: CERTIFY_ON,
      variables: { id, level: "NATIONAL", on: today() },
      token: admin,
    });
    expect(data.certifyPlatform).toMatchObject({ status: "CERTIFIED", certifiedOn: today() });
  });
});

describe("the transition table", () => {
  const MOVES: Record<string, { query: string; variables: Record<string, unknown> }> = {
    certify: { query: CERTIFY, variables: { level: "MUNICIPAL" } },
    reject: { query: REJECT, variables: { reason: "材料不全" } },
    revoke: { query: REVOKE, variables: { reason: "不再符合条件" } },
  };
  const LEGAL: Record<string, Record<string, string>> = {
    APPLIED: { certify: "CERTIFIED", reject: "REJECTED" },
    CERTIFIED: { revoke: "REVOKED" },
    REJECTED: {},
    REVOKED: {},
  };

  it.each(Object.keys(LEGAL))(
    "from %s: legal moves go through, the others are CONFLICT",
    async (status) => {
      let untouched: string | undefined;
      for (const [move, { query, variables }] of Object.entries(MOVES)) {
        const to = LEGAL[status][move];
        const id = to
          ? await platformIn(fed, status as never)
          : (untouched ??= await platformIn(fed, status as never));
        if (to) {
          const data = await execute<Record<string, unknown>>(fed.gatewayUrl, {
            query,
            variables: { id, ...variables },
            token: admin,
          });
          expect(Object.values(data)[0]).toMatchObject({ id, status: to });
          expect((await platform(fed, id)).history.at(-1)).toMatchObject({
            fromStatus: status,
            toStatus: to,
            action: move.toUpperCase(),
          });
        } else {
          const error = await refused(
            { query, variables: { id, ...variables }, token: admin },
            "CONFLICT",
          );
          expect(error.message).toContain(`cannot ${move} platform ${id}: it is ${status}`);
          expect(error.extensions).toMatchObject({ currentStatus: status });
        }
      }
    },
  );

  it("two certifications of one application at once: one succeeds, the other is CONFLICT", async () => {
    const id = await applied(fed);
    const responses = await Promise.all(
      ["MUNICIPAL", "NATIONAL"].map((level) =>
        send<{ certifyPlatform: { level: string } }>(fed.gatewayUrl, {
          query: CERTIFY,
          variables: { id, level },
          token: admin,
        }),
      ),
    );
    const ok = responses.filter((r) => !r.errors);
    const conflicts = responses.filter((r) => r.errors?.[0].extensions?.code === "CONFLICT");
    expect([ok.length, conflicts.length]).toEqual([1, 1]);
    const { history, level } = await platform(fed, id);
    expect(history.filter((e: { action: string }) => e.action === "CERTIFY")).toHaveLength(1);
    expect(level).toBe(ok[0].data!.certifyPlatform.level);
  });

  it("a revocation or rejection needs a reason", async () => {
    const id = await platformIn(fed, "CERTIFIED");
    const error = await refused(
      { query: REVOKE, variables: { id, reason: "   " }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(error.message).toMatch(/^reason is required/);
    await refused(
      { query: REVOKE, variables: { id, reason: "因".repeat(1001) }, token: admin },
      "BAD_USER_INPUT",
    );
  });

  it("an unknown platform is NOT_FOUND", async () => {
    for (const id of ["999999", "abc"]) {
      const error = await refused(
        { query: CERTIFY, variables: { id, level: "MUNICIPAL" }, token: admin },
        "NOT_FOUND",
      );
      expect(error.message).toBe(`platform ${id} does not exist`);
    }
  });
});

describe("applying again", () => {
  it("a rejected application applies again, audited, with its details renewed", async () => {
    const id = await platformIn(fed, "REJECTED");
    const input = platformInput({ name: `重新申报平台${id}`, kind: "PUBLIC_SERVICE" });
    const data = await execute<{ applyPlatform: unknown }>(fed.gatewayUrl, {
      query: APPLY_AGAIN,
      variables: { id, input },
      token: admin,
    });
    expect(data.applyPlatform).toMatchObject({ id, name: input.name, status: "APPLIED" });
    expect((await platform(fed, id)).history.map((e) => [e.action, e.toStatus])).toEqual([
      ["APPLY", "APPLIED"],
      ["REJECT", "REJECTED"],
      ["REAPPLY", "APPLIED"],
    ]);
  });

  it("a revoked platform applies again, without its old level and date", async () => {
    const id = await platformIn(fed, "REVOKED");
    const { name } = await platform(fed, id);
    const data = await execute<{ applyPlatform: unknown }>(fed.gatewayUrl, {
      query: APPLY_AGAIN,
      variables: { id, input: platformInput({ name }) },
      token: admin,
    });
    expect(data.applyPlatform).toMatchObject({
      status: "APPLIED",
      level: null,
      certifiedOn: null,
      appliedOn: today(),
    });
  });

  it("a certified platform cannot apply again: CONFLICT", async () => {
    const id = await platformIn(fed, "CERTIFIED");
    const error = await refused(
      { query: APPLY_AGAIN, variables: { id, input: platformInput() }, token: admin },
      "CONFLICT",
    );
    expect(error.message).toContain(`platform ${id} is CERTIFIED`);
  });

  it("a second live application of the same name in the same district is CONFLICT", async () => {
    const input = platformInput();
    await execute(fed.gatewayUrl, { query: APPLY, variables: { input }, token: admin });
    const error = await refused({ query: APPLY, variables: { input }, token: admin }, "CONFLICT");
    expect(error.message).toContain(`already has platform`);
  });
});

describe("the platform's own operator", () => {
  it("amends its own open application (ApplyPlatform names no id: the token's platform)", async () => {
    const id = await applied(fed);
    const operator = await fed.token("PLATFORM_OPERATOR", { platform: id, sub: "operator-a" });
    const input = platformInput({
      name: `修改后的名称${id}`,
      operatorName: "深圳市新运营有限公司",
    });
    const data = await execute<{ applyPlatform: unknown }>(fed.gatewayUrl, {
      query: APPLY,
      variables: { input },
      token: operator,
    });
    expect(data.applyPlatform).toEqual({ id, status: "APPLIED" });
    const after = await platform(fed, id);
    expect(after).toMatchObject({ name: input.name, operatorName: "深圳市新运营有限公司" });
    expect(after.history.at(-1)).toMatchObject({
      actor: "operator-a",
      action: "AMEND",
      fromStatus: "APPLIED",
      toStatus: "APPLIED",
      comment: "changed: name, operatorName",
    });
  });

  it("cannot write another platform: FORBIDDEN, nothing changed", async () => {
    const own = await applied(fed);
    const other = await applied(fed);
    const operator = await fed.token("PLATFORM_OPERATOR", { platform: own });
    const error = await refused(
      { query: APPLY_AGAIN, variables: { id: other, input: platformInput() }, token: operator },
      "FORBIDDEN",
    );
    expect(error.message).toBe(`you operate platform ${own} and cannot write platform ${other}`);
  });

  it("cannot certify, reject or revoke, not even its own platform", async () => {
    const id = await applied(fed);
    const operator = await fed.token("PLATFORM_OPERATOR", { platform: id });
    await refused(
      { query: CERTIFY, variables: { id, level: "NATIONAL" }, token: operator },
      "FORBIDDEN",
    );
    await refused({ query: REJECT, variables: { id, reason: "x" }, token: operator }, "FORBIDDEN");
  });

  it("a token naming a platform that does not exist is NOT_FOUND", async () => {
    const operator = await fed.token("PLATFORM_OPERATOR", { platform: "999999" });
    await refused(
      { query: APPLY, variables: { input: platformInput() }, token: operator },
      "NOT_FOUND",
    );
  });
});

const DISTRICT_CODE =
  "districtCode must be one of Shenzhen's district codes, e.g. 440305 (南山区); the districts query lists them";

describe("who may apply, and with what", () => {
  it.each([
    ["DISTRICT_OPERATOR", { district: "440305" }, "FORBIDDEN"],
    ["PUBLICITY_EDITOR", {}, "FORBIDDEN"],
    ["DASHBOARD_VIEWER", {}, "FORBIDDEN"],
  ] as const)("%s cannot apply", async (role, extra, code) => {
    const token = await fed.token(role, extra);
    await refused({ query: APPLY, variables: { input: platformInput() }, token }, code);
  });

  it("anonymous callers are UNAUTHENTICATED", async () => {
    await refused({ query: APPLY, variables: { input: platformInput() } }, "UNAUTHENTICATED");
    await refused({ query: CERTIFY, variables: { id: "1", level: "NATIONAL" } }, "UNAUTHENTICATED");
  });

  it.each([
    [{ districtCode: "440399" }, DISTRICT_CODE],
    [{ districtCode: "南山区" }, DISTRICT_CODE],
    // Trimmed before it is checked: a name of spaces is blank, and too short.
    [{ name: "   " }, "name must be 2-200 characters"],
    [{ name: "名".repeat(201) }, "name must be 2-200 characters"],
    [{ operatorName: "x" }, "operatorName must be 2-200 characters"],
    [{ sourceStationId: "abc" }, "sourceStationId abc: there is no such workstation"],
  ])("refuses %j", async (overrides, message) => {
    const error = await refused(
      { query: APPLY, variables: { input: platformInput(overrides) }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain(message);
  });

  it("refuses an unknown kind or level before anything runs", async () => {
    await refused(
      { query: APPLY, variables: { input: platformInput({ kind: "MEGA_BASE" }) }, token: admin },
      "BAD_USER_INPUT",
    );
  });
});
