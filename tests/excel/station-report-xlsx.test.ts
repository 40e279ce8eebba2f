// GET /reports/stations/<YYYY-MM>.xlsx: a closed month's station report as a workbook, one sheet per
// district, read back with exceljs and openpyxl and equal to StationMonthlyReports; one district
// with ?district=; who may download which; a month not closed; a bad file name or parameter.
import { addDays, previousMonth, today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";
import { openpyxlAvailable, readWithExceljs, readWithOpenpyxl, sheetValues } from "../helpers/xlsx";

type District = { code: string; name: string };
type Page = { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
type Assessment = {
  closedMonths: string[];
  weights: unknown[];
  stations: Array<{ rank: number; score: number; station: { id: string; district: District } }>;
};

let fed: Federation;
let admin: string;
const MONTH = previousMonth(previousMonth(addDays(today(), -40)));
const nodes: any[] = [];

beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  await execute(fed.gatewayUrl, {
    query: contractOperation("CloseReportingMonth"),
    variables: { month: MONTH },
    token: admin,
  });
  let after: string | null = null;
  for (;;) {
    const page: Page = (
      await execute<{ stationMonthlyReports: Page }>(fed.gatewayUrl, {
        query: contractOperation("StationMonthlyReports"),
        variables: { month: MONTH, first: 100, after },
        token: admin,
      })
    ).stationMonthlyReports;
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
});
afterAll(() => fed?.stop());

const get = (file: string, token?: string) =>
  fetch(`${fed.gatewayOrigin}/reports/stations/${file}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

const byDistrict = () => {
  const map = new Map<string, any[]>();
  for (const n of nodes)
    map.set(n.station.district.code, [...(map.get(n.station.district.code) ?? []), n]);
  return map;
};
const sum = (rows: any[], key: string) => rows.reduce((s, r) => s + r[key], 0);

describe("the city-wide file", () => {
  let xlsx: Buffer;
  beforeAll(async () => {
    const response = await get(`${MONTH}.xlsx`, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(
      encodeURIComponent(`工作站月报_全市_${MONTH}.xlsx`),
    );
    xlsx = Buffer.from(await response.arrayBuffer());
  });

  it("has a sheet per district, each the district's stations and total (exceljs)", async () => {
    expect(nodes.length).toBeGreaterThan(10);
    const districts = byDistrict();
    const book = await readWithExceljs(xlsx);
    const codes = [...districts.keys()].sort();
    expect(book.worksheets.map((s) => s.name)).toEqual(
      codes.map((c) => districts.get(c)![0].station.district.name),
    );
    for (const [i, code] of codes.entries()) {
      const stations = districts.get(code)!;
      const rows = sheetValues(book.worksheets[i]);
      expect(rows[0][0]).toBe(`${stations[0].station.district.name} 工作站月报 ${MONTH}`);
      expect(rows[1]).toEqual([
        "工作站编号",
        "工作站名称",
        "服务活动",
        "服务企业",
        "服务时长（小时）",
        "收集需求",
        "已解决需求",
        "需求解决率",
        "平均满意度",
        "闲置",
      ]);
      const data = rows.slice(2, -1);
      expect(data.map((r) => r[0]).sort()).toEqual(stations.map((s) => s.station.id).sort());
      for (const row of data) {
        const node = stations.find((s) => s.station.id === row[0])!;
        expect(row.slice(1, 7)).toEqual([
          node.station.name,
          node.activities,
          node.enterprisesServed,
          node.serviceHours,
          node.demandsCollected,
          node.demandsResolved,
        ]);
        expect(row[7] ?? null).toEqual(
          node.demandsCollected ? node.demandsResolved / node.demandsCollected : null,
        );
        expect(row[9]).toBe(node.idle ? "是" : "否");
      }
      const total = rows.at(-1)!;
      expect(total[1]).toBe(`合计（${stations.length} 个工作站）`);
      expect(total[4] as number).toBeCloseTo(sum(stations, "serviceHours"), 6);
      expect(total[2]).toBe(sum(stations, "activities"));
    }
    expect(sum(nodes, "activities")).toBeGreaterThan(0);
  });

  it("reads the same in openpyxl: formats, frozen header, merged title", () => {
    if (!openpyxlAvailable()) return console.warn("openpyxl missing: install python3-openpyxl");
    const sheets = readWithOpenpyxl(xlsx);
    expect(sheets).toHaveLength(byDistrict().size);
    for (const sheet of sheets) {
      expect(sheet.freeze).toBe("A3");
      expect(sheet.merged).toEqual(["A1:J1"]);
      const first = sheet.rows[2];
      expect(first[4].fmt).toBe("0.0");
      expect(first[7].fmt).toBe("0.0%");
      expect(first[8].fmt).toBe("0.00");
      expect(String(sheet.rows[0][0].v)).toContain(sheet.name);
    }
  });
});

describe("one district", () => {
  it("is one sheet, for the city or the district's own operator", async () => {
    const [code, stations] = [...byDistrict().entries()][0];
    const operator = await fed.token("DISTRICT_OPERATOR", { district: code });
    for (const token of [admin, operator]) {
      const response = await get(`${MONTH}.xlsx?district=${code}`, token);
      expect(response.status).toBe(200);
      const book = await readWithExceljs(Buffer.from(await response.arrayBuffer()));
      expect(book.worksheets.map((s) => s.name)).toEqual([stations[0].station.district.name]);
      expect(sheetValues(book.worksheets[0]).length).toBe(2 + stations.length + 1);
    }
    // Another district's operator is refused by districts, through the one error table.
    const other = await fed.token("DISTRICT_OPERATOR", {
      district: code === "440303" ? "440304" : "440303",
    });
    const refused = await get(`${MONTH}.xlsx?district=${code}`, other);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe("FORBIDDEN");
  });
});

describe("a name stored before the input check refused noncharacters", () => {
  it("still gives a workbook openpyxl reads, the character replaced by U+FFFD", async () => {
    if (!openpyxlAvailable()) return console.warn("openpyxl missing: skipped");
    const [code, stations] = [...byDistrict().entries()][0];
    const id = Number(stations[0].station.id);
    const db = fed.subgraphs.districts.db;
    const [{ name }] = await db.query("SELECT name FROM station WHERE id = ?", [id]);
    await db.query("UPDATE station SET name = ? WHERE id = ?", ["非字符\ufffe测试工作站", id]);
    try {
      for (const file of [`${MONTH}.xlsx`, `${MONTH}.xlsx?district=${code}`]) {
        const response = await get(file, admin);
        expect(response.status).toBe(200);
        const sheets = readWithOpenpyxl(Buffer.from(await response.arrayBuffer()));
        const names = sheets.flatMap((sheet) => sheet.rows.map((row) => row[1]?.v));
        expect(names).toContain("非字符\ufffd测试工作站");
      }
    } finally {
      await db.query("UPDATE station SET name = ? WHERE id = ?", [name, id]);
    }
  });
});

describe("the assessment (考核)", () => {
  const year = Number(MONTH.slice(0, 4));
  it("has a sheet per district by rank, and the weights (exceljs, openpyxl)", async () => {
    const expected = (
      await execute<{ stationAssessment: Assessment }>(fed.gatewayUrl, {
        query: `query ($year: Int!) { stationAssessment(year: $year) { closedMonths
          weights { figure weight }
          stations { rank score serviceHours resolutionRate station { id district { code name } } } } }`,
        variables: { year },
        token: admin,
      })
    ).stationAssessment;
    expect(expected.closedMonths).toContain(MONTH);
    const response = await get(`../assessment/${year}.xlsx`, admin);
    expect(response.status).toBe(200);
    const xlsx = Buffer.from(await response.arrayBuffer());
    const book = await readWithExceljs(xlsx);
    const codes = [
      ...new Set<string>(expected.stations.map((s) => s.station.district.code)),
    ].sort();
    expect(book.worksheets.map((s) => s.name)).toEqual([
      ...codes.map(
        (c) => expected.stations.find((s) => s.station.district.code === c)!.station.district.name,
      ),
      "评分权重",
    ]);
    for (const [i, code] of codes.entries()) {
      const rows = sheetValues(book.worksheets[i]).slice(2);
      const mine = expected.stations.filter((s) => s.station.district.code === code);
      expect(rows.map((r) => r[1]).sort()).toEqual(mine.map((s) => s.station.id).sort());
      for (const row of rows) {
        const s = mine.find((x) => x.station.id === row[1]);
        expect([row[0], row[3]]).toEqual([s!.rank, s!.score]);
      }
      // By rank within the district.
      expect(rows.map((r) => r[0])).toEqual(
        [...rows.map((r) => r[0] as number)].sort((a, b) => a - b),
      );
    }
    const weights = sheetValues(book.worksheets.at(-1)!).slice(2);
    expect(weights).toHaveLength(expected.weights.length);
    if (openpyxlAvailable()) {
      const sheets = readWithOpenpyxl(xlsx);
      expect(sheets[0].freeze).toBe("A3");
      expect(sheets[0].rows[2][10].fmt).toBe("0.0%");
      expect(sheets[0].rows[2][3].fmt).toBe("0.00");
    }
    const district = await get(`../assessment/${year}.xlsx?district=${codes[0]}`, admin);
    const one = await readWithExceljs(Buffer.from(await district.arrayBuffer()));
    expect(one.worksheets).toHaveLength(2);
    expect((await get(`../assessment/${year}.xlsx`)).status).toBe(401);
    expect((await get(`../assessment/${year}-01.xlsx`, admin)).status).toBe(404);
  });
});

describe("refusals", () => {
  it("a month not closed, no token, a bad file name or parameter", async () => {
    const open = await get(`${previousMonth(MONTH)}.xlsx`, admin);
    expect(open.status).toBe(404);
    expect(((await open.json()) as any).errors[0].message).toContain("has not been closed");
    expect((await get(`${MONTH}.xlsx`)).status).toBe(401);
    expect((await get(`${MONTH.slice(0, 4)}-13.xlsx`, admin)).status).toBe(404);
    expect((await get(`${MONTH}.csv`, admin)).status).toBe(404);
    const bad = await get(`${MONTH}.xlsx?district=nanshan`, admin);
    expect(bad.status).toBe(400);
    const unknown = await get(`${MONTH}.xlsx?revision=1&x=2`, admin);
    expect(unknown.status).toBe(400);
    expect((await get(`${MONTH}.xlsx?revision=0`, admin)).status).toBe(400);
    for (const month of ["0000-01", "0001-01", "1970-01", "9999-12"]) {
      const early = await get(`${month}.xlsx`, admin);
      expect(early.status).toBe(400);
      expect(((await early.json()) as any).errors[0].message).toBe(
        `month ${month} is out of range: reporting months run from 2000-01 to 2100-12`,
      );
    }
    // An earlier revision by number; one that does not exist is the subgraph's refusal.
    expect((await get(`${MONTH}.xlsx?revision=1`, admin)).status).toBe(200);
    expect((await get(`${MONTH}.xlsx?revision=9`, admin)).status).toBe(404);
  });
});
