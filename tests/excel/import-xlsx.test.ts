// Excel files in the bulk import, without the hub: dates however typed, Chinese headers and enum
// names, Excel's row numbers, and the refusals (a hidden sheet, a merged cell, a formula, a header
// named twice or computed, a hidden row, a file over IMPORT_MAX_ROWS) that keep a wrong value out;
// the template, read back with exceljs and with openpyxl.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { dateText, readXlsxRows, writeTemplate } from "../../tools/import-xlsx";
import { runImport } from "../../tools/import";
import { IMPORT_COLUMNS } from "../../tools/import-labels";
import { openpyxlAvailable, readWithExceljs, readWithOpenpyxl } from "../helpers/xlsx";

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-xlsx-in-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEADERS = IMPORT_COLUMNS.demands.map((c) => c.header);
const demand = (id: string, collectedOn: ExcelJS.CellValue) => [
  id,
  "ST-440305-001",
  "深圳市南山精密科技有限公司",
  "91440300MA5G101K21",
  "政策",
  "女性",
  "是",
  "希望对接融资渠道",
  "待对接",
  collectedOn,
  5,
];

async function save(name: string, build: (book: ExcelJS.Workbook) => void) {
  const book = new ExcelJS.Workbook();
  build(book);
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

describe("dates", () => {
  it("read right as Excel dates, text or numbers", () => {
    expect(dateText(new Date(Date.UTC(2026, 9, 11)))).toBe("2026-10-11");
    expect(dateText("2026/10/11")).toBe("2026-10-11");
    expect(dateText("2026年10月11日")).toBe("2026-10-11");
    expect(dateText("2026.1.5")).toBe("2026-01-05");
    expect(dateText(20261011)).toBe("2026-10-11");
    expect(dateText("20261011")).toBe("2026-10-11");
    // Excel's serial number of 2026-10-11 (days since 1899-12-30).
    expect(dateText(46306)).toBe("2026-10-11");
    expect(dateText(1)).toBe("1899-12-31");
    // Not a date: left as typed, so that the row's check names it.
    expect(dateText("2026-02-30")).toBe("2026-02-30");
    expect(dateText("下周一")).toBe("下周一");
  });
});

describe("reading a sheet", () => {
  it("takes every kind of date, Chinese enum names, and Excel's row numbers", async () => {
    const file = await save("demands.xlsx", (book) => {
      const sheet = book.addWorksheet("需求");
      sheet.addRow(HEADERS);
      sheet.addRow(demand("D-1", new Date(Date.UTC(2026, 9, 11))));
      sheet.addRow(demand("D-2", "2026/10/12"));
      sheet.addRow([]); // a blank row: skipped, and the next keeps its number
      sheet.addRow(demand("D-3", 20261013));
      sheet.addRow(demand("D-4", 46309));
      sheet.addRow(demand("D-5", "去年"));
    });
    const rows = await readXlsxRows(file, "demands");
    expect(rows.map((r) => [r.line, r.row.collectedOn, r.problem])).toEqual([
      [2, "2026-10-11", null],
      [3, "2026-10-12", null],
      [5, "2026-10-13", null],
      [6, "2026-10-14", null],
      [7, "去年", expect.stringContaining("collectedOn 去年 is not a date")],
    ]);
    expect(rows[0].row).toMatchObject({
      category: "POLICY",
      focusGroup: "WOMEN",
      specialised: true,
      status: "OPEN",
      satisfaction: 5,
    });
  });

  it("refuses a merged cell and a formula on their rows, and reads the others", async () => {
    const file = await save("demands-merged.xlsx", (book) => {
      const sheet = book.addWorksheet("需求");
      sheet.addRow(HEADERS);
      sheet.addRow(demand("D-1", "2026-10-11"));
      sheet.addRow(demand("D-2", "2026-10-11"));
      sheet.addRow(demand("D-3", "2026-10-11"));
      sheet.mergeCells("E3:E4");
      sheet.addRow(
        demand("D-4", { formula: "DATE(2026,10,11)", result: new Date(Date.UTC(2026, 9, 11)) }),
      );
    });
    const rows = await readXlsxRows(file, "demands");
    expect(rows.map((r) => [r.line, r.problem])).toEqual([
      [2, null],
      [3, expect.stringContaining("cell E3 (服务类别) is part of a merged range")],
      [4, expect.stringContaining("cell E4 (服务类别) is part of a merged range")],
      [5, expect.stringContaining("cell J5 (收集日期) holds a formula")],
    ]);
  });

  it("refuses a hidden sheet, reads the one --sheet names, and names unknown columns", async () => {
    const file = await save("hidden.xlsx", (book) => {
      const hidden = book.addWorksheet("旧数据", { state: "hidden" });
      hidden.addRow(HEADERS);
      hidden.addRow(demand("OLD", "2020-01-01"));
      const sheet = book.addWorksheet("需求");
      sheet.addRow(HEADERS);
      sheet.addRow(demand("D-1", "2026-10-11"));
      const odd = book.addWorksheet("其他");
      odd.addRow([...HEADERS, "备注"]);
    });
    await expect(readXlsxRows(file, "demands")).rejects.toThrow(
      /sheet "旧数据" of .* is hidden: unhide it/,
    );
    await expect(readXlsxRows(file, "demands", "旧数据")).rejects.toThrow(/is hidden/);
    const rows = await readXlsxRows(file, "demands", "需求");
    expect(rows.map((r) => r.row.externalId)).toEqual(["D-1"]);
    await expect(readXlsxRows(file, "demands", "其他")).rejects.toThrow(/does not know: 备注/);
    await expect(readXlsxRows(file, "demands", "无")).rejects.toThrow(/has no sheet 无/);
  });
});

describe("refused rather than guessed", () => {
  it("refuses a header named twice, naming it, even as the field's name", async () => {
    const twice = await save("demands-twice.xlsx", (book) => {
      const sheet = book.addWorksheet("需求");
      sheet.addRow([...HEADERS, "收集日期"]);
      sheet.addRow([...demand("D-1", "2026-10-11"), "2026-10-12"]);
    });
    await expect(readXlsxRows(twice, "demands")).rejects.toThrow(
      /sheet "需求" has the column 收集日期 twice \(收集日期 in J1, 收集日期 in L1\); delete one/,
    );
    const alias = await save("demands-alias.xlsx", (book) => {
      const sheet = book.addWorksheet("需求");
      sheet.addRow([...HEADERS, "collectedOn"]);
    });
    await expect(readXlsxRows(alias, "demands")).rejects.toThrow(
      /column 收集日期 twice \(收集日期 in J1, collectedOn in L1\)/,
    );
  });

  it("refuses a formula in the header row", async () => {
    const file = await save("demands-header-formula.xlsx", (book) => {
      const sheet = book.addWorksheet("需求");
      sheet.addRow(HEADERS);
      sheet.getCell("B1").value = { formula: '"工作站"&"编号"', result: HEADERS[1] };
      sheet.addRow(demand("D-1", "2026-10-11"));
    });
    await expect(readXlsxRows(file, "demands")).rejects.toThrow(
      /header cell B1 of sheet "需求" holds a formula; type the header as text/,
    );
  });

  it("rejects a hidden (filtered-out) row by its Excel row number, and reads the others", async () => {
    const file = await save("demands-hidden-row.xlsx", (book) => {
      const sheet = book.addWorksheet("需求");
      sheet.addRow(HEADERS);
      sheet.addRow(demand("D-1", "2026-10-11"));
      sheet.addRow(demand("D-2", "2026-10-11")).hidden = true;
      sheet.addRow(demand("D-3", "2026-10-11"));
    });
    const rows = await readXlsxRows(file, "demands");
    expect(rows.map((r) => [r.line, r.row.externalId, r.problem])).toEqual([
      [2, "D-1", null],
      [3, "D-2", expect.stringContaining("hidden row 3")],
      [4, "D-3", null],
    ]);
  });

  it("refuses a sheet over the row cap before reading a row, saying to split it", async () => {
    const file = await save("demands-many.xlsx", (book) => {
      const sheet = book.addWorksheet("需求");
      sheet.addRow(HEADERS);
      for (let i = 1; i <= 4; i += 1) sheet.addRow(demand(`D-${i}`, "2026-10-11"));
    });
    await expect(readXlsxRows(file, "demands", undefined, 3)).rejects.toThrow(
      /sheet "需求" of .* has 4 rows of data, more than the 3 one import takes \(IMPORT_MAX_ROWS\): split it into files of at most 3 rows/,
    );
    expect(await readXlsxRows(file, "demands", undefined, 4)).toHaveLength(4);
  });

  it("refuses a CSV or JSON file over the cap too, sending nothing", async () => {
    const csv = path.join(dir, "stations-many.csv");
    const header = "externalId,name,hostType,address,categories";
    const lines = [1, 2, 3].map((n) => `S-${n},工作站${n},SME_PARK,深圳市南山区${n}号,POLICY`);
    fs.writeFileSync(csv, [header, ...lines].join("\n") + "\n");
    const json = path.join(dir, "stations-many.json");
    fs.writeFileSync(json, JSON.stringify([1, 2, 3].map((n) => ({ externalId: `S-${n}` }))));
    for (const file of [csv, json])
      await expect(
        runImport({
          file,
          district: "440305",
          token: "t",
          gatewayUrl: "http://127.0.0.1:9/",
          maxRows: 2,
        }),
      ).rejects.toThrow(/has 3 rows of data, more than the 2 one import takes/);
  });
});

describe("the template", () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, "stations-template.xlsx");
    await writeTemplate("stations", file);
  });

  it("has the headers, the drop-down lists in Chinese, and an example (exceljs)", async () => {
    const book = await readWithExceljs(fs.readFileSync(file));
    expect(book.worksheets.map((s) => s.name)).toEqual(["工作站", "填写示例"]);
    const [sheet, example] = book.worksheets;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(
      IMPORT_COLUMNS.stations.map((c) => c.header),
    );
    expect(sheet.getCell("C2").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"中小企业园区,特色产业集群,小微企业创业创新基地,龙头企业创业辅导站,孵化器"'],
    });
    expect(example.getCell("C2").value).toBe("中小企业园区");
    // The empty template imports nothing; its example sheet imports as a station.
    expect(await readXlsxRows(file, "stations")).toEqual([]);
    const rows = await readXlsxRows(file, "stations", "填写示例");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 2,
      problem: null,
      row: { hostType: "SME_PARK", categories: ["POLICY", "FINANCING"] },
    });
  });

  it("reads the same in openpyxl", () => {
    if (!openpyxlAvailable()) return console.warn("openpyxl missing: install python3-openpyxl");
    const [sheet, example] = readWithOpenpyxl(fs.readFileSync(file));
    expect(sheet.freeze).toBe("A2");
    expect(sheet.rows[0].map((c) => c.v)).toEqual(IMPORT_COLUMNS.stations.map((c) => c.header));
    const list = sheet.validations.find((v) => v.sqref.includes("C2"));
    expect(list?.formula).toContain("中小企业园区");
    expect(example.rows[1][0].v).toBe("NS-001");
  });
});
