// The dashboard page's 导出 Excel button in a real browser (Debian's chromium, playwright-core):
// the workbook arrives through Chromium's download path with the hub's file name, and reads back
// with exceljs and openpyxl as the table the page shows; a busy writer is a message, not a file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildDashboard } from "../../tools/build-dashboard";
import { addDays, previousMonth, today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";
import { openpyxlAvailable, readWithExceljs, readWithOpenpyxl, sheetValues } from "../helpers/xlsx";

const CHROMIUM = "/usr/bin/chromium";
const available = fs.existsSync(CHROMIUM);
if (!available) console.warn(`Excel download test skipped: ${CHROMIUM} is not installed`);
const describeInBrowser = available ? describe : describe.skip;

describeInBrowser("the dashboard's Excel download", () => {
  let fed: Federation;
  let browser: Browser;
  let page: Page;
  let downloads: string;

  beforeAll(async () => {
    const dir = await buildDashboard(fs.mkdtempSync(path.join(os.tmpdir(), "hub-dashboard-")));
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), "hub-downloads-"));
    fed = await bootFederation({ dashboardDir: dir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-background-networking"],
    });
    const context = await browser.newContext({ acceptDownloads: true, locale: "zh-CN" });
    const hub = new URL(fed.gatewayOrigin).host;
    await context.route("**/*", (route) =>
      new URL(route.request().url()).host === hub ? route.continue() : route.abort(),
    );
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await fed?.stop();
    if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
  });

  it("downloads the table as .xlsx for the range on screen", async () => {
    await page.goto(`${fed.gatewayOrigin}/dashboard`);
    await page.fill("#token", await fed.token("DASHBOARD_VIEWER"));
    await page.click("#token-form button");
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.state === "ready");
    await page.fill("#from", "2025-01-01");
    await page.fill("#to", "2025-12-31");
    await page.click("#range-form button[type=submit]");
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.state === "ready");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#export-xlsx"),
    ]);
    expect(download.suggestedFilename()).toBe("各区服务情况_2025-01-01_2025-12-31.xlsx");
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const xlsx = fs.readFileSync(file);
    const rows = sheetValues((await readWithExceljs(xlsx)).worksheets[0]);
    expect(rows[0][0]).toBe("深圳市 各区服务情况 2025-01-01 至 2025-12-31");
    // The page's rows, in code order, are the workbook's.
    const shown = await page.$$eval("#districts tbody tr", (trs) =>
      trs.map((tr) => (tr as any).dataset.code as string).sort(),
    );
    expect(rows.slice(2, 2 + shown.length).map((r) => r[0])).toEqual(shown);
    if (openpyxlAvailable()) expect(readWithOpenpyxl(xlsx)[0].rows[1][0].v).toBe("区划代码");
  });

  it("has a 报表 view: a closed month's stations, and their workbook", async () => {
    const month = previousMonth(previousMonth(addDays(today(), -40)));
    const admin = await fed.token("CITY_ADMIN");
    const closed = await execute<{ closeReportingMonth: { stationCount: number } }>(
      fed.gatewayUrl,
      {
        query: contractOperation("CloseReportingMonth"),
        variables: { month },
        token: admin,
      },
    );
    await page.fill("#token", admin);
    await page.click("#view-reports");
    await page.waitForSelector("#reports:not([hidden])");
    expect(await page.isHidden("#dashboard-view")).toBe(true);
    await page.fill("#report-month", month);
    await page.click("#report-form button[type=submit]");
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.reports === "ready");
    const shown = await page.$$eval("#station-reports tbody tr", (trs) =>
      trs.map((tr) => (tr as any).dataset.station as string),
    );
    expect(shown).toHaveLength(closed.closeReportingMonth.stationCount);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#report-xlsx"),
    ]);
    expect(download.suggestedFilename()).toBe(`工作站月报_全市_${month}.xlsx`);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const book = await readWithExceljs(fs.readFileSync(file));
    const inBook = book.worksheets.flatMap((sheet) =>
      sheetValues(sheet)
        .slice(2, -1)
        .map((r) => r[0] as string),
    );
    expect(inBook.sort()).toEqual([...shown].sort());
    await page.click("#view-dashboard");
    await page.waitForSelector("#reports", { state: "hidden" });
  });

  it("shows why when the download is refused", async () => {
    await page.fill("#token", "not-a-token");
    await page.evaluate(() => (globalThis as any).sessionStorage.clear());
    await page.click("#export-xlsx");
    await page.waitForFunction(() =>
      ((globalThis as any).document.getElementById("message").textContent as string).includes(
        "令牌无效",
      ),
    );
  });
});
