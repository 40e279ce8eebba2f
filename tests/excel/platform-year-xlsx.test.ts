// GET /reports/platforms/<YYYY>.xlsx: a closed year of the platforms' annual report as a workbook,
// a sheet per district, read back with exceljs and openpyxl and equal to platformYear.
import { today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute } from "../helpers/graphql";
import { openpyxlAvailable, readWithExceljs, readWithOpenpyxl, sheetValues } from "../helpers/xlsx";

let fed: Federation;
let admin: string;
const YEAR = Number(today().slice(0, 4)) - 1;
let expected: any;

beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  await execute(fed.gatewayUrl, {
    query: `mutation ($year: Int!) { closePlatformYear(year: $year) { revision } }`,
    variables: { year: YEAR },
    token: admin,
  });
  expected = (
    await execute<{ platformYear: unknown }>(fed.gatewayUrl, {
      query: `query ($year: Int!) { platformYear(year: $year) { revision reports {
        mentorCount plansFiled serviceHours mentorMinimumMetAllYear
        platform { id name district { code name } } } } }`,
      variables: { year: YEAR },
      token: admin,
    })
  ).platformYear;
});
afterAll(() => fed?.stop());

const get = (file: string, token?: string) =>
  fetch(`${fed.gatewayOrigin}/reports/platforms/${file}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

it("has a sheet per district with each platform's year (exceljs, openpyxl)", async () => {
  expect(expected.reports.length).toBeGreaterThan(0);
  const response = await get(`${YEAR}.xlsx`, admin);
  expect(response.status).toBe(200);
  const xlsx = Buffer.from(await response.arrayBuffer());
  const book = await readWithExceljs(xlsx);
  const rows = book.worksheets.flatMap((sheet) => {
    const values = sheetValues(sheet);
    expect(String(values[0][0])).toBe(`${sheet.name} 示范平台年度报告 ${YEAR}`);
    return values.slice(2);
  });
  expect(rows.map((r) => r[0]).sort()).toEqual(
    expected.reports.map((r: any) => r.platform.id).sort(),
  );
  for (const row of rows) {
    const r = expected.reports.find((x: any) => x.platform.id === row[0]);
    expect([row[1], row[2], row[5]]).toEqual([r.platform.name, r.mentorCount, r.plansFiled]);
    expect(row[10] as number).toBeCloseTo(r.serviceHours, 6);
    expect(row[4]).toBe(
      r.mentorMinimumMetAllYear === null ? "—" : r.mentorMinimumMetAllYear ? "是" : "否",
    );
  }
  if (openpyxlAvailable()) {
    const [sheet] = readWithOpenpyxl(xlsx);
    expect(sheet.freeze).toBe("A3");
    expect(sheet.rows[2][10].fmt).toBe("0.0");
  }
  expect((await get(`${YEAR}.xlsx`)).status).toBe(401);
  expect((await get(`${YEAR - 5}.xlsx`, admin)).status).toBe(404);
  expect((await get(`${YEAR}.xlsx?x=1`, admin)).status).toBe(400);
  for (const year of ["0000", "0001", "1970", "9999"]) {
    const early = await get(`${year}.xlsx`, admin);
    expect(early.status).toBe(400);
    expect(((await early.json()) as any).errors[0].message).toBe(
      `year ${Number(year)} is not a year from 2000 to 2100`,
    );
  }
});
