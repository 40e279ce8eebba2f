// GET /reports/dashboard.xlsx: the dashboard's table as a workbook, read back with exceljs and with
// openpyxl, equal to what the page's own operation answers; who may download it; a bad range.
import { daysFromToday, today } from "../../runtime/dates";
import fs from "node:fs";
import path from "node:path";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";
import { openpyxlAvailable, readWithExceljs, readWithOpenpyxl, sheetValues } from "../helpers/xlsx";

// The page's column labels, from its source (dashboard/src/table.ts is browser code tsc does not
// compile with the server's): the workbook's headers are the page's.
const COLUMNS = [
  ...fs
    .readFileSync(path.join(__dirname, "..", "..", "dashboard", "src", "table.ts"), "utf8")
    .matchAll(/\{ key: "\w+", label: "([^"]+)", numeric: (?:true|false)(?:, rate: true)? \}/g),
].map((m) => ({ label: m[1] }));

let fed: Federation;
let viewer: string;
beforeAll(async () => {
  fed = await bootFederation();
  viewer = await fed.token("DASHBOARD_VIEWER");
});
afterAll(() => fed?.stop());

const range = { from: daysFromToday(-365), to: today() };
const url = (query: string) => `${fed.gatewayOrigin}/reports/dashboard.xlsx${query}`;
const get = (query: string, token?: string) =>
  fetch(url(query), { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("the dashboard's table as .xlsx", () => {
  let xlsx: Buffer;
  let expected: any;
  beforeAll(async () => {
    const response = await get(`?from=${range.from}&to=${range.to}`, viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("各区服务情况")}`,
    );
    xlsx = Buffer.from(await response.arrayBuffer());
    expected = await execute(fed.gatewayUrl, {
      query: contractOperation("CityDashboard"),
      variables: range,
      token: viewer,
    });
  });

  it("has the page's columns and every district's figures (exceljs)", async () => {
    // The page's columns, the 督办 figures (overdue now, on-time rate) among them.
    expect(COLUMNS).toHaveLength(13);
    const book = await readWithExceljs(xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual(["全市"]);
    const sheet = book.worksheets[0];
    const rows = sheetValues(sheet);
    expect(rows[0][0]).toBe(`深圳市 各区服务情况 ${range.from} 至 ${range.to}`);
    expect(rows[1]).toEqual(["区划代码", ...COLUMNS.map((c) => c.label)]);
    const districts = [...expected.districts].sort((a: any, b: any) =>
      a.code.localeCompare(b.code),
    );
    expect(rows.slice(2, 2 + districts.length).map((r) => r[0])).toEqual(
      districts.map((d: any) => d.code),
    );
    const hoursColumn = rows[1].indexOf("服务时长（小时）");
    districts.forEach((d: any, i: number) => {
      expect(rows[2 + i][1]).toBe(d.name);
      expect(rows[2 + i][hoursColumn]).toBeCloseTo(d.serviceHours, 6);
      expect(rows[2 + i][rows[1].indexOf("服务活动")]).toBe(d.activityCount);
    });
    const total = rows.at(-1)!;
    expect(total[1]).toBe("全市合计");
    const sum = districts.reduce((s: number, d: any) => s + d.activityCount, 0);
    expect(total[rows[1].indexOf("服务活动")]).toBe(sum);
    expect(sum).toBeGreaterThan(0);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet.getCell(3, hoursColumn + 1).numFmt).toBe("0.0");
  });

  it("reads the same in openpyxl: title merged, header frozen, formats, widths", () => {
    if (!openpyxlAvailable()) return console.warn("openpyxl missing: install python3-openpyxl");
    const [sheet] = readWithOpenpyxl(xlsx);
    expect(sheet.name).toBe("全市");
    expect(sheet.freeze).toBe("A3");
    expect(sheet.merged).toEqual([`A1:${String.fromCharCode(64 + COLUMNS.length + 1)}1`]);
    const header = sheet.rows[1].map((c) => c.v);
    expect(header).toEqual(["区划代码", ...COLUMNS.map((c) => c.label)]);
    const hours = header.indexOf("服务时长（小时）");
    const first = sheet.rows[2];
    const district = [...expected.districts].sort((a: any, b: any) =>
      a.code.localeCompare(b.code),
    )[0];
    expect(first[0].v).toBe(district.code);
    expect(first[hours].fmt).toBe("0.0");
    expect(first[hours].v as number).toBeCloseTo(district.serviceHours, 6);
    // The on-time rate as a percentage, never added up in the city's total.
    const rate = header.indexOf("按时办理率");
    expect(first[rate].fmt).toBe("0.0%");
    expect(sheet.rows.at(-1)![rate]?.v ?? null).toBeNull();
    // The Chinese header (8 characters, 16 units wide) fits its column.
    expect(sheet.widths[String.fromCharCode(65 + hours)]).toBeGreaterThanOrEqual(16);
  });

  it("gives a DISTRICT_OPERATOR its district only, named in the title and the tab", async () => {
    const token = await fed.token("DISTRICT_OPERATOR", { district: "440306" });
    const response = await get(`?from=${range.from}&to=${range.to}`, token);
    expect(response.status).toBe(200);
    const book = await readWithExceljs(Buffer.from(await response.arrayBuffer()));
    const name = expected.districts.find((d: any) => d.code === "440306").name;
    expect(book.worksheets[0].name).toBe(name);
    const rows = sheetValues(book.worksheets[0]);
    expect(rows[0][0]).toBe(`${name} 各区服务情况 ${range.from} 至 ${range.to}`);
    expect(rows.slice(2).map((r) => r[0])).toEqual(["440306", ""]);
  });

  it("answers errors from the one table: no token, a bad range, an unknown parameter", async () => {
    const none = await get(`?from=${range.from}&to=${range.to}`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    expect(((await none.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const bad = await get(`?from=2026-13-01&to=${range.to}`, viewer);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    for (const from of ["0001-01-01", "1999-12-31"]) {
      const early = await get(`?from=${from}&to=${range.to}`, viewer);
      expect(early.status).toBe(400);
      expect(((await early.json()) as any).errors[0].message).toBe(
        `from ${from} is out of range: the table covers dates from 2000-01-01 to 2100-12-31`,
      );
    }
    const reversed = await get(`?from=${range.to}&to=${range.from}`, viewer);
    expect(reversed.status).toBe(400);
    const unknown = await get(`?from=${range.from}&to=${range.to}&x=1`, viewer);
    expect(((await unknown.json()) as any).errors[0].message).toContain('"x"');
  });
});
