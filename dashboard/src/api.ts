// The one request the page sends: DashboardPage through the gateway, with the signed-in user's
// token (or a pasted development token), by its trusted document id (the text stays in the hub's
// manifest). Every failure becomes a message a person can act on.
import DOCUMENT_IDS from "../operations/dashboard-page.graphql?id";
import type { Range } from "./range";

export interface DistrictRow {
  code: string;
  name: string;
  stationCount: number;
  idleStationCount: number;
  openDemandCount: number;
  /** 督办: open demands past their step's deadline now. */
  overdueDemandCount: number;
  /** Steps finished on time over steps finished plus overdue now; null before any. */
  onTimeRate: number | null;
  demandCount: number;
  activityCount: number;
  serviceHours: number;
  enterprisesServed: number;
  /** Null when the subgraph that counts them could not be asked (shown as —). */
  volunteerCount: number | null;
  certifiedPlatformCount: number | null;
  publishedStoryCount: number | null;
}

interface Stat {
  total: number;
  resolved: number;
}

export interface DashboardData {
  districts: DistrictRow[];
  demandStats: Stat & {
    open: number;
    resolutionRate: number;
    averageSatisfaction: number | null;
    ratedCount: number;
    enterpriseRatedCount: number;
    byCategory: Array<Stat & { category: string }>;
    byFocusGroup: Array<Stat & { focusGroup: string }>;
    bySpecialised: Array<Stat & { specialised: boolean }>;
  };
  serviceTrend: Array<{
    month: string;
    activities: number;
    serviceHours: number;
    enterprisesServed: number;
  }>;
  serviceByCategory: Array<{ category: string; activities: number; serviceHours: number }>;
  /** Null when corps could not be asked. */
  corpsStats: null | {
    volunteers: number;
    appointed: number;
    byExpertType: Array<{ expertType: string; count: number; appointed: number }>;
    /** REGION branches belong to the districts, INDUSTRY ones to none. */
    byBranchKind: Array<{ kind: "REGION" | "INDUSTRY"; appointed: number }>;
  };
  /** The services that could not answer: their figures are missing from this answer. */
  unavailable?: string[];
}

export class DashboardError extends Error {}

const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED:
    "令牌无效或已过期：请重新登录（开发环境也可用 npm run token 重新获取令牌后粘贴到上方）。",
  FORBIDDEN:
    "当前登录的角色无权查看看板：需要 DASHBOARD_VIEWER、CITY_ADMIN 或本区的 DISTRICT_OPERATOR。",
  BAD_USER_INPUT: "日期范围有误",
  PERSISTED_DOCUMENT_NOT_FOUND: "页面版本与服务不一致：服务已更新，请刷新页面。",
};

export async function fetchDashboard(
  endpoint: string,
  token: string,
  range: Range,
): Promise<DashboardData> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({
        documentId: DOCUMENT_IDS.DashboardPage,
        operationName: "DashboardPage",
        variables: range,
      }),
    });
  } catch {
    throw new DashboardError("无法连接到服务：请检查网络，或稍后重试。");
  }
  const body = (await response.json().catch(() => null)) as {
    data?: DashboardData | null;
    errors?: Array<{ message: string; extensions?: { code?: string; serviceName?: string } }>;
  } | null;
  // A service that is down leaves its figures out (null) and the rest of the answer stands.
  const outages = (body?.errors ?? []).filter((e) => e.extensions?.serviceName);
  if (body?.data && outages.length === body.errors?.length) {
    return {
      ...body.data,
      unavailable: [...new Set(outages.map((e) => e.extensions!.serviceName!))],
    };
  }
  const error = body?.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? "";
    const known = MESSAGES[code];
    throw new DashboardError(
      code === "BAD_USER_INPUT"
        ? `${known}：${error.message}`
        : (known ?? `请求失败：${error.message}`),
    );
  }
  if (!response.ok || !body?.data)
    throw new DashboardError(`请求失败（HTTP ${response.status}），请稍后重试。`);
  return body.data;
}
