// The 报表 view: a closed month's station report (StationMonthlyReports, the frozen figures the
// districts reported) for the city or one district, as a table, and its Excel download
// (/reports/stations/<YYYY-MM>.xlsx) with the signed-in token.
import DOCUMENT_IDS from "../operations/station-reports.graphql?id";
import { formatNumber } from "./table";

export interface StationReportRow {
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

export class ReportError extends Error {}

const PAGE = 100;

interface Answer {
  data?: {
    stationMonthlyReports: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: StationReportRow[];
    };
  } | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function page(
  endpoint: string,
  token: string,
  variables: Record<string, unknown>,
): Promise<NonNullable<Answer["data"]>> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        documentId: DOCUMENT_IDS.StationReportsPage,
        operationName: "StationReportsPage",
        variables,
      }),
    });
  } catch {
    throw new ReportError("无法连接到服务：请检查网络，或稍后重试。");
  }
  const body = (await response.json().catch(() => null)) as Answer | null;
  const error = body?.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    if (code === "UNAUTHENTICATED") throw new ReportError("令牌无效或已过期：请重新登录。");
    if (code === "FORBIDDEN") throw new ReportError("当前登录的角色无权查看该报表。");
    throw new ReportError(`查询失败：${error.message}`);
  }
  if (!body?.data) throw new ReportError(`查询失败（HTTP ${response.status}），请稍后重试。`);
  return body.data;
}

/** Every station of the month (the city's, or one district's), a page at a time. */
export async function fetchStationReports(
  endpoint: string,
  token: string,
  month: string,
  districtCode?: string,
): Promise<StationReportRow[]> {
  const rows: StationReportRow[] = [];
  let after: string | null = null;
  for (;;) {
    const data = await page(endpoint, token, { month, districtCode, first: PAGE, after });
    rows.push(...data.stationMonthlyReports.nodes);
    const { hasNextPage, endCursor } = data.stationMonthlyReports.pageInfo;
    if (!hasNextPage || !endCursor) return rows;
    after = endCursor;
  }
}

const HEADERS = [
  "区",
  "工作站编号",
  "工作站名称",
  "服务活动",
  "服务企业",
  "服务时长（小时）",
  "收集需求",
  "已解决需求",
  "需求解决率",
  "平均满意度",
  "闲置",
];

/** The month's stations by district and station, as the workbook lists them. */
export function renderStationReports(table: HTMLTableElement, rows: StationReportRow[]) {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const header of HEADERS) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = header;
    head.appendChild(th);
  }
  const body = table.createTBody();
  const sorted = [...rows].sort(
    (a, b) =>
      a.station.district.code.localeCompare(b.station.district.code) ||
      a.station.id.localeCompare(b.station.id, "en", { numeric: true }),
  );
  for (const r of sorted) {
    const tr = body.insertRow();
    tr.dataset.station = r.station.id;
    const rate = r.demandsCollected ? (r.demandsResolved / r.demandsCollected) * 100 : null;
    const cells: Array<[string, boolean]> = [
      [r.station.district.name, false],
      [r.station.id, false],
      [r.station.name, false],
      [formatNumber(r.activities), true],
      [formatNumber(r.enterprisesServed), true],
      [r.serviceHours.toFixed(1), true],
      [formatNumber(r.demandsCollected), true],
      [formatNumber(r.demandsResolved), true],
      [rate === null ? "—" : `${rate.toFixed(1)}%`, true],
      [r.meanSatisfaction === null ? "—" : r.meanSatisfaction.toFixed(2), true],
      [r.idle ? "⚠ 是" : "否", false],
    ];
    for (const [text, numeric] of cells) {
      const td = tr.insertCell();
      td.textContent = text;
      if (numeric) td.className = "num";
    }
  }
}
