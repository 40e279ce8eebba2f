// An ENTERPRISE's own demands (MePageDemands: the contract's MyDemands with whose rating it is, the
// district and each step's role): each with its timeline, the deadline of the step it waits on and
// whether it is overdue (督办); a RESOLVED one it has not rated yet can be rated (the contract's
// RateDemand), also when its district already recorded a satisfaction.
import { run } from "./api";
import type { ViewContext } from "./context";
import { formatTime, h, section } from "./dom";
import { actionForm, field, valueOf } from "./forms";
import { BOOKING_STATUS, CATEGORY, DEMAND_ACTION, DEMAND_STATUS, label, ROLE } from "./labels";

export interface Demand {
  id: string;
  externalId: string;
  category: string;
  status: string;
  collectedOn: string;
  deadline: string | null;
  overdue: boolean;
  satisfaction: number | null;
  ratedByEnterprise: boolean;
  district: { name: string };
  timeline: Array<{
    at: string;
    subject: "DEMAND" | "BOOKING";
    action: string;
    actorRole: string | null;
    fromStatus: string | null;
    toStatus: string | null;
    comment: string | null;
  }>;
  bookings: Array<{ id: string; status: string; volunteer: { name: string } | null }>;
}

interface DemandPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Demand[];
}

const PAGE_SIZE = 20;
/** The most the page lists (the API's largest page); older ones are in the district's records. */
const MAX_SHOWN = 100;
/** How many pages the user asked to see (「加载更多」 adds one); kept across reloads. */
let pages = 1;

/** "待对接 → 已匹配" (a booking's step: its statuses, prefixed 预约). */
function move(step: Demand["timeline"][number]) {
  const table = step.subject === "BOOKING" ? BOOKING_STATUS : DEMAND_STATUS;
  if (!step.toStatus || step.toStatus === step.fromStatus) return "";
  const from = step.fromStatus ? `${label(table, step.fromStatus)} → ` : "";
  return `：${from}${label(table, step.toStatus)}`;
}

function timeline(demand: Demand) {
  const steps = demand.timeline.map((step) =>
    h(
      "li",
      { "data-action": step.action },
      h(
        "time",
        { datetime: step.at },
        formatTime(step.at),
        step.actorRole ? ` · ${label(ROLE, step.actorRole)}` : "",
      ),
      h(
        "span",
        {},
        step.subject === "BOOKING" ? "预约" : "",
        label(DEMAND_ACTION, step.action),
        move(step),
      ),
      step.comment ? h("span", { class: "comment" }, step.comment) : null,
    ),
  );
  return h(
    "details",
    {},
    h("summary", {}, `办理进度（${steps.length} 步）`),
    steps.length
      ? h("ol", { class: "timeline" }, ...steps)
      : h("p", { class: "empty" }, "暂无办理记录。"),
  );
}

function deadline(demand: Demand) {
  if (!demand.deadline) return h("p", { class: "deadline" }, "已办结");
  return h(
    "p",
    { class: `deadline${demand.overdue ? " overdue" : ""}` },
    `当前步骤办理期限：${demand.deadline}`,
    demand.overdue
      ? h("strong", { class: "badge overdue" }, "已超期")
      : h("span", { class: "badge" }, "未超期"),
  );
}

function ratingForm(context: ViewContext, demand: Demand) {
  const choices = [1, 2, 3, 4, 5].map((n) =>
    h(
      "label",
      { class: "choice" },
      h("input", { type: "radio", name: "satisfaction", value: n, required: true }),
      `${n} 分`,
    ),
  );
  const scale = h("fieldset", {}, h("legend", {}, "满意度（1 分最低，5 分最高）"), ...choices);
  const comment = h("textarea", { name: "comment", rows: 2, maxlength: 500 });
  return actionForm(
    context,
    {
      id: `rate-${demand.id}`,
      label: `评价诉求 ${demand.id}`,
      button: "提交评价",
      done: "感谢您的评价。",
      focusId: `demand-${demand.id}-title`,
    },
    [scale, field(`rate-${demand.id}-comment`, "意见（选填）", comment)],
    (form) => {
      const comment = valueOf(form, "comment");
      return run(context.token(), "RateDemand", {
        id: demand.id,
        satisfaction: Number(valueOf(form, "satisfaction")),
        ...(comment ? { comment } : {}),
      });
    },
  );
}

function demandCard(context: ViewContext, demand: Demand) {
  const bookings = demand.bookings.map((b) =>
    h("li", {}, `${b.volunteer?.name ?? "志愿者"} · ${label(BOOKING_STATUS, b.status)}`),
  );
  const rated = demand.ratedByEnterprise;
  return h(
    "article",
    {
      class: `demand${demand.overdue ? " overdue" : ""}`,
      "data-demand": demand.id,
      "aria-labelledby": `demand-${demand.id}-title`,
    },
    h(
      "h3",
      { id: `demand-${demand.id}-title`, tabindex: -1 },
      `${label(CATEGORY, demand.category)}诉求 · ${label(DEMAND_STATUS, demand.status)}`,
    ),
    h(
      "p",
      { class: "meta" },
      `${demand.externalId} · ${demand.district.name} · ${demand.collectedOn} 登记`,
    ),
    deadline(demand),
    bookings.length ? h("ul", { class: "bookings", "aria-label": "服务预约" }, ...bookings) : null,
    timeline(demand),
    rated ? h("p", { class: "rated" }, `您的评价：${demand.satisfaction} 分`) : null,
    !rated && demand.satisfaction !== null
      ? h("p", { class: "meta" }, `区里记录的满意度：${demand.satisfaction} 分`)
      : null,
    demand.status === "RESOLVED" && !rated ? ratingForm(context, demand) : null,
  );
}

async function demandsUpTo(context: ViewContext, count: number): Promise<DemandPage> {
  const { myDemands } = await run<{ myDemands: DemandPage }>(context.token(), "MePageDemands", {
    first: count,
  });
  return myDemands;
}

export async function enterpriseView(context: ViewContext): Promise<Node[]> {
  const page = await demandsUpTo(context, Math.min(MAX_SHOWN, PAGE_SIZE * pages));
  const overdue = page.nodes.filter((d) => d.overdue).length;
  const more = h("button", { type: "button", class: "secondary", id: "more-demands" }, "加载更多");
  more.addEventListener("click", () => {
    pages += 1;
    void context.reload(`demand-${page.nodes.at(-1)?.id}-title`);
  });
  return [
    section(
      "demands",
      `我的诉求（${page.totalCount}）`,
      overdue
        ? h(
            "p",
            { class: "note overdue" },
            `下列诉求中有 ${overdue} 件已超过办理期限，已提请督办。`,
          )
        : null,
      page.nodes.length
        ? h("div", { class: "cards" }, ...page.nodes.map((d) => demandCard(context, d)))
        : h("p", { class: "empty" }, "暂无诉求记录。"),
      page.pageInfo.hasNextPage && page.nodes.length < MAX_SHOWN ? more : null,
    ),
  ];
}
