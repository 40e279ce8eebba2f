// Reading a workbook back in the tests, twice: with exceljs (the library that wrote it) and with
// Python's openpyxl (/usr/bin/python3, Debian's python3-openpyxl; .ci/run installs it), so that a
// file only exceljs understands fails. openpyxl missing outside CI: readWithOpenpyxl answers null.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";

export interface PySheet {
  name: string;
  state: string;
  freeze: string | null;
  merged: string[];
  widths: Record<string, number>;
  rows: Array<Array<{ v: unknown; fmt: string }>>;
  validations: Array<{ sqref: string; formula: string }>;
}

const PYTHON = "/usr/bin/python3";

export function openpyxlAvailable(): boolean {
  try {
    execFileSync(PYTHON, ["-c", "import openpyxl"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function readWithOpenpyxl(xlsx: Buffer): PySheet[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xlsx-read-"));
  const file = path.join(dir, "book.xlsx");
  fs.writeFileSync(file, xlsx);
  try {
    const out = execFileSync(PYTHON, [path.join(__dirname, "read-xlsx.py"), file], {
      encoding: "utf8",
    });
    return JSON.parse(out) as PySheet[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function readWithExceljs(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as unknown as ArrayBuffer);
  return book;
}

/** A sheet's values, row by row (exceljs), from its first row. */
export function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  return rows;
}
