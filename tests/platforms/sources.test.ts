// Platforms grown from a workstation: the source station is checked with districts through the
// gateway (exists, FILED, same district, not already grown into another platform), and a district
// recommends only its own FILED stations. When districts cannot answer, nothing is written.
import { bootFederation, type Federation } from "../helpers/federation";
import {
  contractOperation,
  execute,
  expectRefusedUnchanged,
  type Request,
} from "../helpers/graphql";
import {
  platform,
  platformInput,
  platformsState,
  serviceRequests,
  stationIn,
  whileUnreachable,
} from "./fixtures";

type Recommended = { recommendStation: { id: string; name: string } };

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const APPLY = contractOperation("ApplyPlatform");
const RECOMMEND = `mutation ($input: RecommendationInput!) { recommendStation(input: $input) { id name kind status districtCode: district { code } sourceStation { id name } recommendation history { actor action fromStatus toStatus comment } } }`;
const DISTRICT = "440307";
const OTHER = "440308";

const refused = (request: Request, code: string) =>
  expectRefusedUnchanged(fed.gatewayUrl, request, code, () => platformsState(fed));

const recommendation = (stationId: string, extra: Record<string, unknown> = {}) => ({
  stationId,
  kind: "SPECIALISED_BASE",
  operatorName: "深圳市龙岗创业服务有限公司",
  comment: "该站备案两年，服务企业逾百家，推荐申报专业型示范基地",
  ...extra,
});

