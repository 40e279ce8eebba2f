// Excel files for the bulk import (npm run import -- FILE.xlsx): the first sheet (or --sheet) read
// as the CSV is, row by row, with the same checks and the row numbers Excel shows; what cannot be
// read for certain is refused, never guessed: a hidden sheet, a merged cell, a formula. Dates read
// right typed as Excel dates, as text or as numbers. Also the rejected rows written back as .xlsx
// and the empty template (--template KIND) with drop-down lists of the enums' Chinese names.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { calendarDateOf } from "../runtime/dates";
import { writeWorkbook, type SheetSpec } from "../runtime/xlsx/workbook";
import { ENUM_LABELS, enumCode, IMPORT_COLUMNS, type ImportColumn } from "./import-labels";
import { fromRecord, localProblem, type Kind, type SourceRow } from "./import-rows";

const DAY_MS = 86_400_000;
/** Excel's day 0 (its 1900 date system, the 1900 leap-year slip included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

// A cell's date is a calendar date, not an instant: read in UTC, where exceljs puts it.
const iso = calendarDateOf;

/**
 * A date cell as YYYY-MM-DD: an Excel date (exceljs gives it as midnight UTC of that day), text
 * (2026-10-11, 2026/10/11, 2026.10.11, 2026年10月11日), a number 20261011, or a date serial (46306).
 * Anything else stays as it is, and the row's check names it.
 */
export function dateText(value: unknown): string {
  if (value instanceof Date) return iso(value);
  if (typeof value === "number") {
    if (/^\d{8}$/.test(String(value))) return dateText(String(value));
    if (Number.isInteger(value) && value > 0 && value < 2_958_466)
      return iso(new Date(EXCEL_EPOCH + value * DAY_MS));
    return String(value);
  }
  const text = (
    typeof value === "string" ? value : value == null ? "" : JSON.stringify(value)
  ).trim();
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return text;
  const day = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  // 2026-02-30 stays as typed: not a date, and the check says so.
  return iso(new Date(`${day}T00:00:00Z`)) === day ? day : text;
}

/** What a cell holds as text, or why it cannot be read for certain. */
function cellText(
  cell: ExcelJS.Cell,
  column: ImportColumn,
): { text: string } | { problem: string } {
  if (cell.isMerged)
    return {
      problem: `cell ${cell.address} (${column.header}) is part of a merged range; unmerge the cells and fill each row`,
    };
  const value = cell.value;
  if (
    cell.type === ExcelJS.ValueType.Formula ||
    (value && typeof value === "object" && ("formula" in value || "sharedFormula" in value))
  )
    return {
      problem: `cell ${cell.address} (${column.header}) holds a formula; paste its value instead (粘贴为数值)`,
    };
  if (value === null || value === undefined) return { text: "" };
  if (column.date) return { text: dateText(value) };
  if (value instanceof Date) return { text: iso(value) };
  if (typeof value === "object") {
    if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
    if ("text" in value) return { text: String(value.text) };
    if ("error" in value)
      return { problem: `cell ${cell.address} (${column.header}) shows an error ${value.error}` };
    return { problem: `cell ${cell.address} (${column.header}) cannot be read as text` };
  }
  return { text: String(value) };
}

/** The column a header cell names: its Chinese header or the field's name. */
function columnOf(kind: Kind, header: string): ImportColumn | undefined {
  const text = header.trim();
  return IMPORT_COLUMNS[kind].find((c) => c.header === text || c.field === text);
}

/** Enum cells by their Chinese names; lists split on | ; 、 or ，. */
function codes(column: ImportColumn, text: string): string {
  if (!ENUM_LABELS[column.field] || !text) return text;
  if (!column.many) return enumCode(column.field, text.trim());
  return text
    .split(/[|;、，,]/)
    .map((x) => enumCode(column.field, x.trim()))
    .join("|");
}

