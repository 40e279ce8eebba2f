// The gateway tester's subgraphs stand for real ones where the gateway is concerned: they answer
// the gateway's signed credential only, bound to the exact body, and pass its caller on.
import { signCredential, CREDENTIAL_HEADER } from "../../runtime/credential";
import { send } from "../helpers/graphql";
import { createGatewayTester, type GatewayTester } from "../helpers/gateway-tester";

let tester: GatewayTester;
beforeAll(async () => {
  tester = await createGatewayTester({
    subgraphs: [
      {
        name: "corps",
        typeDefs: "type Query { whoAmI: String }",
        resolvers: {
          Query: {
            whoAmI: (_: unknown, _a: unknown, { caller }: { caller: { role: string } | null }) =>
              caller?.role ?? "anonymous",
          },
        },
      },
    ],
  });
});
afterAll(() => tester?.stop());

const QUERY = "{ whoAmI }";

it("answers the gateway's calls, with the caller it verified", async () => {
  const before = tester.calls();
  const token = await tester.token("CITY_ADMIN");
  expect(await tester.execute({ query: QUERY, token })).toEqual({ whoAmI: "CITY_ADMIN" });
  expect(await tester.execute({ query: QUERY })).toEqual({ whoAmI: "anonymous" });
  expect(tester.calls() - before).toBe(2);
});

it("refuses a call without the credential, or with one signed for another body", async () => {
  const corps = tester.subgraphs.corps!;
  const refusedBefore = corps.refusedCalls();
  const callsBefore = corps.calls();
  const bare = await send(corps.url, { query: QUERY });
  expect(bare.status).toBe(401);
  expect(bare.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  const requestId = "tester-direct";
  const credential = await signCredential(
    { caller: null, requestId, subgraph: "corps", body: JSON.stringify({ query: "{ other }" }) },
    tester.config,
  );
  const forged = await send(corps.url, {
    query: QUERY,
    headers: { "x-request-id": requestId, [CREDENTIAL_HEADER]: credential },
  });
  expect(forged.status).toBe(401);
  expect(forged.errors?.[0]?.message).toMatch(/another operation or variables/);
  expect(corps.refusedCalls() - refusedBefore).toBe(2);
  expect(corps.calls()).toBe(callsBefore);
});
