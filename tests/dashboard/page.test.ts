// The dashboard page in a real browser (Debian's chromium, driven by playwright-core), with every
// request to a host other than the hub refused: it loads with the demo data and no console error
// (its icon included), the table shows the API's numbers for 11 districts and the industry
// branches' volunteers, which belong to no district, on a row of their own, so that the city total
// equals the summary card for every figure that has both; the range changes the figures, sorting
// works, the CSV matches the table, and a bad token shows a message. A screenshot goes to
// test-output/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { describeInBrowser, launchChromium, offlineContext } from "../helpers/chromium";
import { buildDashboard } from "../../tools/build-dashboard";
import { presetRange, type Preset } from "../../dashboard/src/range";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute } from "../helpers/graphql";
import { firstLoad } from "../helpers/page-icon";

const QUERY = fs.readFileSync(
  path.join(__dirname, "..", "..", "dashboard", "operations", "dashboard-page.graphql"),
  "utf8",
);
const OUTPUT = path.join(__dirname, "..", "..", "test-output");

describeInBrowser("dashboard page tests")("the dashboard page", () => {
  let fed: Federation;
  let browser: Browser;
  let page: Page;
  let token: string;
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  let downloads: string;

  beforeAll(async () => {
    const dir = await buildDashboard(fs.mkdtempSync(path.join(os.tmpdir(), "hub-dashboard-")));
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), "hub-downloads-"));
    fed = await bootFederation({ dashboardDir: dir });
    token = await fed.token("DASHBOARD_VIEWER");
    browser = await launchChromium();
    const context = await offlineContext(browser, [fed.gatewayOrigin], outside, {
      acceptDownloads: true,
      viewport: { width: 1400, height: 2200 },
    });
    page = await context.newPage();
    page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
    page.on("pageerror", (e) => void consoleErrors.push(String(e)));
  });
  afterAll(async () => {
    await browser?.close();
    await fed?.stop();
  });

  async function api(range: { from: string; to: string }) {
    return execute<{
      districts: Array<{ volunteerCount: number }>;
      corpsStats: { appointed: number };
    }>(fed.gatewayUrl, { query: QUERY, variables: range, token });
  }

  /** The table's body as numbers (names kept), in screen order. */
  async function tableRows(): Promise<Array<Array<string | number>>> {
    return page.$$eval("#districts tbody tr", (rows) =>
      rows.map((row) =>
        [...row.querySelectorAll("td")].map((td, i) => {
          const text = (td.textContent ?? "").replace(/[⚠,\s]/g, "");
          // A rate is compared as shown (85.0%, or — before any step had a deadline).
          return i === 0 || /%|—/.test(text) ? text : Number(text);
        }),
      ),
    );
  }

  /** The footer's rows (the no-district row, then the city total) as numbers, blanks as null. */
  async function footRows(): Promise<Array<Array<string | number | null>>> {
    return page.$$eval("#districts tfoot tr", (rows) =>
      rows.map((row) =>
        [...row.querySelectorAll("td")].map((td, i) => {
          const text = (td.textContent ?? "").replace(/[,\s]/g, "");
          return i === 0 ? text : text === "" ? null : Number(text);
        }),
      ),
    );
  }

  /** Each summary card that has a column, and that column's city total, as shown. */
  async function cardsAndTotals() {
    return page.$$eval("#summary .figure[data-key]", (cards) =>
      cards.map((card) => {
        const key = (card as any).dataset.key as string;
        const total = (globalThis as any).document.querySelector(
          `#districts tfoot tr.total td[data-key="${key}"]`,
        );
        return { key, card: card.querySelector("strong")?.textContent, total: total?.textContent };
      }),
    );
  }

  /** The city total of every column is its districts' sum plus what belongs to no district. */
  async function expectTotalsToAddUp(expected: any) {
    const [noDistrict, total] = await footRows();
    expect([noDistrict[0], total[0]]).toEqual(["行业支队（不分区）", "全市合计"]);
    const industry = expected.corpsStats.byBranchKind.find((k: any) => k.kind === "INDUSTRY");
    for (const key of COLUMNS.slice(1)) {
      const i = COLUMNS.indexOf(key);
      // A rate is not added up: the city's total leaves it blank.
      if (key === "onTimeRate") {
        expect({ key, noDistrict: noDistrict[i], total: total[i] }).toEqual({
          key,
          noDistrict: null,
          total: null,
        });
        continue;
      }
      const own = key === "volunteerCount" ? industry.appointed : null;
      const sum = expected.districts.reduce((s: number, d: any) => s + d[key], own ?? 0);
      expect({ key, noDistrict: noDistrict[i], total: total[i] }).toEqual({
        key,
        noDistrict: own,
        total: Math.round(sum * 100) / 100,
      });
    }
    // The figures the summary shows too: the card and the total agree, and are the API's.
    expect(total[COLUMNS.indexOf("volunteerCount")]).toBe(expected.corpsStats.appointed);
    expect(total[COLUMNS.indexOf("demandCount")]).toBe(expected.demandStats.total);
    const pairs = await cardsAndTotals();
    expect(pairs.map((p) => p.key)).toEqual(["demandCount", "volunteerCount"]);
    for (const pair of pairs) expect(pair.total).toBe(pair.card);
  }

  async function waitReady() {
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.state !== "loading");
    expect(await page.evaluate(() => (globalThis as any).document.body.dataset.state)).toBe(
      "ready",
    );
  }

  const COLUMNS = [
    "name",
    "stationCount",
    "idleStationCount",
    "openDemandCount",
    "overdueDemandCount",
    "onTimeRate",
    "demandCount",
    "activityCount",
    "serviceHours",
    "enterprisesServed",
    "volunteerCount",
    "certifiedPlatformCount",
    "publishedStoryCount",
  ];
  const asRows = (districts: any[]) =>
    districts
      .map((d) =>
        COLUMNS.map((key) =>
          key !== "onTimeRate" ? d[key] : d[key] === null ? "—" : `${(d[key] * 100).toFixed(1)}%`,
        ),
      )
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it("loads with the demo data and shows the API's numbers for all 11 districts", async () => {
    await page.goto(`${fed.gatewayOrigin}/dashboard`);
    await page.fill("#token", token);
    await page.click("#token-form button");
    await waitReady();
    const rows = await tableRows();
    expect(rows).toHaveLength(11);
    const expected = await api(presetRange("本年"));
    expect([...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(
      asRows(expected.districts),
    );
    await expectTotalsToAddUp(expected);
    // The industry branches do have volunteers: the row is not there for show.
    expect(expected.corpsStats.appointed).toBeGreaterThan(
      expected.districts.reduce((s, d) => s + d.volunteerCount, 0),
    );
    expect(await page.locator("canvas").count()).toBeGreaterThanOrEqual(5);
    expect(
      await page.evaluate(() => (globalThis as any).sessionStorage.getItem("hub.dashboard.token")),
    ).toBe(token);
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.charts === "drawn");
    await page.screenshot({ path: path.join(OUTPUT, "dashboard.png"), fullPage: true });
    expect(outside).toEqual([]);
  });

  it("has its icon and loads without a console error", async () => {
    // This page's load had none, and neither has a first visit (where the browser asks for the
    // icon: a 404 there was a console error).
    expect(consoleErrors).toEqual([]);
    expect(await firstLoad(browser, `${fed.gatewayOrigin}/dashboard`)).toEqual({
      link: "/favicon.ico",
      icon: { status: 200, mimeType: "image/x-icon" },
      consoleErrors: [],
    });
  });

  it.each(["本月", "近12个月"] as Preset[])(
    "shows the figures of the %s preset",
    async (preset) => {
      await page.click(`button[data-preset="${preset}"]`);
      await waitReady();
      const range = presetRange(preset);
      expect(await page.inputValue("#from")).toBe(range.from);
      const expected = await api(range);
      const rows = await tableRows();
      expect([...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(
        asRows(expected.districts),
      );
      await expectTotalsToAddUp(expected);
    },
  );

  it("changes the figures with a range typed in", async () => {
    const before = await tableRows();
    await page.fill("#from", "2025-01-01");
    await page.fill("#to", "2025-03-31");
    await page.click("#range-form button[type=submit]");
    await waitReady();
    const after = await tableRows();
    expect(after).not.toEqual(before);
    const expected = await api({ from: "2025-01-01", to: "2025-03-31" });
    expect([...after].sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(
      asRows(expected.districts),
    );
    await expectTotalsToAddUp(expected);
  });

  it("sorts by a column, both ways", async () => {
    const column = COLUMNS.indexOf("activityCount");
    await page.click(`#districts th[data-key="activityCount"]`);
    const down = (await tableRows()).map((r) => r[column] as number);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await page.click(`#districts th[data-key="activityCount"]`);
    const up = (await tableRows()).map((r) => r[column] as number);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await page.getAttribute(`#districts th[data-key="activityCount"]`, "aria-sort")).toBe(
      "ascending",
    );
  });

  it("exports the table as CSV (UTF-8 with BOM) exactly as shown", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^市级看板_2025-01-01_2025-03-31\.csv$/);
    const text = fs.readFileSync(file, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0].split(",")[1]).toBe("区");
    const csvRows = lines.slice(1).map((line) =>
      line
        .split(",")
        .slice(1)
        .map((cell, i) => (i === 0 || /%|—/.test(cell) ? cell : Number(cell))),
    );
    // The districts as shown, then the no-district row, so that the CSV's columns add up too.
    const [noDistrict] = await footRows();
    expect(csvRows).toEqual([...(await tableRows()), noDistrict.map((v) => v ?? 0)]);
  });

  it("shows a clear message for a bad token", async () => {
    await page.fill("#token", "not-a-token");
    await page.click("#token-form button");
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.state === "error");
    expect(await page.textContent("#message")).toContain("令牌无效或已过期");
    expect(outside).toEqual([]);
  });
});
