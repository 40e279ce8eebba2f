// The /me page in Chromium at a phone's size (390×844), signed in through a real provider
// (tools/dev-oidc-provider.mjs) with one user per kind of caller, every request to a host other
// than the hub and the provider refused. Screenshots go to test-output/me-*.png.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { generateDemo, type DemoData } from "../../demo/generate";
import { today } from "../../runtime/dates";
import { buildMe } from "../../tools/build-me";
import { freePort } from "../../tools/start-checks";
import { bootFederation, type Federation } from "../helpers/federation";
import { startOidcProvider, type OidcProvider, type ProviderUser } from "../helpers/oidc-provider";

export const CHROMIUM = "/usr/bin/chromium";
export const inBrowser = fs.existsSync(CHROMIUM);
export const OUTPUT = path.join(__dirname, "..", "..", "test-output");
export const PHONE = { width: 390, height: 844 };

export interface MeHarness {
  fed: Federation;
  provider: OidcProvider;
  browser: Browser;
  /** Requests the page made to hosts other than the hub and the provider (refused). */
  outside: string[];
  /** A fresh context: 390×844, or the same screen at 200 % zoom (195×422 CSS pixels, ×2). */
  newPage(options?: {
    zoom?: 1 | 2;
  }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  /** Opens /me and signs in as the provider's user `user`; resolves when the view settled. */
  signIn(page: Page, user: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startMeHarness(
  users: (demo: DemoData) => ProviderUser[],
): Promise<MeHarness> {
  const meDir = await buildMe(fs.mkdtempSync(path.join(os.tmpdir(), "hub-me-")));
  const port = await freePort();
  const pages = [`http://127.0.0.1:${port}/me`];
  // The federation seeds the demo data of today's anchor: the users are bound to its records.
  const provider = await startOidcProvider({
    audience: "sme-volunteer-hub",
    clients: [{ client_id: "hub-pages", redirect_uris: pages, post_logout_redirect_uris: pages }],
    users: users(generateDemo(today())),
  });
  let fed: Federation;
  try {
    fed = await bootFederation({
      gatewayPort: port,
      meDir,
      env: { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: "sme-volunteer-hub" },
    });
  } catch (error) {
    await provider.stop();
    throw error;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking"],
  });
  const outside: string[] = [];
  const allowed = [new URL(fed.gatewayOrigin).host, new URL(provider.issuer).host];
  const harness: MeHarness = {
    fed,
    provider,
    browser,
    outside,
    async newPage({ zoom = 1 } = {}) {
      const context = await browser.newContext({
        viewport: { width: PHONE.width / zoom, height: PHONE.height / zoom },
        deviceScaleFactor: zoom,
        isMobile: true,
        hasTouch: true,
        locale: "zh-CN",
        acceptDownloads: true,
      });
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (allowed.includes(url.host)) return route.continue();
        outside.push(url.toString());
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
      page.on("pageerror", (e) => void errors.push(String(e)));
      return { context, page, errors };
    },
    async signIn(page, user) {
      await page.goto(`${fed.gatewayOrigin}/me`);
      await page.waitForFunction(
        () => (globalThis as any).document.body.dataset.state === "signed-out",
      );
      await page.click("#sign-in-button");
      await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
      // The provider's login page overlaps its buttons at 200 % zoom: pick the user by keyboard.
      await page.focus(`button[value="${user}"]`);
      await page.keyboard.press("Enter");
      await page.waitForURL(`${fed.gatewayOrigin}/me`);
      await settled(page);
    },
    async stop() {
      await browser.close();
      await fed.stop();
      await provider.stop();
    },
  };
  return harness;
}

/** Waits until the page is neither loading nor idle; returns body[data-state]. */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const state = (globalThis as any).document.body.dataset.state;
    return state && state !== "loading" && state !== "idle";
  });
  return page.evaluate(() => (globalThis as any).document.body.dataset.state as string);
}

/** A full-page screenshot in test-output/, for a person to look at. */
export async function screenshot(page: Page, name: string, fullPage = true) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `me-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Whether the page scrolls sideways (its content wider than the viewport). */
export const scrollsSideways = (page: Page) =>
  page.evaluate(() => {
    const root = (globalThis as any).document.documentElement;
    return root.scrollWidth > root.clientWidth;
  });

/**
 * Tabs through the page from its start: each stop's tag, type, text or label and whether a focus
 * outline shows, until focus comes back to the first stop or `max` stops.
 */
export async function tabStops(page: Page, max = 60) {
  // Focus the body itself: the next Tab starts from the top of the page.
  await page.evaluate(() => {
    const body = (globalThis as any).document.body;
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute("tabindex");
  });
  await page.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
  const stops: Array<{ tag: string; type: string; name: string; outline: boolean; id: string }> =
    [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      if (!el || el === (globalThis as any).document.body) return null;
      const style = (globalThis as any).getComputedStyle(el);
      const labelled = el.labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? "";
      return {
        tag: el.tagName.toLowerCase(),
        type: el.getAttribute("type") ?? "",
        name: (labelled || el.textContent || "").trim().slice(0, 40),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        id: el.id ?? "",
      };
    });
    if (!stop) break;
    if (stops.length && stop.id && stop.id === stops[0].id && stop.name === stops[0].name) break;
    stops.push(stop);
  }
  return stops;
}

/**
 * What stands in the way of keyboard and screen-reader use, as the page is now: controls without
 * a label, buttons without a type or a name, click targets that are not buttons or links, ids
 * used twice. Empty when there is nothing.
 */
export const accessProblems = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as any).document;
    const problems: string[] = [];
    const visible = (el: any) => el.getClientRects().length > 0;
    for (const el of doc.querySelectorAll("input, select, textarea")) {
      if (!visible(el) || el.type === "hidden") continue;
      if (!el.labels?.length && !el.getAttribute("aria-label"))
        problems.push(`unlabelled ${el.tagName} ${el.name || el.id}`);
    }
    for (const el of doc.querySelectorAll("button")) {
      if (!el.getAttribute("type")) problems.push(`button without type: ${el.textContent}`);
      if (!(el.textContent.trim() || el.getAttribute("aria-label")))
        problems.push(`button without a name: ${el.outerHTML}`);
    }
    for (const el of doc.querySelectorAll("[role=button], [onclick], a:not([href])"))
      problems.push(`not a button: ${el.outerHTML.slice(0, 80)}`);
    const ids = [...doc.querySelectorAll("[id]")].map((el: any) => el.id);
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i)))
      problems.push(`id used twice: ${id}`);
    return problems;
  });
