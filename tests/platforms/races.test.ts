// One live platform per source station and per name in a district, whatever the interleaving: the
// database holds the rule (unique keys a platform keeps only while APPLIED or CERTIFIED), so of
// many concurrent applications exactly one succeeds and every other is CONFLICT naming the winner.
// SQLite serialises writes; MariaDB is where concurrent requests really interleave.
import { isUniqueViolation } from "../../subgraphs/shared/unique-violation";
import { Platform } from "../../subgraphs/platforms/entities/platform.entity";
import { liveKeys } from "../../subgraphs/platforms/services/live-keys";
import { PlatformKind, PlatformStatus } from "../../subgraphs/platforms/vocabulary";
import { bootFederation, type Federation } from "../helpers/federation";
import {
  contractOperation,
  execute,
  executeExpectingError,
  send,
  type GraphQLResponse,
} from "../helpers/graphql";
import { applied, platformIn, platformInput, stationIn } from "./fixtures";

type Won = Record<string, { id: string }>;

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const APPLY = contractOperation("ApplyPlatform");
const APPLY_AGAIN = `mutation ($id: ID!, $input: PlatformInput!) { applyPlatform(id: $id, input: $input) { id status } }`;
const RECOMMEND = `mutation ($input: RecommendationInput!) { recommendStation(input: $input) { id } }`;
const DISTRICT = "440305";
const TIMES = 10;

/** The one success among the answers, and the messages of the others, each a CONFLICT. */
function oneWinner(answers: GraphQLResponse<Won>[], field: string) {
  const won = answers.filter((a) => !a.errors?.length);
  expect(won).toHaveLength(1);
  const lost = answers.filter((a) => a.errors?.length);
  for (const answer of lost) expect(answer.errors![0].extensions?.code).toBe("CONFLICT");
  return {
    winner: won[0].data![field].id,
    messages: lost.map((a) => a.errors![0].message),
  };
}

/** Live platforms (APPLIED or CERTIFIED) as the platforms database holds them. */
async function live(where: string, value: unknown): Promise<number> {
  const [row] = await fed.subgraphs.platforms.db.query(
    `SELECT COUNT(*) AS n FROM platform WHERE ${where} = ? AND status IN ('APPLIED', 'CERTIFIED')`,
    [value],
  );
  return Number(row.n);
}

describe("concurrent applications", () => {
  it("recommending one station ten times at once: one platform, the rest CONFLICT", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const answers = await Promise.all(
      Array.from({ length: TIMES }, async (_, i) =>
        send<Won>(fed.gatewayUrl, {
          query: RECOMMEND,
          token: await fed.token("DISTRICT_OPERATOR", { district: DISTRICT, sub: `ns-${i}` }),
          variables: {
            input: {
              stationId,
              kind: "PUBLIC_SERVICE",
              operatorName: "运营方",
              name: `竞态平台${stationId}-${i}`,
              comment: "推荐理由",
            },
          },
        }),
      ),
    );
    const { winner, messages } = oneWinner(answers, "recommendStation");
    for (const message of messages) {
      expect(message).toBe(
        `workstation ${stationId} is already the source of platform ${winner} (APPLIED); one station grows into one platform`,
      );
    }
    expect(await live("sourceStationId", Number(stationId))).toBe(1);
  });

  it("ten applications of one name in one district at once: one platform, the rest CONFLICT", async () => {
    const input = platformInput({ districtCode: DISTRICT });
    const answers = await Promise.all(
      Array.from({ length: TIMES }, () =>
        send<Won>(fed.gatewayUrl, { query: APPLY, variables: { input }, token: admin }),
      ),
    );
    const { winner, messages } = oneWinner(answers, "applyPlatform");
    for (const message of messages) {
      expect(message).toBe(
        `district ${DISTRICT} already has platform ${winner} named "${input.name}" (APPLIED); amend that one instead`,
      );
    }
    expect(await live("name", input.name)).toBe(1);
  });

  it("ten applications from one station at once: one platform, the rest CONFLICT", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const answers = await Promise.all(
      Array.from({ length: TIMES }, () =>
        send<Won>(fed.gatewayUrl, {
          query: APPLY,
          variables: {
            input: platformInput({ districtCode: DISTRICT, sourceStationId: stationId }),
          },
          token: admin,
        }),
      ),
    );
    const { winner, messages } = oneWinner(answers, "applyPlatform");
    for (const message of messages)
      expect(message).toContain(
        `workstation ${stationId} is already the source of platform ${winner}`,
      );
    expect(await live("sourceStationId", Number(stationId))).toBe(1);
  });

  it("ten rejected platforms of one name applying again at once: one reopens, the rest CONFLICT", async () => {
    const input = platformInput({ districtCode: DISTRICT });
    // Each is rejected before the next applies, so all ten exist with the same name.
    const ids: string[] = [];
    for (let i = 0; i < TIMES; i += 1) ids.push(await platformIn(fed, "REJECTED", input));
    const answers = await Promise.all(
      ids.map((id) =>
        send<Won>(fed.gatewayUrl, { query: APPLY_AGAIN, variables: { id, input }, token: admin }),
      ),
    );
    const { winner, messages } = oneWinner(answers, "applyPlatform");
    for (const message of messages)
      expect(message).toContain(`already has platform ${winner} named "${input.name}"`);
    expect(await live("name", input.name)).toBe(1);
  });
});