/** The sheet to read: the first, or the one named; a hidden one is refused. */
function pickSheet(book: ExcelJS.Workbook, file: string, name?: string): ExcelJS.Worksheet {
  const sheet = name ? book.getWorksheet(name) : book.worksheets[0];
  const names = book.worksheets.map((s) => s.name).join(", ");
  if (!sheet) throw new Error(`${file} has no sheet ${name ?? ""}; its sheets: ${names}`);
  if (sheet.state !== "visible")
    throw new Error(
      `sheet "${sheet.name}" of ${file} is hidden: unhide it (取消隐藏) if it is the one to import, or name another with --sheet (its sheets: ${names})`,
    );
  return sheet;
}

export async function readXlsxRows(
  file: string,
  kind: Kind,
  sheetName?: string,
): Promise<SourceRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(file);
  } catch (error) {
    throw new Error(`${file} is not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  const sheet = pickSheet(book, file, sheetName);
  const header = sheet.getRow(1);
  const columns: Array<{ at: number; column: ImportColumn; header: string }> = [];
  const unknown: string[] = [];
  header.eachCell((cell, at) => {
    const text = String(cell.text ?? "").trim();
    const column = columnOf(kind, text);
    if (column) columns.push({ at, column, header: text });
    else if (text) unknown.push(text);
  });
  if (!columns.length)
    throw new Error(
      `row 1 of sheet "${sheet.name}" has no ${kind} headers; use npm run import -- --template ${kind}`,
    );
  if (unknown.length)
    throw new Error(
      `sheet "${sheet.name}" has columns the ${kind} import does not know: ${unknown.join(", ")}`,
    );
  const rows: SourceRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n += 1) {
    const row = sheet.getRow(n);
    const record: Record<string, string> = {};
    const fields: Record<string, string> = {};
    let problem: string | null = null;
    for (const { at, column, header: h } of columns) {
      const read = cellText(row.getCell(at), column);
      if ("problem" in read) {
        problem ??= read.problem;
        record[h] = "";
        continue;
      }
      record[h] = read.text;
      fields[column.field] = codes(column, read.text);
    }
    if (!problem && Object.values(record).every((v) => v.trim() === "")) continue;
    const mapped = fromRecord(kind, fields);
    rows.push({ line: n, row: mapped, record, problem: problem ?? localProblem(kind, mapped) });
  }
  return rows;
}

/** The rejected rows beside the input, as .xlsx: the row number Excel shows, the reason, the row. */
export async function writeRejectedXlsx(
  out: string,
  rejected: Array<{ source: SourceRow; reason: string }>,
) {
  const headers = Object.keys(rejected[0].source.record);
  const sheet: SheetSpec = {
    name: "未导入的行",
    columns: [
      { key: "__row", header: "行号", format: "integer" },
      { key: "__reason", header: "原因", format: "text" },
      ...headers.map((h) => ({ key: h, header: h, format: "text" as const })),
    ],
    rows: rejected.map((x) => ({
      __row: x.source.line,
      __reason: x.reason,
      ...(x.source.record as Record<string, string>),
    })),
  };
  fs.writeFileSync(out, await writeWorkbook({ sheets: [sheet] }));
}

const SHEET_NAMES: Record<Kind, string> = {
  stations: "工作站",
  demands: "需求",
  activities: "活动",
};

/** The empty workbook to fill: headers, drop-down lists of the enums, and an example on a sheet of its own. */
export async function writeTemplate(kind: Kind, out: string) {
  const columns = IMPORT_COLUMNS[kind].map((c) => ({
    key: c.field,
    header: c.header,
    format: c.date ? ("date" as const) : ("text" as const),
    list: ENUM_LABELS[c.field] && !c.many ? Object.values(ENUM_LABELS[c.field]) : undefined,
  }));
  const example = Object.fromEntries(IMPORT_COLUMNS[kind].map((c) => [c.field, c.example]));
  fs.writeFileSync(
    out,
    await writeWorkbook({
      sheets: [
        { name: SHEET_NAMES[kind], columns, rows: [], validationRows: 1000 },
        {
          name: "填写示例",
          columns: columns.map((c) => ({ ...c, list: undefined })),
          rows: [example],
        },
      ],
    }),
  );
}
