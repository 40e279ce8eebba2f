// Excel files for the bulk import (npm run import -- FILE.xlsx): the first sheet (or --sheet) read
// as the CSV is, row by row, with the same checks and the row numbers Excel shows; what cannot be
// read for certain is refused, never guessed: a hidden sheet, a merged cell, a formula. Dates read
// right typed as Excel dates, as text or as numbers. Refused too: a header that is a formula or
// names a column twice, a sheet over IMPORT_MAX_ROWS; a hidden row is rejected. Also the rejected rows written back as .xlsx
// and the empty template (--template KIND) with drop-down lists of the enums' Chinese names.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { DEFAULT_IMPORT_MAX_ROWS } from "../runtime/config/import";
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

function isFormula(cell: ExcelJS.Cell): boolean {
  const value = cell.value;
  return (
    cell.type === ExcelJS.ValueType.Formula ||
    Boolean(value && typeof value === "object" && ("formula" in value || "sharedFormula" in value))
  );
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
  if (isFormula(cell))
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

type HeaderColumn = { at: number; column: ImportColumn; header: string };

/** Row 1's columns; a formula, a column named twice or a header it does not know refuses the file. */
function readHeader(sheet: ExcelJS.Worksheet, kind: Kind): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  const unknown: string[] = [];
  sheet.getRow(1).eachCell((cell, at) => {
    if (isFormula(cell))
      throw new Error(
        `header cell ${cell.address} of sheet "${sheet.name}" holds a formula; type the header as text`,
      );
    const text = String(cell.text ?? "").trim();
    const column = columnOf(kind, text);
    const twice = column && columns.find((c) => c.column === column);
    if (twice)
      throw new Error(
        `sheet "${sheet.name}" has the column ${column.header} twice (${twice.header} in ${sheet.getCell(1, twice.at).address}, ${text} in ${cell.address}); delete one: which to import cannot be guessed`,
      );
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
  return columns;
}

/** Refuses a sheet of more data rows than one import takes, before any row is read. */
export function checkRowCount(rows: number, maxRows: number, what: string) {
  if (rows > maxRows)
    throw new Error(
      `${what} has ${rows} rows of data, more than the ${maxRows} one import takes (IMPORT_MAX_ROWS): split it into files of at most ${maxRows} rows and import each`,
    );
}

/** One data row: its record as read, or why it cannot be; null for a blank row. */
function readRow(kind: Kind, row: ExcelJS.Row, columns: HeaderColumn[]): SourceRow | null {
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
  if (!problem && Object.values(record).every((v) => v.trim() === "")) return null;
  // A hidden row is most often one a filter left out: not meant to be imported.
  if (row.hidden)
    problem = `hidden row ${row.number} (hidden or filtered out in Excel); unhide it to import it`;
  const mapped = fromRecord(kind, fields);
  return { line: row.number, row: mapped, record, problem: problem ?? localProblem(kind, mapped) };
}

export async function readXlsxRows(
  file: string,
  kind: Kind,
  sheetName?: string,
  maxRows = DEFAULT_IMPORT_MAX_ROWS,
): Promise<SourceRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(file);
  } catch (error) {
    throw new Error(`${file} is not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  const sheet = pickSheet(book, file, sheetName);
  checkRowCount(Math.max(0, sheet.actualRowCount - 1), maxRows, `sheet "${sheet.name}" of ${file}`);
  const columns = readHeader(sheet, kind);
  const rows: SourceRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n += 1) {
    const read = readRow(kind, sheet.getRow(n), columns);
    if (read) rows.push(read);
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
