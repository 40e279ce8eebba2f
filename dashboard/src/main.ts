// The city dashboard page: sign-in (or a pasted development token), range, one request, then the
// summary, the table and the charts.
import {
  describeSession,
  loadAuthConfig,
  SignIn,
  type AuthConfig,
  type Session,
} from "../../browser/sign-in";
import { DashboardError, fetchDashboard, type DashboardData, type DistrictRow } from "./api";
import { downloadXlsx, DownloadError } from "./download";
import { fetchStationReports, renderStationReports, ReportError } from "./reports";
import { chartsSettled, renderCharts, resizeCharts } from "./charts";
import { PRESETS, presetRange, rangeProblem, type Range } from "./range";
import { COLUMNS, formatNumber, noDistrictRow, renderTable, tableCsv, type Sort } from "./table";
import { previousMonth, today } from "../../runtime/dates";

const TOKEN_KEY = "hub.dashboard.token";
const ENDPOINT = "/graphql";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const tokenInput = $<HTMLInputElement>("token");
const fromInput = $<HTMLInputElement>("from");
const toInput = $<HTMLInputElement>("to");
const message = $<HTMLDivElement>("message");
const table = $<HTMLTableElement>("districts");

let data: DashboardData | null = null;
let auth: AuthConfig | null = null;
let signIn: SignIn | null = null;
let sort: Sort = { key: "stationCount", descending: true };
let range: Range = presetRange("本年");

function show(text: string, kind: "error" | "info" = "error") {
  message.textContent = text;
  message.className = text ? kind : "";
  message.hidden = !text;
}

/** A figure the table has a column for: named as the column, and equal to its city total. */
const asColumn = (key: keyof DistrictRow, value: number | null): [string, string, string] => [
  COLUMNS.find((c) => c.key === key)!.label,
  formatNumber(value),
  key,
];

function renderSummary(d: DashboardData) {
  const s = d.demandStats;
  const rows: Array<[string, string, string?]> = [
    asColumn("demandCount", s.total),
    ["已解决", formatNumber(s.resolved)],
    ["解决率", `${(s.resolutionRate * 100).toFixed(1)}%`],
    [
      `平均满意度（${s.ratedCount} 个评分，其中企业自评 ${s.enterpriseRatedCount} 个）`,
      s.averageSatisfaction === null ? "—" : s.averageSatisfaction.toFixed(2),
    ],
    ["在册志愿者", formatNumber(d.corpsStats?.volunteers ?? null)],
    asColumn("volunteerCount", d.corpsStats?.appointed ?? null),
  ];
  const box = $("summary");
  box.replaceChildren(
    ...rows.map(([name, value, key]) => {
      const item = document.createElement("div");
      item.className = "figure";
      if (key) item.dataset.key = key;
      const v = document.createElement("strong");
      v.textContent = value;
      const n = document.createElement("span");
      n.textContent = name;
      item.append(v, n);
      return item;
    }),
  );
}

function renderAll() {
  if (!data) return;
  renderSummary(data);
  renderTable(table, data.districts, noDistrictRow(data), sort, (key: keyof DistrictRow) => {
    sort = { key, descending: sort.key === key ? !sort.descending : key !== "name" };
    renderAll();
  });
  renderCharts(data);
  // Screenshots and page tests wait for this: the lines are drawn by an animation.
  document.body.dataset.charts = "drawing";
  void chartsSettled().then(() => (document.body.dataset.charts = "drawn"));
}

/** The signed-in user's token, else a pasted one (development); "" when there is neither. */
function currentToken(): string {
  const session = signIn?.current;
  if (session) return session.accessToken;
  const pasted = auth?.pasteToken === false ? "" : tokenInput.value.trim();
  if (pasted) sessionStorage.setItem(TOKEN_KEY, pasted);
  return pasted;
}

async function load() {
  const problem = rangeProblem(range);
  if (problem) return show(problem);
  const token = currentToken();
  if (!token)
    return show(
      auth?.signIn
        ? "请先登录。"
        : "请先粘贴令牌（npm run token -- --role DASHBOARD_VIEWER 生成）。",
    );
  show("正在加载……", "info");
  document.body.dataset.state = "loading";
  try {
    data = await fetchDashboard(ENDPOINT, token, range);
    show(
      data.unavailable?.length
        ? `部分数据暂时无法获取（${data.unavailable.join("、")} 服务不可用），表中以“—”显示；其余数据正常。`
        : "",
      "info",
    );
    $("range-label").textContent = `${range.from} 至 ${range.to}`;
    document.body.dataset.state = "ready";
    renderAll();
    fillDistricts();
  } catch (error) {
    document.body.dataset.state = "error";
    show(error instanceof DashboardError ? error.message : "请求失败，请稍后重试。");
  }
}

function setRange(next: Range) {
  range = next;
  fromInput.value = next.from;
  toInput.value = next.to;
}

