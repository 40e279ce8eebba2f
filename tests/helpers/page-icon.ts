// A page's first load as a person's browser does it: a context of its own, with no request routing
// (under Playwright's routing Chromium neither reports the icon it asks for nor lets a page fetch
// /favicon.ico), recording the answer to the browser's own request for the icon and every console
// error of the load.
import type { Browser } from "playwright-core";

export interface FirstLoad {
  /** The icon the page links. */
  link: string | null;
  /** The answer to the browser's request for it, or status 0 when it never asked. */
  icon: { status: number; mimeType: string };
  consoleErrors: string[];
}

export async function firstLoad(
  browser: Browser,
  url: string,
  waitMs = 15_000,
): Promise<FirstLoad> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
    page.on("pageerror", (e) => void consoleErrors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    let timer: NodeJS.Timeout | undefined;
    const icon = new Promise<FirstLoad["icon"]>((resolve) => {
      timer = setTimeout(() => resolve({ status: 0, mimeType: "never asked" }), waitMs);
      cdp.on("Network.responseReceived", ({ response }) => {
        if (new URL(response.url).pathname === "/favicon.ico")
          resolve({ status: response.status, mimeType: response.mimeType });
      });
    }).finally(() => clearTimeout(timer));
    await page.goto(url, { waitUntil: "load" });
    const link = await page.getAttribute('link[rel="icon"]', "href");
    const answer = await icon;
    // A console error the icon's answer causes comes with it; give it a moment to arrive.
    await page.waitForLoadState("networkidle");
    return { link, icon: answer, consoleErrors };
  } finally {
    await context.close();
  }
}
