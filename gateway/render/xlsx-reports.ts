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
  { key: "overdueDemandCount", header: "超期需求（督办）", format: "integer" },
  { key: "onTimeRate", header: "按时办理率", format: "rate" },
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
  // A rate is not added up (the page leaves the city's blank too).
  for (const c of columns.filter((c) => c.format && c.format !== "text" && c.format !== "rate")) {
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

/** One station's frozen figures for a month (the contract's StationMonthlyReports node). */
export interface StationMonthlyRow {
  month: string;
  revision: number;
  station: { id: string; name: string; district: { code: string; name: string } };
  activities: number;
  enterprisesServed: number;
  serviceHours: number;
  demandsCollected: number;
  demandsResolved: number;
  meanSatisfaction: number | null;
  idle: boolean;
}

export const STATION_MONTHLY_COLUMNS: SheetColumn[] = [
  { key: "id", header: "工作站编号", format: "text" },
  { key: "name", header: "工作站名称", format: "text" },
  { key: "activities", header: "服务活动", format: "integer" },
  { key: "enterprisesServed", header: "服务企业", format: "integer" },
  { key: "serviceHours", header: "服务时长（小时）", format: "hours" },
  { key: "demandsCollected", header: "收集需求", format: "integer" },
  { key: "demandsResolved", header: "已解决需求", format: "integer" },
  { key: "resolutionRate", header: "需求解决率", format: "rate" },
  { key: "meanSatisfaction", header: "平均满意度", format: "decimal" },
  { key: "idle", header: "闲置", format: "text" },
];

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** A district's sheet: its stations by id, then the district's total (rates from the sums). */
function districtSheet(month: string, rows: StationMonthlyRow[]): SheetSpec {
  const { name } = rows[0].station.district;
  const revision = Math.max(...rows.map((r) => r.revision));
  const cells = [...rows]
    .sort((a, b) => a.station.id.localeCompare(b.station.id, "en", { numeric: true }))
    .map((r) => ({
      id: r.station.id,
      name: r.station.name,
      activities: r.activities,
      enterprisesServed: r.enterprisesServed,
      serviceHours: r.serviceHours,
      demandsCollected: r.demandsCollected,
      demandsResolved: r.demandsResolved,
      resolutionRate: rate(r.demandsResolved, r.demandsCollected),
      meanSatisfaction: r.meanSatisfaction,
      idle: r.idle ? "是" : "否",
    }));
  const total = sums(
    cells,
    STATION_MONTHLY_COLUMNS.filter(
      (c) => c.key !== "resolutionRate" && c.key !== "meanSatisfaction",
    ),
  );
  const idle = cells.filter((c) => c.idle === "是").length;
  return {
    name,
    title: `${name} 工作站月报 ${month}${revision > 1 ? `（第${revision}版）` : ""}`,
    columns: STATION_MONTHLY_COLUMNS,
    rows: cells,
    footer: [
      {
        ...total,
        id: "",
        name: `合计（${cells.length} 个工作站）`,
        resolutionRate: rate(total.demandsResolved as number, total.demandsCollected as number),
        idle: `${idle} 个闲置`,
      },
    ],
  };
}

/** The month's report: one sheet per district, by district code (a district's file: one sheet). */
export function stationMonthlyWorkbook(month: string, rows: StationMonthlyRow[]): WorkbookSpec {
  const byDistrict = new Map<string, StationMonthlyRow[]>();
  for (const row of rows) {
    const code = row.station.district.code;
    byDistrict.set(code, [...(byDistrict.get(code) ?? []), row]);
  }
  const codes = [...byDistrict.keys()].sort();
  if (!codes.length)
    return {
      sheets: [
        {
          name: month,
          title: `工作站月报 ${month}：没有工作站`,
          columns: STATION_MONTHLY_COLUMNS,
          rows: [],
        },
      ],
    };
  return { sheets: codes.map((code) => districtSheet(month, byDistrict.get(code)!)) };
}

/** The stations' assessment of a year (the stationAssessment query). */
export interface AssessmentData {
  year: number;
  closedMonths: string[];
  weights: Array<{ figure: string; weight: number }>;
  stations: Array<{
    rank: number;
    score: number;
    monthsReported: number;
    activities: number;
    enterprisesServed: number;
    serviceHours: number;
    demandsCollected: number;
    demandsResolved: number;
    resolutionRate: number | null;
    meanSatisfaction: number | null;
    monthsIdle: number;
    station: { id: string; name: string; district: { code: string; name: string } };
  }>;
}

export const ASSESSMENT_COLUMNS: SheetColumn[] = [
  { key: "rank", header: "区内排名", format: "integer" },
  { key: "id", header: "工作站编号", format: "text" },
  { key: "name", header: "工作站名称", format: "text" },
  { key: "score", header: "得分", format: "decimal" },
  { key: "monthsReported", header: "报送月数", format: "integer" },
  { key: "activities", header: "服务活动", format: "integer" },
  { key: "enterprisesServed", header: "服务企业", format: "integer" },
  { key: "serviceHours", header: "服务时长（小时）", format: "hours" },
  { key: "demandsCollected", header: "收集需求", format: "integer" },
  { key: "demandsResolved", header: "已解决需求", format: "integer" },
  { key: "resolutionRate", header: "需求解决率", format: "rate" },
  { key: "meanSatisfaction", header: "平均满意度", format: "decimal" },
  { key: "monthsIdle", header: "闲置月数", format: "integer" },
];

const FIGURE_NAMES: Record<string, string> = {
  activities: "服务活动",
  enterprisesServed: "服务企业",
  serviceHours: "服务时长（小时）",
  resolutionRate: "需求解决率",
  meanSatisfaction: "平均满意度",
  monthsIdle: "闲置月数",
};

/** The year's assessment: a sheet per district (by rank), then the formula's weights. */
export function assessmentWorkbook(data: AssessmentData): WorkbookSpec {
  const byDistrict = new Map<string, AssessmentData["stations"]>();
  for (const s of data.stations)
    byDistrict.set(s.station.district.code, [
      ...(byDistrict.get(s.station.district.code) ?? []),
      s,
    ]);
  const months = `${data.closedMonths.length} 个已结报月份`;
  const sheets: SheetSpec[] = [...byDistrict.keys()].sort().map((code) => {
    const stations = byDistrict.get(code)!;
    const name = stations[0].station.district.name;
    return {
      name,
      title: `${name} 工作站考核 ${data.year}（${months}）`,
      columns: ASSESSMENT_COLUMNS,
      rows: [...stations]
        .sort((a, b) => a.rank - b.rank || a.station.id.localeCompare(b.station.id))
        .map(({ station, ...figures }) => ({ ...figures, id: station.id, name: station.name })),
    };
  });
  sheets.push({
    name: "评分权重",
    title: `工作站考核 ${data.year} 评分：Σ 权重 × 指标（${data.closedMonths.join("、") || "无已结报月份"}）`,
    columns: [
      { key: "figure", header: "指标", format: "text" },
      { key: "weight", header: "权重", format: "decimal" },
    ],
    rows: data.weights.map((w) => ({
      figure: FIGURE_NAMES[w.figure] ?? w.figure,
      weight: w.weight,
    })),
  });
  return { sheets };
}

/** A closed year of the platforms' annual report (platformYear). */
export interface PlatformYearData {
  year: number;
  revision: number;
  reports: Array<{
    mentorCount: number;
    mentorMinimum: number;
    mentorMinimumMetAllYear: boolean | null;
    plansFiled: number;
    plansCarriedOut: number;
    reviewScore: number | null;
    activities: number;
    enterprisesServed: number;
    serviceHours: number;
    platform: { id: string; name: string; district: { code: string; name: string } | null };
  }>;
}

export const PLATFORM_YEAR_COLUMNS: SheetColumn[] = [
  { key: "id", header: "平台编号", format: "text" },
  { key: "name", header: "平台名称", format: "text" },
  { key: "mentorCount", header: "导师人数", format: "integer" },
  { key: "mentorMinimum", header: "导师最低人数", format: "integer" },
  { key: "met", header: "全年达标", format: "text" },
  { key: "plansFiled", header: "公益服务计划", format: "integer" },
  { key: "plansCarriedOut", header: "已实施计划", format: "integer" },
  { key: "reviewScore", header: "绩效评价得分", format: "integer" },
  { key: "activities", header: "服务活动", format: "integer" },
  { key: "enterprisesServed", header: "服务企业", format: "integer" },
  { key: "serviceHours", header: "服务时长（小时）", format: "hours" },
];

/** The year's platforms: a sheet per district (platforms of no district on 市级), by platform id. */
export function platformYearWorkbook(data: PlatformYearData): WorkbookSpec {
  const groups = new Map<string, { name: string; rows: PlatformYearData["reports"] }>();
  for (const r of data.reports) {
    const code = r.platform.district?.code ?? "";
    const group = groups.get(code) ?? { name: r.platform.district?.name ?? "市级", rows: [] };
    group.rows.push(r);
    groups.set(code, group);
  }
  const version = data.revision > 1 ? `（第${data.revision}版）` : "";
  const sheets: SheetSpec[] = [...groups.keys()].sort().map((code) => {
    const { name, rows } = groups.get(code)!;
    return {
      name,
      title: `${name} 示范平台年度报告 ${data.year}${version}`,
      columns: PLATFORM_YEAR_COLUMNS,
      rows: [...rows]
        .sort((a, b) => a.platform.id.localeCompare(b.platform.id, "en", { numeric: true }))
        .map(({ platform, mentorMinimumMetAllYear, ...figures }) => ({
          ...figures,
          id: platform.id,
          name: platform.name,
          met: mentorMinimumMetAllYear === null ? "—" : mentorMinimumMetAllYear ? "是" : "否",
        })),
    };
  });
  if (!sheets.length)
    sheets.push({
      name: String(data.year),
      title: `示范平台年度报告 ${data.year}：没有平台`,
      columns: PLATFORM_YEAR_COLUMNS,
      rows: [],
    });
  return { sheets };
}
