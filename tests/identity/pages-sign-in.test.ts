// The dashboard page and GraphiQL sign in through a real provider in a real browser (issue 27,
// items 3 and 4): Chromium follows the authorization code flow with PKCE to oidc-provider's login
// page and back, the page exchanges the code itself, keeps the tokens in memory only, shows who is
// signed in with which role, refreshes the access token before it expires, and signs out at the
// provider. Requests to any host but the hub and the provider are refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildDashboard } from "../../tools/build-dashboard";
import { buildIde } from "../../tools/build-ide";
import { freePort } from "../../tools/start-checks";
import { bootFederation, type Federation } from "../helpers/federation";
import { describeInBrowser, launchChromium, offlineContext } from "../helpers/chromium";
import { startOidcProvider, type OidcProvider } from "../helpers/oidc-provider";

/** Short-lived access tokens, so that the page has to refresh one while the test watches. */
const TTL = 12;

describeInBrowser("sign-in page tests")("signing in on the pages", () => {
  let provider: OidcProvider;
  let fed: Federation;
  let browser: Browser;
  const outside: string[] = [];

  beforeAll(async () => {
    const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), name));
    const [dashboardDir, ideDir] = await Promise.all([
      buildDashboard(tmp("hub-dashboard-")),
      buildIde(tmp("hub-ide-")),
    ]);
    const port = await freePort();
    const pages = ["dashboard", "graphiql"].map((p) => `http://127.0.0.1:${port}/${p}`);
    provider = await startOidcProvider({
      audience: "sme-volunteer-hub",
      accessTokenTtl: TTL,
      clients: [{ client_id: "hub-pages", redirect_uris: pages, post_logout_redirect_uris: pages }],
      users: [
        { id: "viewer", name: "看板用户", claims: { role: "DASHBOARD_VIEWER" } },
        { id: "admin", name: "市局管理员", claims: { role: "CITY_ADMIN" } },
        {
          id: "enterprise",
          name: "示例企业",
          claims: { role: "ENTERPRISE", credit_code: "914403000800LD9LFX" },
        },
      ],
    });
    fed = await bootFederation({
      gatewayPort: port,
      dashboardDir,
      ideDir,
      env: { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: "sme-volunteer-hub" },
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await fed?.stop();
    await provider?.stop();
  });

  async function newContext(): Promise<BrowserContext> {
    return offlineContext(browser, [fed.gatewayOrigin, provider.issuer], outside, {
      viewport: { width: 1400, height: 1600 },
    });
  }

  /** Picks the user on the provider's login page; the browser comes back to the page. */
  async function pickUser(page: Page, user: string) {
    await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
    await page.click(`button[value="${user}"]`);
  }

  /** Every token the provider's token endpoint handed the page, in order. */
  function tokenAnswers(page: Page) {
    const answers: Array<{ grant: string; access_token: string; refresh_token?: string }> = [];
    page.on("response", async (response) => {
      if (!response.url().startsWith(`${provider.issuer}/token`) || !response.ok()) return;
      const grant = new URLSearchParams(response.request().postData() ?? "").get("grant_type");
      answers.push({ grant: grant ?? "", ...(await response.json()) });
    });
    return answers;
  }

  it("the dashboard: signs in, shows who, refreshes the token in time, signs out", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const answers = tokenAnswers(page);
    const bearers: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/graphql"))
        bearers.push((request.headers().authorization ?? "").replace(/^Bearer /, ""));
    });
    await page.goto(`${fed.gatewayOrigin}/dashboard`);
    await page.click("#sign-in-button");
    await pickUser(page, "viewer");
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.state === "ready");
    expect(new URL(page.url()).search).toBe("");
    expect(await page.textContent("#signed-in-as")).toBe("已登录：看板用户 · DASHBOARD_VIEWER");
    expect(await page.locator("#districts tbody tr").count()).toBe(11);
    // The figures were asked for with the token the code was exchanged for.
    expect(answers[0].grant).toBe("authorization_code");
    expect(bearers.at(-1)).toBe(answers[0].access_token);
    // Nothing of the tokens is kept anywhere but in the page's memory.
    const kept = await page.evaluate(() =>
      JSON.stringify({
        local: { ...(globalThis as any).localStorage },
        session: { ...(globalThis as any).sessionStorage },
        cookies: (globalThis as any).document.cookie,
      }),
    );
    expect(kept).not.toContain(answers[0].access_token);
    expect(kept).not.toContain(answers[0].refresh_token);
    // Before the token expires, the page trades its refresh token for a new one, and uses it.
    await page.waitForResponse(
      (r) =>
        r.url().startsWith(`${provider.issuer}/token`) &&
        (r.request().postData() ?? "").includes("grant_type=refresh_token"),
      { timeout: TTL * 1000 },
    );
    await page.click('button[data-preset="本月"]');
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.state === "ready");
    const refreshed = answers.find((a) => a.grant === "refresh_token")!;
    expect(refreshed.access_token).not.toBe(answers[0].access_token);
    expect(bearers.at(-1)).toBe(refreshed.access_token);
    // Signing out ends the provider's session too: the next sign-in asks who again.
    await page.click("#sign-out");
    await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/session/end`));
    await page.click('button[name="logout"]');
    await page.waitForURL(`${fed.gatewayOrigin}/dashboard`);
    await page.waitForSelector("#sign-in-button:not([hidden])");
    expect(await page.isHidden("#signed-in-as")).toBe(true);
    await page.click("#sign-in-button");
    await pickUser(page, "enterprise");
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.state === "error");
    expect(await page.textContent("#signed-in-as")).toContain("ENTERPRISE · 914403000800LD9LFX");
    expect(await page.textContent("#message")).toContain("无权查看看板");
    expect(outside).toEqual([]);
    await context.close();
  }, 90_000);

  it("GraphiQL: signs in and runs an operation as the signed-in user", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${fed.gatewayOrigin}/graphiql`);
    await page.click("#hub-sign-in");
    await pickUser(page, "admin");
    await page.waitForSelector('#hub-token-state[data-role="CITY_ADMIN"]');
    expect(await page.textContent("#hub-token-state")).toContain("市局管理员 · CITY_ADMIN");
    await page.click('button[data-example="Platforms"]');
    await page.waitForFunction(() =>
      (
        (globalThis as any).document
          .querySelector(".graphiql-query-editor .CodeMirror")
          ?.CodeMirror?.getValue() ?? ""
      ).includes("Platforms"),
    );
    await page.click(".graphiql-execute-button");
    const response = await page.waitForFunction(
      () => {
        const text =
          (globalThis as any).document
            .querySelector(".graphiql-response .CodeMirror")
            ?.CodeMirror?.getValue() ?? "";
        return /"totalCount"|"errors"/.test(text) ? text : false;
      },
      undefined,
      { timeout: 15_000 },
    );
    const body = JSON.parse((await response.jsonValue()) as string);
    expect(body.errors).toBeUndefined();
    expect(body.data.platforms.totalCount).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    await context.close();
  }, 60_000);
});
