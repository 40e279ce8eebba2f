// The dashboard's figures asked for a district that is not one: the rollups keep the city's rows
// under the district code "*" (services/rollups.ts, CITY), and the one-day demand figures now come
// from demand_day, so demandStats(districtCode: "*") answers the whole city's figures as if "*"
// were a district, and an unknown code answers zeros. Bad input gets a clear error instead.
import { today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { send } from "../helpers/graphql";

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const STATS = `query ($from: Date!, $to: Date!, $d: ID) { demandStats(from: $from, to: $to, districtCode: $d) { total resolved } }`;

it.each(["*", "999999"])(
  "refuses the dashboard's demand figures for district %p with an error code",
  async (code) => {
    // One day (from demand_day) and a whole year (from demand_month).
    for (const [from, to] of [
      [today(), today()],
      [`${today().slice(0, 4)}-01-01`, `${today().slice(0, 4)}-12-31`],
    ]) {
      const answer = await send<{ demandStats: { total: number } | null }>(fed.gatewayUrl, {
        query: STATS,
        variables: { from, to, d: code },
        token: admin,
      });
      expect({
        total: answer.data?.demandStats?.total ?? null,
        codes: (answer.errors ?? []).map((e) => e.extensions?.code),
      }).toEqual({ total: null, codes: [expect.stringMatching(/^(BAD_USER_INPUT|NOT_FOUND)$/)] });
    }
  },
);
