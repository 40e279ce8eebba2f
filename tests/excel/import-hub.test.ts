// The bulk import of .xlsx files through the real gateway: the shipped sample files as workbooks
// (Chinese headers and enum names, dates as Excel dates) import as their CSV does, and the rejected
// rows come back as a workbook beside the input with Excel's row numbers and the reasons.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { runImport } from "../../tools/import";
import { ENUM_LABELS, IMPORT_COLUMNS } from "../../tools/import-labels";
import { parseCsv, type Kind } from "../../tools/import-rows";
import { bootFederation, type Federation } from "../helpers/federation";
import { openpyxlAvailable, readWithExceljs, readWithOpenpyxl, sheetValues } from "../helpers/xlsx";

let fed: Federation;
let dir: string;
beforeAll(async () => {
  fed = await bootFederation();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-import-xlsx-"));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await fed?.stop();
});

/** A sample CSV as a clerk's workbook: Chinese headers, Chinese enum names, real Excel dates. */
async function asWorkbook(kind: Kind, csv: string): Promise<string> {
  const [header, ...lines] = parseCsv(
    fs.readFileSync(path.resolve(__dirname, "../../examples", csv), "utf8"),
  );
  const columns = header.fields.map((f) => IMPORT_COLUMNS[kind].find((c) => c.field === f)!);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("数据");
  sheet.addRow(columns.map((c) => c.header));
  for (const { fields } of lines)
    sheet.addRow(
      fields.map((text, i) => {
        const column = columns[i];
        if (column.date && text) return new Date(`${text}T00:00:00Z`);
        const labels = ENUM_LABELS[column.field];
        if (labels && text)
          return text
            .split("|")
            .map((code) => labels[code] ?? code)
            .join("|");
        return text;
      }),
    );
  const file = path.join(dir, csv.replace(/\.csv$/, ".xlsx"));
  await book.xlsx.writeFile(file);
  return file;
}

const run = async (file: string, district = "440305") =>
  runImport({
    file,
    district,
    token: await fed.token("DISTRICT_OPERATOR", { district }),
    gatewayUrl: fed.gatewayUrl,
  });

it("imports workbooks as their CSV, and writes the rejected rows as a workbook", async () => {
  const stations = await asWorkbook("stations", "nanshan-stations.csv");
  expect(await run(stations)).toEqual({
    created: 8,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFile: null,
  });
  const demandsFile = await asWorkbook("demands", "nanshan-demands.csv");
  const demands = await run(demandsFile);
  expect(demands).toMatchObject({ created: 12, rejected: 2 });
  expect(demands.rejectedFile).toBe(demandsFile.replace(/\.xlsx$/, ".rejected.xlsx"));
  const xlsx = fs.readFileSync(demands.rejectedFile!);
  const rows = sheetValues((await readWithExceljs(xlsx)).worksheets[0]);
  expect(rows[0].slice(0, 3)).toEqual(["行号", "原因", "需求编号"]);
  // Row 14 of the workbook is line 14 of the CSV: one header row, one row per record.
  expect(rows[1][0]).toBe(14);
  expect(String(rows[1][1])).toContain(
    "creditCode 91440300MA5F3K2L7B: the check character should be",
  );
  expect(rows.map((r) => String(r[1])).join("\n")).toContain(
    "station ST-440305-014 is REVOKED; demands are collected only at FILED stations",
  );
  if (openpyxlAvailable()) {
    const [sheet] = readWithOpenpyxl(xlsx);
    expect(sheet.rows[1][0].v).toBe(14);
    expect(sheet.freeze).toBe("A2");
  }
  // Again: nothing changes.
  expect(await run(stations)).toMatchObject({ created: 0, updated: 0, unchanged: 8 });
  expect(await run(demandsFile)).toMatchObject({ created: 0, unchanged: 12, rejected: 2 });
});
