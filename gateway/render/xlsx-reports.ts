// What each Excel download holds, as a workbook description (runtime/xlsx/workbook.ts) the
// writer's threads turn into bytes: the columns with their Chinese headers and formats, the title
// row naming whose figures they are and for when, and the totals.
import type { CellValue, SheetColumn, SheetSpec, WorkbookSpec } from "../../runtime/xlsx/workbook";

/** The dashboard page's table (dashboard/src/table.ts COLUMNS), with the district code first. */
export const DASHBOARD_COLUMNS: SheetColumn[] = [
  { key: "code", header: "区划代码", format: "text" },
  { key: "name", header: "区", format: "text" },
  { key: "stationCount", header: "已备案工作站", format: "integer" },
  { key: "idleStationCount", header: "闲置工作站", format: "integer" },
  { key: "openDemandCount", header: "待对接需求", format: "integer" },
  { key: "demandCount", header: "新收集需求", format: "integer" },
  { key: "activityCount", header: "服务活动", format: "integer" },
  { key: "serviceHours", header: "服务时长（小时）", format: "hours" },
  { key: "enterprisesServed", header: "服务企业", format: "integer" },
  { key: "volunteerCount", header: "在聘志愿者", format: "integer" },
  { key: "certifiedPlatformCount", header: "认定示范平台", format: "integer" },
  { key: "publishedStoryCount", header: "已发布案例", format: "integer" },
];

export type DashboardRow = Record<string, CellValue> & { code: string; name: string };

export interface DashboardTable {
  districts: DashboardRow[];
  corpsStats: { byBranchKind: Array<{ kind: string; appointed: number }> } | null;
}

/** Column sums; null where any figure is missing (a service that could not answer). */
function sums(rows: Array<Record<string, CellValue>>, columns: SheetColumn[]) {
  const total: Record<string, CellValue> = {};
  for (const c of columns.filter((c) => c.format && c.format !== "text")) {
    // A row without the column adds nothing; a figure that could not be read (null) leaves none.
    const values = rows.map((r) => r[c.key]).filter((v) => v !== undefined);
    total[c.key] = values.some((v) => typeof v !== "number")
      ? null
      : Math.round(values.reduce((s: number, v) => s + (v as number), 0) * 100) / 100;
  }
  return total;
}

/**
 * The table as the page shows it for [from, to]: one row a district the caller may read, the
 * industry branches' volunteers (no district) on a row of their own, and the city total (全市合计,
 * or 合计 when the caller reads one district only).
 */
export function dashboardWorkbook(data: DashboardTable, from: string, to: string): WorkbookSpec {
  const rows = [...data.districts].sort((a, b) => a.code.localeCompare(b.code));
  const one = rows.length === 1 ? rows[0].name : null;
  const industry = data.corpsStats?.byBranchKind.find((k) => k.kind === "INDUSTRY");
  const extra: Record<string, CellValue> = one
    ? {}
    : { code: "", name: "行业支队（不分区）", volunteerCount: industry?.appointed ?? null };
  const footer = one ? [] : [extra];
  const total = sums([...rows, ...footer], DASHBOARD_COLUMNS);
  const sheet: SheetSpec = {
    name: one ?? "全市",
    title: `${one ?? "深圳市"} 各区服务情况 ${from} 至 ${to}`,
    columns: DASHBOARD_COLUMNS,
    rows,
    footer: [...footer, { ...total, code: "", name: one ? "合计" : "全市合计" }],
  };
  return { sheets: [sheet] };
}