function downloadCsv() {
  if (!data) return show("请先加载数据。");
  const csv = tableCsv(data.districts, noDistrictRow(data), sort);
  const blob = new Blob([csv], { type: "text/csv;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `市级看板_${range.from}_${range.to}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** The table as the hub writes it (.xlsx), for the range on screen, with the caller's token. */
async function downloadTableXlsx() {
  const token = currentToken();
  if (!token) return show("请先登录。");
  const query = new URLSearchParams({ from: range.from, to: range.to });
  try {
    show("正在生成 Excel……", "info");
    await downloadXlsx(`/reports/dashboard.xlsx?${query}`, token, "各区服务情况.xlsx");
    show("");
  } catch (error) {
    show(error instanceof DownloadError ? error.message : "下载失败，请稍后重试。");
  }
}

/** The month before this one, in Shenzhen (UTC+8): the latest a report can have been closed for. */
function lastMonth(): string {
  return previousMonth(today());
}

/** The districts the caller's dashboard has (once loaded) as the 报表 view's choices. */
function fillDistricts() {
  const select = $<HTMLSelectElement>("report-district");
  if (!data || select.options.length > 1) return;
  const own = data.districts.length === 1;
  if (own) select.options[0].remove();
  for (const d of [...data.districts].sort((a, b) => a.code.localeCompare(b.code)))
    select.add(new Option(d.name, d.code, own, own));
}

async function loadReports() {
  const token = currentToken();
  if (!token) return show("请先登录。");
  const month = $<HTMLInputElement>("report-month").value;
  if (!/^\d{4}-\d{2}$/.test(month)) return show("请选择月份。");
  const district = $<HTMLSelectElement>("report-district").value || undefined;
  show("正在加载……", "info");
  document.body.dataset.reports = "loading";
  try {
    const rows = await fetchStationReports(ENDPOINT, token, month, district);
    renderStationReports($<HTMLTableElement>("station-reports"), rows);
    const revision = Math.max(0, ...rows.map((r) => r.revision));
    $("report-label").textContent =
      `${month}${revision > 1 ? `（第${revision}版）` : ""}，${rows.length} 个工作站`;
    show(rows.length ? "" : `${month} 没有工作站数据。`, "info");
    document.body.dataset.reports = "ready";
  } catch (error) {
    document.body.dataset.reports = "error";
    show(error instanceof ReportError ? error.message : "查询失败，请稍后重试。");
  }
}

async function downloadReport() {
  const token = currentToken();
  if (!token) return show("请先登录。");
  const month = $<HTMLInputElement>("report-month").value;
  if (!/^\d{4}-\d{2}$/.test(month)) return show("请选择月份。");
  const district = $<HTMLSelectElement>("report-district").value;
  const query = district ? `?district=${encodeURIComponent(district)}` : "";
  try {
    show("正在生成 Excel……", "info");
    await downloadXlsx(
      `/reports/stations/${month}.xlsx${query}`,
      token,
      `工作站月报_${month}.xlsx`,
    );
    show("");
  } catch (error) {
    show(error instanceof DownloadError ? error.message : "下载失败，请稍后重试。");
  }
}

/** 看板 or 报表, by the address's #. */
function showView() {
  const reports = location.hash === "#reports";
  $("reports").hidden = !reports;
  $("dashboard-view").hidden = reports;
  $("range-form").hidden = reports;
  for (const [id, current] of [
    ["view-reports", reports],
    ["view-dashboard", !reports],
  ] as const)
    if (current) $(id).setAttribute("aria-current", "page");
    else $(id).removeAttribute("aria-current");
  if (reports) fillDistricts();
}

/** Shows who is signed in (or the sign-in button), and loads the figures once signed in. */
function signedIn(session: Session | null, problem?: string) {
  $("sign-in-button").hidden = Boolean(session);
  $("sign-out").hidden = !session;
  const label = $("signed-in-as");
  label.hidden = !session;
  label.textContent = session ? `已登录：${describeSession(session)}` : "";
  document.body.dataset.signedIn = session ? session.caller.role : "";
  if (problem) show(problem);
}

/** How this hub signs in (/auth/config): the provider's sign-in, the paste box, or both. */
async function setUpSignIn() {
  auth = await loadAuthConfig();
  $("token-form").hidden = auth?.pasteToken === false;
  if (!auth?.signIn) return false;
  signIn = new SignIn(auth.signIn, `${location.origin}/dashboard`, (session, problem) => {
    signedIn(session, problem);
    // A first sign-in loads the figures; a refresh only swaps the token.
    if (session && !data) void load();
  });
  $("sign-in").hidden = false;
  $("sign-in-button").addEventListener("click", () => void signIn!.start());
  $("sign-out").addEventListener("click", () => signIn!.signOut());
  return signIn.complete();
}

async function init() {
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) ?? "";
  const presets = $("presets");
  for (const preset of PRESETS) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = preset;
    button.dataset.preset = preset;
    button.addEventListener("click", () => {
      setRange(presetRange(preset));
      void load();
    });
    presets.appendChild(button);
  }
  setRange(range);
  $("range-form").addEventListener("submit", (e) => {
    e.preventDefault();
    setRange({ from: fromInput.value, to: toInput.value });
    void load();
  });
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });
  $("export").addEventListener("click", downloadCsv);
  $("export-xlsx").addEventListener("click", () => void downloadTableXlsx());
  $<HTMLInputElement>("report-month").value = lastMonth();
  $("report-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void loadReports();
  });
  $("report-xlsx").addEventListener("click", () => void downloadReport());
  window.addEventListener("hashchange", showView);
  showView();
  window.addEventListener("resize", resizeCharts);
  const returning = await setUpSignIn();
  if (!returning && tokenInput.value && auth?.pasteToken !== false) void load();
}

void init();
