// The one refusal check of the tests (tests/helpers/graphql.ts) fails when it should: a check
// that cannot fail would let every refusal test pass on any answer.
import { expectRefusal } from "../helpers/graphql";

const answer = (status: number, ...codes: string[]) => ({
  status,
  errors: codes.map((code) => ({ message: `refused: ${code}`, extensions: { code } })),
});

describe("expectRefusal", () => {
  it("returns the error with the code, among the others or first", () => {
    expect(expectRefusal(answer(400, "A", "B"), "B").extensions?.code).toBe("B");
    expect(expectRefusal(answer(400, "A"), "A", { status: 400, first: true }).message).toBe(
      "refused: A",
    );
    const http = { status: 401, body: answer(401, "UNAUTHENTICATED") };
    expect(
      expectRefusal(http, "UNAUTHENTICATED", { status: 401, message: /refused/ }),
    ).toBeTruthy();
  });

  it("throws, showing the answer, on data, another code, status or message", () => {
    expect(() => expectRefusal({ status: 200, data: { ok: true } }, "A")).toThrow(/"ok": true/);
    expect(() => expectRefusal(answer(400, "B"), "A")).toThrow(/extensions.code A/);
    expect(() => expectRefusal(answer(400, "B", "A"), "A", { first: true })).toThrow(/first/);
    expect(() => expectRefusal(answer(200, "A"), "A", { status: 400 })).toThrow(/HTTP 400/);
    expect(() => expectRefusal(answer(400, "A"), "A", { message: /other/ })).toThrow(/other/);
  });
});
