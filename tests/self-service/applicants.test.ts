// A person signed in without a hub role (APPLICANT) applies to the corps for itself, follows its
// application, and once appointed acts as that VOLUNTEER with the same sign-in (docs/self-service.md).
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, send } from "../helpers/graphql";
import { agreement, applicant, appoint } from "../corps/fixtures";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

const APPLY = `mutation ($input: VolunteerInput!) { applyToCorps(input: $input) { id status } }`;
const MY_APPLICATION = `{ myApplication { id status appointedOn } }`;

const apply = (token: string, input = applicant()) =>
  send<{ applyToCorps: { id: string; status: string } }>(fed.gatewayUrl, {
    query: APPLY,
    variables: { input },
    token,
  });

async function volunteerCount() {
  const [row] = await fed.subgraphs.corps.db.query("SELECT COUNT(*) AS n FROM volunteer");
  return Number(row.n);
}

it("applies once per identity, follows its status, and acts as the VOLUNTEER once appointed", async () => {
  const token = await fed.token("APPLICANT", { sub: "provider|applicant-1" });
  expect(
    (await execute<{ myApplication: unknown }>(fed.gatewayUrl, { query: MY_APPLICATION, token }))
      .myApplication,
  ).toBeNull();
  const applied = await apply(token);
  expect(applied.errors).toBeUndefined();
  const { id } = applied.data!.applyToCorps;
  expect(applied.data!.applyToCorps.status).toBe("APPLIED");
  const [row] = await fed.subgraphs.corps.db.query(
    "SELECT identitySubject FROM volunteer WHERE id = ?",
    [Number(id)],
  );
  expect(row.identitySubject).toBe("provider|applicant-1");

  // One application per identity; nothing more is written.
  const count = await volunteerCount();
  expect((await apply(token)).errors?.[0].extensions?.code).toBe("CONFLICT");
  expect(await volunteerCount()).toBe(count);
  expect(
    (await execute<{ myApplication: unknown }>(fed.gatewayUrl, { query: MY_APPLICATION, token }))
      .myApplication,
  ).toEqual({
    id,
    status: "APPLIED",
    appointedOn: null,
  });
  // Not appointed yet: no volunteer record of its own.
  const record = await execute<{ myVolunteerRecord: unknown }>(fed.gatewayUrl, {
    query: contractOperation("MyVolunteerRecord"),
    token,
  });
  expect(record.myVolunteerRecord).toBeNull();

  await appoint(fed, id, agreement());
  const now = await execute(fed.gatewayUrl, {
    query: `{ myVolunteerRecord { id status serviceHours } myApplication { status } }`,
    token,
  });
  expect(now).toEqual({
    myVolunteerRecord: { id, status: "APPOINTED", serviceHours: 0 },
    myApplication: { status: "APPOINTED" },
  });
  // It is a VOLUNTEER now: applying again is not for it.
  expect((await apply(token)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
});

it("reaches nothing else: staff mutations are refused and others' applications unseen", async () => {
  const token = await fed.token("APPLICANT", { sub: "provider|applicant-2" });
  const other = await fed.token("APPLICANT", { sub: "provider|applicant-3" });
  await apply(other);
  const count = await volunteerCount();
  const register = await send(fed.gatewayUrl, {
    query: contractOperation("RegisterVolunteer"),
    variables: { input: applicant() },
    token,
  });
  expect(register.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  expect(await volunteerCount()).toBe(count);
  expect(
    (await execute<{ myApplication: unknown }>(fed.gatewayUrl, { query: MY_APPLICATION, token }))
      .myApplication,
  ).toBeNull();
  // Bad input writes nothing.
  const bad = await apply(token, applicant({ idNumber: "123" }));
  expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(await volunteerCount()).toBe(count);
  // Only a person without a hub role applies for itself.
  for (const role of ["CITY_ADMIN", "ENTERPRISE"] as const) {
    const staff = await fed.token(
      role,
      role === "ENTERPRISE" ? { creditCode: fed.demo.demands[0].creditCode } : {},
    );
    expect((await apply(staff)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  }
  expect(
    (await send(fed.gatewayUrl, { query: APPLY, variables: { input: applicant() } })).errors?.[0]
      .extensions?.code,
  ).toBe("UNAUTHENTICATED");
});
