// The hub's one way of writing an .xlsx (exceljs): a workbook described as plain data (sheets,
// columns with a format, rows) so that it crosses to a worker thread (gateway/xlsx-writer.ts) and
// every download looks the same: a title row naming whose figures they are, Chinese headers, the
// header frozen, number formats by column (hours with one decimal, rates as percentages), columns
// as wide as what they hold, and an optional list of allowed values (data validation) per column.
import ExcelJS from "exceljs";

/** How a column's cells are shown: Excel number formats, never text that looks like a number. */
export type ColumnFormat = "text" | "integer" | "decimal" | "hours" | "rate" | "date";

export const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: "@",
  integer: "0",
  decimal: "0.00",
  hours: "0.0",
  rate: "0.0%",
  date: "yyyy-mm-dd",
};

export interface SheetColumn {
  key: string;
  /** The header as people read it (Chinese). */
  header: string;
  format?: ColumnFormat;
  /** The values the column allows: a drop-down list (data validation) on the data rows. */
  list?: string[];
}

/** A cell: text, a number (a rate as a fraction: 0.25 shows 25.0%), a date as YYYY-MM-DD, or none. */
export type CellValue = string | number | boolean | null | undefined;

export interface SheetSpec {
  /** The tab's name (Excel: at most 31 characters, none of []:*?/\). */
  name: string;
  /** A first row above the headers, e.g. "南山区 工作站月报 2026-10"; none: headers on row 1. */
  title?: string;
  columns: SheetColumn[];
  rows: Array<Record<string, CellValue>>;
  /** Rows (e.g. 合计) after the data, in bold. */
  footer?: Array<Record<string, CellValue>>;
  /** How many data rows carry the columns' drop-down lists (a template's empty rows). */
  validationRows?: number;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Written in the file's properties. */
  creator?: string;
}

/**
 * What XML 1.0 (and so an .xlsx) cannot hold, each replaced by U+FFFD: C0 controls but tab and
 * line breaks, lone surrogates, U+FFFE/U+FFFF, and the other noncharacters (U+FDD0-U+FDEF, the
 * last two of every plane), which Excel refuses too. Rows stored before the input check refused
 * them (subgraphs/shared/validation/text.ts) cannot break a file.
 */
const NOT_XML =
  /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]|[\ufdd0-\ufdef]|[\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/gu;

/** Text an .xlsx can hold: what XML 1.0 forbids replaced by U+FFFD. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "\ufffd");
}

/** A sheet name Excel accepts: forbidden characters replaced, 31 characters at most, unique. */
export function sheetName(name: string, taken: Set<string>): string {
  const base =
    xmlText(name)
      .replace(/[[\]:*?/\\]/g, "_")
      .slice(0, 31) || "Sheet";
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i += 1)
    candidate = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Display width in Excel's character units: a CJK character is two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return width;
}

function shown(value: CellValue, format: ColumnFormat | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "number") return String(value);
  if (format === "rate") return `${(value * 100).toFixed(1)}%`;
  if (format === "hours") return value.toFixed(1);
  return String(value);
}

/** A date column's YYYY-MM-DD as an Excel date (midnight UTC, what Excel shows as that day). */
function cellValue(value: CellValue, format: ColumnFormat | undefined): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (format === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(`${value}T00:00:00Z`);
  return typeof value === "string" ? xmlText(value) : value;
}

function addSheet(book: ExcelJS.Workbook, spec: SheetSpec, name: string) {
  const headerRow = spec.title ? 2 : 1;
  const sheet = book.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRow }],
  });
  const count = spec.columns.length;
  if (spec.title) {
    sheet.getRow(1).getCell(1).value = xmlText(spec.title);
    sheet.getRow(1).font = { bold: true, size: 14 };
    if (count > 1) sheet.mergeCells(1, 1, 1, count);
  }
  const header = sheet.getRow(headerRow);
  spec.columns.forEach((c, i) => (header.getCell(i + 1).value = xmlText(c.header)));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: false };
  const write = (row: Record<string, CellValue>, at: number, bold: boolean) => {
    const line = sheet.getRow(at);
    spec.columns.forEach((c, i) => {
      const cell = line.getCell(i + 1);
      cell.value = cellValue(row[c.key], c.format);
      const fmt = NUMBER_FORMATS[c.format ?? "text"];
      if (fmt && (c.format !== "text" || typeof row[c.key] === "string")) cell.numFmt = fmt;
    });
    if (bold) line.font = { bold: true };
  };
  spec.rows.forEach((row, i) => write(row, headerRow + 1 + i, false));
  (spec.footer ?? []).forEach((row, i) => write(row, headerRow + 1 + spec.rows.length + i, true));
  spec.columns.forEach((c, i) => {
    const widths = [c.header, ...spec.rows, ...(spec.footer ?? [])].map((r) =>
      textWidth(typeof r === "string" ? r : shown(r[c.key], c.format)),
    );
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, ...widths) + 2);
    // Cells typed later (a template's) take the column's format: an id 001 stays text.
    const fmt = NUMBER_FORMATS[c.format ?? "text"];
    if (!spec.rows.length && fmt) sheet.getColumn(i + 1).numFmt = fmt;
    if (c.format && c.format !== "text") sheet.getColumn(i + 1).alignment = { horizontal: "right" };
    if (c.list?.length) addList(sheet, i + 1, c.list, headerRow + 1, spec.validationRows ?? 1000);
  });
}

function addList(
  sheet: ExcelJS.Worksheet,
  column: number,
  values: string[],
  from: number,
  n: number,
) {
  values = values.map(xmlText);
  const formula = `"${values.join(",")}"`;
  for (let row = from; row < from + n; row += 1)
    sheet.getCell(row, column).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorTitle: "无效的值",
      error: `请从列表中选择：${values.join("、")}`,
    };
}

/** The workbook's bytes. */
export async function writeWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = spec.creator ?? "深圳市中小企业志愿服务平台";
  book.created = new Date(0);
  book.modified = new Date(0);
  const taken = new Set<string>();
  for (const sheet of spec.sheets) addSheet(book, sheet, sheetName(sheet.name, taken));
  if (!spec.sheets.length) book.addWorksheet("Sheet1");
  return Buffer.from(await book.xlsx.writeBuffer());
}
