// How an .xlsx answer is labelled, apart from the writer (runtime/xlsx/workbook.ts), so that the
// gateway's routes do not load exceljs (0.16 s at every start): only the writer's worker thread does.
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A Content-Disposition naming a file with Chinese in it (RFC 6266 / 5987), ASCII fallback. */
export function attachment(filename: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