describe("the live keys every transition keeps", () => {
  const keys = async (id: string) => {
    const [row] = await fed.subgraphs.platforms.db.query(
      "SELECT liveSourceStationId AS station, liveNameKey AS name FROM platform WHERE id = ?",
      [Number(id)],
    );
    return { station: row.station === null ? null : Number(row.station), name: row.name };
  };
  const conflictOf = async (variables: Record<string, unknown>, query = APPLY) =>
    (await executeExpectingError(fed.gatewayUrl, { query, variables, token: admin }, "CONFLICT"))
      .errors![0].message;

  it("rejecting or revoking frees the station and the name; applying again takes them back unless taken", async () => {
    const stationId = await stationIn(fed, DISTRICT, "FILED");
    const input = platformInput({ districtCode: DISTRICT, sourceStationId: stationId });
    const rejected = await platformIn(fed, "REJECTED", input);
    expect(await keys(rejected)).toEqual({ station: null, name: null });
    const revoked = await platformIn(fed, "REVOKED", input);
    expect(await keys(revoked)).toEqual({ station: null, name: null });
    const certified = await platformIn(fed, "CERTIFIED", input);
    expect(await keys(certified)).toEqual({ station: Number(stationId), name: expect.any(String) });
    expect(await conflictOf({ id: rejected, input }, APPLY_AGAIN)).toBe(
      `district ${DISTRICT} already has platform ${certified} named "${input.name}" (CERTIFIED); amend that one instead`,
    );
    const renamed = { ...input, name: `${input.name}（新）` };
    expect(await conflictOf({ id: revoked, input: renamed }, APPLY_AGAIN)).toBe(
      `workstation ${stationId} is already the source of platform ${certified} (CERTIFIED); one station grows into one platform`,
    );
    for (const id of [rejected, revoked])
      expect(await keys(id)).toEqual({ station: null, name: null });
  });

  it("an amendment moves the keys with the name and station", async () => {
    const [one, two] = [
      await stationIn(fed, DISTRICT, "FILED"),
      await stationIn(fed, DISTRICT, "FILED"),
    ];
    const input = platformInput({ districtCode: DISTRICT, sourceStationId: one });
    const id = await applied(fed, input);
    const before = await keys(id);
    const moved = { ...input, name: `${input.name}（更名）`, sourceStationId: two };
    await execute(fed.gatewayUrl, {
      query: APPLY_AGAIN,
      variables: { id, input: moved },
      token: admin,
    });
    const after = await keys(id);
    expect(after.station).toBe(Number(two));
    expect(after.name).not.toBe(before.name);
    // The old station and name are free again; the new ones are not.
    await applied(fed, input);
    expect(await conflictOf({ input: { ...moved, sourceStationId: null } })).toContain(
      `already has platform ${id} named "${moved.name}"`,
    );
  });

  it("compares names as people read them: width, case and spacing aside", async () => {
    const input = platformInput({ districtCode: DISTRICT, name: `ＡＢＣ  示范平台${Date.now()}` });
    const id = await applied(fed, input);
    const variant = input.name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ");
    expect(await conflictOf({ input: { ...input, name: variant } })).toBe(
      `district ${DISTRICT} already has platform ${id} named "${input.name}" (APPLIED); amend that one instead`,
    );
    // Another district may use the name.
    await applied(fed, { ...input, districtCode: "440306" });
  });

  it("the database refuses a second live platform of a station or a name, whatever a service checks", async () => {
    const repo = fed.subgraphs.platforms.db.getRepository(Platform);
    const row = (name: string, sourceStationId: number | null, status = PlatformStatus.APPLIED) => {
      const values = {
        name,
        kind: PlatformKind.PUBLIC_SERVICE,
        operatorName: "运营方",
        districtCode: DISTRICT,
        sourceStationId,
        status,
        appliedOn: "2025-01-02",
      };
      return { ...values, ...liveKeys(values) };
    };
    const name = `直写平台${Date.now()}`;
    await repo.insert(row(name, 900001));
    for (const second of [row(`${name}乙`, 900001), row(name.toUpperCase(), 900002)]) {
      const refused = await repo.insert(second).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isUniqueViolation(refused)).toBe(true);
    }
    // Rejected and revoked platforms hold no keys: any number may share a station and a name.
    await repo.insert(row(name, 900001, PlatformStatus.REJECTED));
    await repo.insert(row(name, 900001, PlatformStatus.REVOKED));
  });
});
