// The expert directory (义诊专栏) and the service menu: who is listed (appointed, opted in, valid
// agreement), the filters and pages, no personal data for the public, a suspended expert gone at
// once; the menu kept by CITY_ADMIN and checked when a booking names an entry.
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, executeExpectingError, send } from "../helpers/graphql";
import { register } from "../corps/fixtures";
import { bookingInput, demandIn, expert, LISTING, refused, REQUEST } from "./fixtures";

type Directory = {
  expertDirectory: {
    nodes: Array<{ id: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
type Saved = { saveServiceMenuItem: { id: string } };
type Menu = { serviceMenu: Array<{ id: string }> };

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const DIRECTORY = `query ($first: Int, $after: String, $category: ServiceCategory, $expertType: ExpertType, $districtCode: ID, $branchId: ID, $form: ServiceForm) {
  expertDirectory(first: $first, after: $after, category: $category, expertType: $expertType, districtCode: $districtCode, branchId: $branchId, form: $form) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name expertType categories profile serviceForms branch { id district { code } }
      serviceHours meanSatisfaction openBookingCount contactPhone idNumber }
  }
}`;

const directory = (variables: Record<string, unknown>, token?: string) =>
  execute<Directory>(fed.gatewayUrl, {
    query: DIRECTORY,
    variables: { first: 100, ...variables },
    token,
  });

/** Every listed expert matching the filters, page after page. */
async function allListed(variables: Record<string, unknown>): Promise<Array<{ id: string }>> {
  const nodes: Array<{ id: string }> = [];
  let after: string | null = null;
  for (;;) {
    const data: Directory = await directory({ ...variables, after });
    nodes.push(...data.expertDirectory.nodes);
    if (!data.expertDirectory.pageInfo.hasNextPage) return nodes;
    after = data.expertDirectory.pageInfo.endCursor;
  }
}

describe("the expert directory", () => {
  it("lists appointed experts who opted in, with their profile and forms, to the public", async () => {
    const listed = await expert(fed, {
      categories: ["SPACE"],
      expertType: "PARK_MANAGER",
      form: "OFFLINE",
    });
    const unlisted = await expert(fed, { categories: ["SPACE"], listed: false });
    const ids = (await allListed({ category: "SPACE" })).map((n) => n.id);
    expect(ids).toContain(listed);
    expect(ids).not.toContain(unlisted);
    const { expertDirectory } = await directory({ category: "SPACE", expertType: "PARK_MANAGER" });
    expect(expertDirectory.nodes.find((n: { id: string }) => n.id === listed)).toMatchObject({
      profile: "十年银行信贷经验，帮助中小企业对接融资渠道",
      serviceForms: ["OFFLINE"],
      branch: { id: "3", district: { code: "440305" } },
      serviceHours: 0,
      meanSatisfaction: null,
      openBookingCount: 0,
    });
  });

  it("shows no personal data to the public", async () => {
    const id = await expert(fed, { categories: ["KNOWLEDGE"], expertType: "SCHOLAR" });
    const [row] = await fed.subgraphs.corps.db.query(
      "SELECT contactPhone, idNumber FROM volunteer WHERE id = ?",
      [Number(id)],
    );
    const response = await send<Directory>(fed.gatewayUrl, {
      query: DIRECTORY,
      variables: { first: 100, category: "KNOWLEDGE" },
    });
    const body = JSON.stringify(response);
    const mine = response.data!.expertDirectory.nodes.find((n: { id: string }) => n.id === id);
    expect(mine).toMatchObject({ contactPhone: null, idNumber: null });
    expect(body).not.toContain(row.contactPhone);
    expect(body).not.toContain(row.idNumber);
    expect(body).not.toMatch(/1[3-9]\d{9}/);
    expect(body).not.toMatch(/\d{17}[\dX]/);
  });

  it("filters by category, expert type, district, branch and form, and pages exactly", async () => {
    const online = await expert(fed, {
      categories: ["INNOVATION"],
      expertType: "TECH_INNOVATION",
      branchId: "4",
      form: "ONLINE",
    });
    const both = await expert(fed, {
      categories: ["INNOVATION", "MARKET"],
      expertType: "INDUSTRY",
      branchId: "4",
    });
    const ids = async (filters: Record<string, unknown>) =>
      (await allListed(filters)).map((n) => n.id);
    expect(await ids({ category: "INNOVATION", districtCode: "440306" })).toEqual(
      expect.arrayContaining([online, both]),
    );
    expect(await ids({ category: "INNOVATION", form: "OFFLINE", branchId: "4" })).toContain(both);
    expect(await ids({ category: "INNOVATION", form: "OFFLINE", branchId: "4" })).not.toContain(
      online,
    );
    expect(await ids({ category: "MARKET", expertType: "INDUSTRY", branchId: "4" })).toEqual(
      expect.arrayContaining([both]),
    );
    expect(await ids({ category: "INNOVATION", districtCode: "440307" })).not.toContain(online);
    // Pages of 2 give the same experts, in id order, as one page of 100.
    const whole = await ids({ category: "INNOVATION" });
    const pages: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const data: any = await directory({ category: "INNOVATION", first: 2, after });
      pages.push(...data.expertDirectory.nodes.map((n: { id: string }) => n.id));
      total = data.expertDirectory.totalCount;
      after = data.expertDirectory.pageInfo.hasNextPage
        ? data.expertDirectory.pageInfo.endCursor
        : null;
    } while (after);
    expect(pages).toEqual(whole);
    expect(total).toBe(whole.length);
    expect([...whole].sort((a, b) => Number(a) - Number(b))).toEqual(whole);
  });

  it("drops a suspended expert at once, and shows a reinstated one again", async () => {
    const id = await expert(fed, { categories: ["LEGAL"], expertType: "LEGAL" });
    expect((await allListed({ category: "LEGAL" })).map((n) => n.id)).toContain(id);
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { suspendVolunteer(id: $id, reason: "投诉核查中") { status } }`,
      variables: { id },
      token: admin,
    });
    expect((await allListed({ category: "LEGAL" })).map((n) => n.id)).not.toContain(id);
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { reinstateVolunteer(id: $id) { status } }`,
      variables: { id },
      token: admin,
    });
    expect((await allListed({ category: "LEGAL" })).map((n) => n.id)).toContain(id);
  });

  it("lists only serving volunteers, unlists with a reason, and keeps both in the history", async () => {
    const { id: applicantId } = await register(fed);
    const error = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: LISTING,
        variables: { id: applicantId, listed: true, profile: "资深财务顾问，熟悉中小企业融资" },
        token: admin,
      },
      "CONFLICT",
    );
    expect(error.errors![0].message).toContain(
      "only an APPOINTED volunteer under a valid agreement",
    );
    const id = await expert(fed, { categories: ["STRATEGY"] });
    await executeExpectingError(
      fed.gatewayUrl,
      { query: LISTING, variables: { id, listed: false }, token: admin },
      "BAD_USER_INPUT",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: LISTING,
        variables: { id, listed: false, reason: "本人申请" },
        token: await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
      },
      "FORBIDDEN",
    );
    const data = await execute<{ setDirectoryListing: { listedInDirectory: boolean } }>(
      fed.gatewayUrl,
      {
        query: LISTING,
        variables: { id, listed: false, reason: "本人申请暂停接受预约" },
        token: admin,
      },
    );
    expect(data.setDirectoryListing.listedInDirectory).toBe(false);
    const history = await execute<{ volunteer: { history: unknown[] } }>(fed.gatewayUrl, {
      query: `query ($id: ID!) { volunteer(id: $id) { history { actor fromStatus toStatus comment } } }`,
      variables: { id },
      token: admin,
    });
    expect(history.volunteer.history.slice(-2)).toEqual([
      expect.objectContaining({
        toStatus: "APPOINTED",
        comment: "listed in the expert directory (义诊专栏)",
      }),
      expect.objectContaining({
        fromStatus: "APPOINTED",
        toStatus: "APPOINTED",
        comment: "removed from the expert directory: 本人申请暂停接受预约",
      }),
    ]);
  });
});

