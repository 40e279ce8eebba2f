// The one way the page tests start a browser: Debian's Chromium driven by playwright-core (which
// downloads no browser), headless, and contexts that may reach only the hub's own hosts (the pages
// must work with no internet: every other request is aborted and recorded). Without Chromium the
// page tests are skipped with a warning naming the package.
import fs from "node:fs";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumInstalled = fs.existsSync(CHROMIUM);

/** `describe` when Chromium is installed; otherwise `describe.skip`, saying what is skipped. */
export function describeInBrowser(what: string): jest.Describe {
  if (chromiumInstalled) return describe;
  console.warn(`${what} skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
  return describe.skip;
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking"],
  });

/**
 * A context whose requests may go only to these origins' hosts; any other is aborted and its URL
 * pushed onto `outside` (a test expects it empty).
 */
export async function offlineContext(
  browser: Browser,
  origins: string[],
  outside: string[],
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "zh-CN", ...options });
  const allowed = origins.map((origin) => new URL(origin).host);
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (allowed.includes(url.host)) return route.continue();
    outside.push(url.toString());
    return route.abort();
  });
  return context;
}