describe("applyPlatform with a source station", () => {
  it("links a FILED station of the same district, asking districts once", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const asked = serviceRequests(fed, "SourceStations");
    const input = platformInput({ districtCode: DISTRICT, sourceStationId: stationId });
    const data = await execute<{ applyPlatform: { id: string } }>(fed.gatewayUrl, {
      query: APPLY,
      variables: { input },
      token: admin,
    });
    expect(serviceRequests(fed, "SourceStations")).toBe(asked + 1);
    const stored = await platform(fed, data.applyPlatform.id);
    expect(stored).toMatchObject({ sourceStation: { id: stationId }, recommendation: null });
  });

  it.each(["SUBMITTED", "UNDER_REVIEW", "SUSPENDED"] as const)(
    "refuses a %s station: BAD_USER_INPUT naming its status",
    async (status) => {
      const stationId = await stationIn(fed, DISTRICT, status);
      const input = platformInput({ districtCode: DISTRICT, sourceStationId: stationId });
      const error = await refused(
        { query: APPLY, variables: { input }, token: admin },
        "BAD_USER_INPUT",
      );
      expect(error.message).toContain(`is ${status}: only a FILED (备案) workstation`);
      expect(error.extensions).toMatchObject({ stationStatus: status });
    },
  );

  it("refuses an unknown station and one of another district", async () => {
    const unknown = platformInput({ districtCode: DISTRICT, sourceStationId: "999999" });
    const error = await refused(
      { query: APPLY, variables: { input: unknown }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(error.message).toBe("sourceStationId 999999: there is no such workstation");
    const foreign = await stationIn(fed, OTHER, "FILED");
    const input = platformInput({ districtCode: DISTRICT, sourceStationId: foreign });
    const other = await refused(
      { query: APPLY, variables: { input }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(other.message).toContain(`is in district ${OTHER}, the platform in ${DISTRICT}`);
  });

  it("an amendment moving the platform to another district than its station's is refused", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const input = platformInput({ districtCode: DISTRICT, sourceStationId: stationId });
    const { applyPlatform } = await execute<{ applyPlatform: { id: string } }>(fed.gatewayUrl, {
      query: APPLY,
      variables: { input },
      token: admin,
    });
    const operator = await fed.token("PLATFORM_OPERATOR", { platform: applyPlatform.id });
    const error = await refused(
      { query: APPLY, variables: { input: { ...input, districtCode: OTHER } }, token: operator },
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain(`is in district ${DISTRICT}, the platform in ${OTHER}`);
  });

  it("one station grows into one live platform: a second is CONFLICT", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const first = platformInput({ districtCode: DISTRICT, sourceStationId: stationId });
    const { applyPlatform } = await execute<{ applyPlatform: { id: string } }>(fed.gatewayUrl, {
      query: APPLY,
      variables: { input: first },
      token: admin,
    });
    const second = platformInput({ districtCode: DISTRICT, sourceStationId: stationId });
    const error = await refused(
      { query: APPLY, variables: { input: second }, token: admin },
      "CONFLICT",
    );
    expect(error.message).toContain(`already the source of platform ${applyPlatform.id}`);
  });
});

describe("recommendStation", () => {
  it("creates the application linked to the district's own FILED station, with its comment", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT, sub: "lg-clerk" });
    const input = recommendation(stationId);
    const data = await execute<Recommended>(fed.gatewayUrl, {
      query: RECOMMEND,
      variables: { input },
      token: operator,
    });
    expect(data.recommendStation).toEqual({
      id: expect.any(String),
      name: expect.stringContaining("平台测试工作站"),
      kind: "SPECIALISED_BASE",
      status: "APPLIED",
      districtCode: { code: DISTRICT },
      sourceStation: { id: stationId, name: data.recommendStation.name },
      recommendation: input.comment,
      history: [
        {
          actor: "lg-clerk",
          action: "RECOMMEND",
          fromStatus: null,
          toStatus: "APPLIED",
          comment: input.comment,
        },
      ],
    });
    // The city then certifies it like any other application.
    const certified = await execute<{ certifyPlatform: { status: string } }>(fed.gatewayUrl, {
      query: contractOperation("CertifyPlatform"),
      variables: { id: data.recommendStation.id, level: "MUNICIPAL" },
      token: admin,
    });
    expect(certified.certifyPlatform.status).toBe("CERTIFIED");
  });

  it("takes the name given instead of the station's", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
    const data = await execute<Recommended>(fed.gatewayUrl, {
      query: RECOMMEND,
      variables: { input: recommendation(stationId, { name: "龙岗智能制造专业型创业示范基地" }) },
      token: operator,
    });
    expect(data.recommendStation.name).toBe("龙岗智能制造专业型创业示范基地");
  });

  it("another district's station is FORBIDDEN", async () => {
    const stationId = await stationIn(fed, OTHER, "FILED");
    const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
    const error = await refused(
      { query: RECOMMEND, variables: { input: recommendation(stationId) }, token: operator },
      "FORBIDDEN",
    );
    expect(error.message).toContain(`is in district ${OTHER}; you operate district ${DISTRICT}`);
  });

  it("a station that is not FILED is BAD_USER_INPUT; an unknown one too", async () => {
    const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
    const stationId = await stationIn(fed, DISTRICT, "UNDER_REVIEW");
    const error = await refused(
      { query: RECOMMEND, variables: { input: recommendation(stationId) }, token: operator },
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain("is UNDER_REVIEW: only a FILED (备案) workstation");
    const unknown = await refused(
      { query: RECOMMEND, variables: { input: recommendation("999999") }, token: operator },
      "BAD_USER_INPUT",
    );
    expect(unknown.message).toBe("stationId 999999: there is no such workstation");
  });

  it("needs a comment, and is the district operator's act alone", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
    await refused(
      {
        query: RECOMMEND,
        variables: { input: recommendation(stationId, { comment: "  " }) },
        token: operator,
      },
      "BAD_USER_INPUT",
    );
    for (const token of [admin, await fed.token("PLATFORM_OPERATOR", { platform: "1" })]) {
      await refused(
        { query: RECOMMEND, variables: { input: recommendation(stationId) }, token },
        "FORBIDDEN",
      );
    }
  });
});

describe("when districts cannot answer", () => {
  it("refuses with CONFLICT saying so, and writes nothing", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    await whileUnreachable(fed, "districts", async () => {
      const input = platformInput({ districtCode: DISTRICT, sourceStationId: stationId });
      const error = await refused({ query: APPLY, variables: { input }, token: admin }, "CONFLICT");
      expect(error.message).toMatch(
        new RegExp(`^cannot check workstation ${stationId} right now .*nothing was written`),
      );
      const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
      await refused(
        { query: RECOMMEND, variables: { input: recommendation(stationId) }, token: operator },
        "CONFLICT",
      );
    });
  });
});