describe("the service menu", () => {
  const SAVE = `mutation ($input: ServiceMenuItemInput!, $id: ID, $v: Int) { saveServiceMenuItem(input: $input, id: $id, expectedVersion: $v) { id category title forms active version } }`;
  const MENU = `query ($c: ServiceCategory) { serviceMenu(category: $c) { id title forms active } }`;
  const entry = (extra: Record<string, unknown> = {}) => ({
    category: "FINANCING",
    title: "测试：银行贷款材料一对一辅导",
    description: "帮助企业梳理贷款申请材料，对接合作银行",
    forms: ["ONLINE", "OFFLINE"],
    durationMinutes: 60,
    ...extra,
  });

  it("is kept by CITY_ADMIN and read by anyone; retired entries leave the public menu", async () => {
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SAVE, variables: { input: entry() }, token: await fed.token("DASHBOARD_VIEWER") },
      "FORBIDDEN",
    );
    const { saveServiceMenuItem: saved } = await execute<Saved>(fed.gatewayUrl, {
      query: SAVE,
      variables: { input: entry() },
      token: admin,
    });
    expect(saved).toMatchObject({
      category: "FINANCING",
      forms: ["OFFLINE", "ONLINE"],
      version: 1,
    });
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SAVE, variables: { input: entry() }, token: admin },
      "CONFLICT",
    );
    const stale = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: SAVE,
        variables: { input: entry({ durationMinutes: 90 }), id: saved.id, v: 7 },
        token: admin,
      },
      "CONFLICT",
    );
    expect(stale.errors![0].extensions).toMatchObject({ currentVersion: 1 });
    const menu = await execute<Menu>(fed.gatewayUrl, {
      query: MENU,
      variables: { c: "FINANCING" },
    });
    expect(menu.serviceMenu.map((m: { id: string }) => m.id)).toContain(saved.id);
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { retireServiceMenuItem(id: $id) { active } }`,
      variables: { id: saved.id },
      token: admin,
    });
    const after = await execute<Menu>(fed.gatewayUrl, {
      query: MENU,
      variables: { c: "FINANCING" },
    });
    expect(after.serviceMenu.map((m: { id: string }) => m.id)).not.toContain(saved.id);
  });

  it("is checked when a booking names an entry: the demand's category, an active entry", async () => {
    const legal = await execute<Saved>(fed.gatewayUrl, {
      query: SAVE,
      variables: { input: entry({ category: "LEGAL", title: "测试：合同法律体检" }) },
      token: admin,
    });
    const financing = await execute<Saved>(fed.gatewayUrl, {
      query: SAVE,
      variables: { input: entry({ title: "测试：融资路演一对一辅导", forms: ["OFFLINE"] }) },
      token: admin,
    });
    const expertId = await expert(fed);
    const demand = await demandIn(fed, "440305");
    const nanshan = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
    const book = (menuItemId: string, form = "OFFLINE") => ({
      query: REQUEST,
      variables: { input: bookingInput(demand.id, expertId, { menuItemId, form }) },
      token: nanshan,
    });
    const wrongCategory = await refused(fed, book(legal.saveServiceMenuItem.id), "BAD_USER_INPUT");
    expect(wrongCategory.message).toContain("the demand is 融资 (FINANCING)");
    const wrongForm = await refused(
      fed,
      book(financing.saveServiceMenuItem.id, "ONLINE"),
      "BAD_USER_INPUT",
    );
    expect(wrongForm.message).toContain("is held OFFLINE only");
    const booked = await execute<{ requestBooking: { menuItem: unknown } }>(
      fed.gatewayUrl,
      book(financing.saveServiceMenuItem.id),
    );
    expect(booked.requestBooking.menuItem).toEqual({
      id: financing.saveServiceMenuItem.id,
      title: "测试：融资路演一对一辅导",
    });
  });
});
