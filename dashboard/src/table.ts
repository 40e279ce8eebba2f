// The table of districts: every per-district figure, sortable by any column, idle stations
// flagged, a city total, and the same table as CSV (UTF-8 with BOM, so Excel reads Chinese).
import type { DistrictRow } from "./api";

export interface Column {
  key: keyof DistrictRow;
  label: string;
  numeric: boolean;
}

export const COLUMNS: Column[] = [
  { key: "name", label: "区", numeric: false },
  { key: "stationCount", label: "已备案工作站", numeric: true },
  { key: "idleStationCount", label: "闲置工作站", numeric: true },
  { key: "openDemandCount", label: "待对接需求", numeric: true },
  { key: "demandCount", label: "新收集需求", numeric: true },
  { key: "activityCount", label: "服务活动", numeric: true },
  { key: "serviceHours", label: "服务时长（小时）", numeric: true },
  { key: "enterprisesServed", label: "服务企业", numeric: true },
  { key: "volunteerCount", label: "在聘志愿者", numeric: true },
  { key: "certifiedPlatformCount", label: "认定示范平台", numeric: true },
  { key: "publishedStoryCount", label: "已发布案例", numeric: true },
];

export interface Sort {
  key: keyof DistrictRow;
  descending: boolean;
}

export function sortRows(rows: DistrictRow[], sort: Sort): DistrictRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    // A figure that could not be read (null) sorts last either way.
    if (x === null || y === null)
      return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    const order =
      typeof x === "number" && typeof y === "number"
        ? x - y
        : String(x).localeCompare(String(y), "zh-CN");
    return order * sign || a.code.localeCompare(b.code);
  });
}

export const formatNumber = (n: number | null) =>
  n === null
    ? "—"
    : Number.isInteger(n)
      ? n.toLocaleString("zh-CN")
      : n.toLocaleString("zh-CN", { maximumFractionDigits: 2 });

/** Column sums; null where any district's figure is missing (a total would be wrong). */
export function totals(rows: DistrictRow[]): Record<string, number | null> {
  const sums: Record<string, number | null> = {};
  for (const column of COLUMNS.filter((c) => c.numeric)) {
    const values = rows.map((r) => r[column.key] as number | null);
    sums[column.key] = values.includes(null)
      ? null
      : Math.round(values.reduce((s: number, v) => s + (v as number), 0) * 100) / 100;
  }
  return sums;
}

export function renderTable(
  table: HTMLTableElement,
  rows: DistrictRow[],
  sort: Sort,
  onSort: (key: keyof DistrictRow) => void,
) {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of COLUMNS) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column.label;
    th.dataset.key = column.key;
    th.setAttribute(
      "aria-sort",
      sort.key === column.key ? (sort.descending ? "descending" : "ascending") : "none",
    );
    th.tabIndex = 0;
    th.title = "点击排序";
    th.addEventListener("click", () => onSort(column.key));
    th.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") onSort(column.key);
    });
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of sortRows(rows, sort)) {
    const tr = body.insertRow();
    tr.dataset.code = row.code;
    for (const column of COLUMNS) {
      const td = tr.insertCell();
      const value = row[column.key];
      td.textContent =
        typeof value === "number" || value === null ? formatNumber(value) : String(value);
      if (value === null) td.title = "该项数据暂时无法获取";
      if (column.numeric) td.className = "num";
      if (column.key === "idleStationCount" && row.idleStationCount > 0) {
        td.classList.add("idle");
        td.title = "已备案但90天内未收集需求的工作站";
        td.textContent = `⚠ ${td.textContent}`;
      }
    }
  }
  const sums = totals(rows);
  const foot = table.createTFoot().insertRow();
  for (const column of COLUMNS) {
    const td = foot.insertCell();
    td.textContent = column.numeric ? formatNumber(sums[column.key]) : "全市合计";
    if (column.numeric) td.className = "num";
  }
}

const csvCell = (value: unknown) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The table as it is sorted on screen, with the district code, as CSV text with a BOM. */
export function tableCsv(rows: DistrictRow[], sort: Sort): string {
  const header = ["区划代码", ...COLUMNS.map((c) => c.label)];
  const lines = sortRows(rows, sort).map((row) => [
    row.code,
    ...COLUMNS.map((c) => row[c.key] ?? ""),
  ]);
  return (
    "\uFEFF" + [header, ...lines].map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n"
  );
}
