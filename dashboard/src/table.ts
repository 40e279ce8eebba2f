// The table of districts: every per-district figure, sortable by any column, idle stations
// flagged, what belongs to no district (the industry branches' volunteers) on a row of its own, a
// city total that therefore equals the city's figures, and the same table as CSV (UTF-8 with BOM,
// so Excel reads Chinese).
import type { DashboardData, DistrictRow } from "./api";

export interface Column {
  key: keyof DistrictRow;
  label: string;
  numeric: boolean;
  /** A rate: shown as a percentage, and not added up in the city's total. */
  rate?: boolean;
}

export const COLUMNS: Column[] = [
  { key: "name", label: "区", numeric: false },
  { key: "stationCount", label: "已备案工作站", numeric: true },
  { key: "idleStationCount", label: "闲置工作站", numeric: true },
  { key: "openDemandCount", label: "待对接需求", numeric: true },
  { key: "overdueDemandCount", label: "超期需求（督办）", numeric: true },
  { key: "onTimeRate", label: "按时办理率", numeric: true, rate: true },
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

/** A rate 0-1 as a percentage with one decimal; — when there is none. */
export const formatRate = (n: number | null) => (n === null ? "—" : `${(n * 100).toFixed(1)}%`);

export const formatNumber = (n: number | null) =>
  n === null
    ? "—"
    : Number.isInteger(n)
      ? n.toLocaleString("zh-CN")
      : n.toLocaleString("zh-CN", { maximumFractionDigits: 2 });

/** Figures that belong to no district, by column; a column it leaves out has none. */
export interface NoDistrictRow {
  label: string;
  /** Why the row is there, shown when pointing at its label. */
  note: string;
  figures: Partial<Record<keyof DistrictRow, number | null>>;
}

/**
 * The volunteers of the corps' industry branches (行业支队), which belong to no district: the
 * districts' column counts regional branches only, the corps' figure counts both.
 */
export function noDistrictRow(data: DashboardData): NoDistrictRow {
  const industry = data.corpsStats?.byBranchKind.find((k) => k.kind === "INDUSTRY");
  return {
    label: "行业支队（不分区）",
    note: "行业支队按行业组建，不属于任何区：其在聘志愿者不计入各区，计入全市合计",
    figures: { volunteerCount: industry ? industry.appointed : null },
  };
}

/** Column sums, the no-district figures included; null where any figure is missing. */
export function totals(rows: DistrictRow[], extra?: NoDistrictRow): Record<string, number | null> {
  const sums: Record<string, number | null> = {};
  for (const column of COLUMNS.filter((c) => c.numeric && !c.rate)) {
    const values = rows.map((r) => r[column.key] as number | null);
    if (extra && column.key in extra.figures) values.push(extra.figures[column.key] ?? null);
    sums[column.key] = values.includes(null)
      ? null
      : Math.round(values.reduce((s: number, v) => s + (v as number), 0) * 100) / 100;
  }
  return sums;
}

/** A footer row: its label, then each numeric column's figure (blank where it has none). */
function footRow(
  table: HTMLTableElement,
  className: string,
  label: string,
  figures: Partial<Record<string, number | null>>,
) {
  const tr = table.tFoot!.insertRow();
  tr.className = className;
  for (const column of COLUMNS) {
    const td = tr.insertCell();
    if (!column.numeric) {
      td.textContent = label;
      continue;
    }
    td.className = "num";
    td.dataset.key = column.key;
    if (column.key in figures) td.textContent = formatNumber(figures[column.key] ?? null);
  }
  return tr;
}

export function renderTable(
  table: HTMLTableElement,
  rows: DistrictRow[],
  extra: NoDistrictRow,
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
      td.textContent = column.rate
        ? formatRate(value as number | null)
        : typeof value === "number" || value === null
          ? formatNumber(value)
          : String(value);
      if (value === null) td.title = column.rate ? "尚无有期限的办理环节" : "该项数据暂时无法获取";
      if (column.numeric) td.className = "num";
      if (column.key === "idleStationCount" && row.idleStationCount > 0) {
        td.classList.add("idle");
        td.title = "已备案但90天内未收集需求的工作站";
        td.textContent = `⚠ ${td.textContent}`;
      }
      if (column.key === "overdueDemandCount" && row.overdueDemandCount > 0) {
        td.classList.add("idle");
        td.title = "已超过办理期限（工作日）仍未推进的需求";
        td.textContent = `⚠ ${td.textContent}`;
      }
    }
  }
  table.createTFoot();
  footRow(table, "no-district", extra.label, extra.figures).cells[0].title = extra.note;
  footRow(table, "total", "全市合计", totals(rows, extra));
}

const csvCell = (value: unknown) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The table as it is sorted on screen, with the district code, as CSV text with a BOM; then the
 * no-district row (no code), so that the CSV's columns add up to the city's figures too.
 */
export function tableCsv(rows: DistrictRow[], extra: NoDistrictRow, sort: Sort): string {
  const header = ["区划代码", ...COLUMNS.map((c) => c.label)];
  const lines = sortRows(rows, sort).map((row) => [
    row.code,
    ...COLUMNS.map((c) => (c.rate ? formatRate(row[c.key] as number | null) : (row[c.key] ?? ""))),
  ]);
  lines.push(["", ...COLUMNS.map((c) => (c.numeric ? (extra.figures[c.key] ?? "") : extra.label))]);
  return (
    "\uFEFF" + [header, ...lines].map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n"
  );
}
