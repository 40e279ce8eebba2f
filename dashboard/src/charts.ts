// The dashboard's charts, drawn with Apache ECharts (bundled at build time, tree-shaken to the
// chart kinds used): stations and hours per district, the monthly trend, demand resolution by
// category and by focus group, and volunteers by expert type.
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { DashboardData } from "./api";
import { CATEGORY, EXPERT_TYPE, FOCUS_GROUP, label } from "./labels";

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const charts = new Map<string, echarts.ECharts>();

function chart(id: string): echarts.ECharts {
  let c = charts.get(id);
  if (!c) {
    c = echarts.init(document.getElementById(id), undefined, { renderer: "canvas" });
    charts.set(id, c);
  }
  return c;
}

const title = (text: string) => ({ text, left: "center", textStyle: { fontSize: 14 } });
const legend = { bottom: 0 };
const grid = { left: 48, right: 48, top: 40, bottom: 56, containLabel: true };

function resolution(
  id: string,
  text: string,
  rows: Array<{ name: string; total: number; resolved: number }>,
) {
  chart(id).setOption(
    {
      title: title(text),
      tooltip: { trigger: "axis" },
      legend,
      grid,
      xAxis: { type: "category", data: rows.map((r) => r.name), axisLabel: { interval: 0 } },
      yAxis: { type: "value", name: "需求数" },
      series: [
        { name: "收集需求", type: "bar", data: rows.map((r) => r.total) },
        { name: "已解决", type: "bar", data: rows.map((r) => r.resolved) },
      ],
    },
    true,
  );
}

export function renderCharts(data: DashboardData) {
  const districts = [...data.districts].sort((a, b) => a.code.localeCompare(b.code));
  chart("chart-districts").setOption(
    {
      title: title("各区工作站与服务时长"),
      tooltip: { trigger: "axis" },
      legend,
      grid,
      xAxis: {
        type: "category",
        data: districts.map((d) => d.name),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: [
        { type: "value", name: "工作站" },
        { type: "value", name: "小时" },
      ],
      series: [
        { name: "已备案工作站", type: "bar", data: districts.map((d) => d.stationCount) },
        { name: "闲置工作站", type: "bar", data: districts.map((d) => d.idleStationCount) },
        {
          name: "服务时长",
          type: "bar",
          yAxisIndex: 1,
          data: districts.map((d) => d.serviceHours),
        },
      ],
    },
    true,
  );
  chart("chart-trend").setOption(
    {
      title: title("月度服务趋势"),
      tooltip: { trigger: "axis" },
      legend,

      xAxis: { type: "category", data: data.serviceTrend.map((m) => m.month) },
      // Activities, enterprises and hours differ by orders of magnitude: one axis each.
      grid: { ...grid, right: 110 },
      yAxis: [
        { type: "value", name: "活动（次）" },
        { type: "value", name: "小时" },
        {
          type: "value",
          name: "企业（家）",
          position: "right",
          offset: 60,
          splitLine: { show: false },
        },
      ],
      series: [
        { name: "服务活动", type: "line", data: data.serviceTrend.map((m) => m.activities) },
        {
          name: "服务企业",
          type: "line",
          yAxisIndex: 2,
          data: data.serviceTrend.map((m) => m.enterprisesServed),
        },
        {
          name: "服务时长",
          type: "line",
          yAxisIndex: 1,
          data: data.serviceTrend.map((m) => m.serviceHours),
        },
      ],
    },
    true,
  );
  resolution(
    "chart-category",
    "各服务类别需求解决情况",
    data.demandStats.byCategory.map((c) => ({ name: label(CATEGORY, c.category), ...c })),
  );
  resolution(
    "chart-focus",
    "重点群体需求解决情况",
    data.demandStats.byFocusGroup.map((g) => ({ name: label(FOCUS_GROUP, g.focusGroup), ...g })),
  );
  chart("chart-experts").setOption(
    {
      title: title("志愿者专家类型（在册）"),
      tooltip: { trigger: "item" },
      legend: { ...legend, type: "scroll" },
      series: [
        {
          name: "志愿者",
          type: "pie",
          radius: ["35%", "65%"],
          data: (data.corpsStats?.byExpertType ?? []).map((t) => ({
            name: label(EXPERT_TYPE, t.expertType),
            value: t.count,
          })),
        },
      ],
    },
    true,
  );
}

export function resizeCharts() {
  for (const c of charts.values()) c.resize();
}

/** Resolves when every chart has finished drawing, animations included (call after drawing). */
export function chartsSettled(): Promise<void> {
  const settled = [...charts.values()].map(
    (c) =>
      new Promise<void>((resolve) => {
        const done = () => {
          c.off("finished", done);
          resolve();
        };
        c.on("finished", done);
      }),
  );
  return Promise.all(settled).then(() => undefined);
}
