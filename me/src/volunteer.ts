// A VOLUNTEER's own record (MePageVolunteer: the contract's MyVolunteerRecord with each activity's
// hours): verified hours, stars with the hours to the next, activities, certificates (download, ask
// for a new one), corrections (ask with the contract's RequestRecordCorrection, follow), and who
// read its personal data.
import { download, PageError, run } from "./api";
import type { ViewContext } from "./context";
import { formatNumber, formatTime, h, section } from "./dom";
import { actionForm, field, valueOf } from "./forms";
import { CORRECTION_STATUS, label, PERSONAL_FIELD, ROLE, VOLUNTEER_STATUS } from "./labels";

interface Activity {
  id: string;
  title: string;
  heldOn: string;
}

interface RecordEntry {
  hours: number;
  counted: boolean;
  activity: Activity;
}

interface Correction {
  id: string;
  status: string;
  claimedHours: number;
  recordedHours: number | null;
  reason: string;
  requestedAt: string;
  decidedAt: string | null;
  district: { name: string } | null;
  decisionComment: string | null;
  activity: { id: string; title: string } | null;
}

export interface VolunteerRecord {
  id: string;
  name: string;
  status: string;
  serviceHours: number;
  starLevel: number;
  hoursToNextStar: number | null;
  serviceRecord: RecordEntry[];
  certificates: Array<{ number: string; issuedOn: string; hours: number }>;
  recordCorrections: Correction[];
  personalDataAccess: {
    totalCount: number;
    nodes: Array<{ at: string; actorRole: string; field: string }>;
  };
}

const MAX_STARS = 5;
/** The correction form's choice for an activity the record left out. */
const OTHER = "other";

function stars(record: VolunteerRecord) {
  const { starLevel, serviceHours, hoursToNextStar } = record;
  const shown = "★".repeat(starLevel) + "☆".repeat(MAX_STARS - starLevel);
  const top = starLevel >= MAX_STARS || hoursToNextStar === null;
  const next = top ? serviceHours : serviceHours + hoursToNextStar;
  return h(
    "div",
    { class: "stars-box" },
    h("p", { class: "stars", "aria-label": `${starLevel} 星（共 ${MAX_STARS} 星）` }, shown),
    h("progress", {
      id: "star-progress",
      max: next || 1,
      value: serviceHours,
      "aria-label": "距下一星级的进度",
    }),
    h(
      "p",
      { id: "next-star" },
      top
        ? "已达到最高星级"
        : `累计 ${formatNumber(serviceHours)} / ${formatNumber(next)} 小时，距 ${starLevel + 1} 星还差 ${formatNumber(hoursToNextStar)} 小时`,
    ),
  );
}

function summary(record: VolunteerRecord) {
  return section(
    "summary",
    `${record.name} 的服务记录`,
    h(
      "dl",
      { class: "figures" },
      h(
        "div",
        {},
        h("dt", {}, "认定服务时长"),
        h("dd", { id: "service-hours" }, `${formatNumber(record.serviceHours)} 小时`),
      ),
      h("div", {}, h("dt", {}, "状态"), h("dd", {}, label(VOLUNTEER_STATUS, record.status))),
    ),
    stars(record),
  );
}

function activities(record: VolunteerRecord) {
  const items = record.serviceRecord.map((e) =>
    h(
      "li",
      { "data-activity": e.activity.id },
      h("span", { class: "title" }, e.activity.title),
      h("time", { datetime: e.activity.heldOn }, e.activity.heldOn),
      h("span", { class: "hours" }, `${formatNumber(e.hours)} 小时`),
      e.counted ? null : h("span", { class: "badge" }, "不计入认定时长"),
    ),
  );
  return section(
    "activities",
    `参加的活动（${items.length}）`,
    items.length
      ? h("ul", { class: "list" }, ...items)
      : h("p", { class: "empty" }, "暂无活动记录。"),
  );
}

function certificates(context: ViewContext, record: VolunteerRecord) {
  const items = record.certificates.map((c) => {
    const button = h(
      "button",
      { type: "button", class: "secondary", "data-certificate": c.number },
      "下载 PDF",
    );
    button.setAttribute("aria-label", `下载证书 ${c.number}（PDF）`);
    button.addEventListener("click", () => {
      button.disabled = true;
      download(
        context.token(),
        `/certificates/${encodeURIComponent(c.number)}.pdf`,
        `志愿服务证明_${c.number}.pdf`,
      )
        .then(() => context.announce(`证书 ${c.number} 已开始下载`))
        .catch((error: unknown) =>
          context.say(error instanceof PageError ? error.message : "下载失败，请稍后重试。"),
        )
        .finally(() => (button.disabled = false));
    });
    return h(
      "li",
      {},
      h("span", { class: "title" }, `证书 ${c.number}`),
      h("span", {}, `${c.issuedOn} · ${formatNumber(c.hours)} 小时`),
      button,
    );
  });
  return section(
    "certificates",
    "服务证明",
    items.length ? h("ul", { class: "list" }, ...items) : h("p", { class: "empty" }, "暂无证书。"),
    h("p", { class: "note" }, "认定服务时长超过最近一张证书的时长后，可申请新的服务证明。"),
    actionForm(
      context,
      {
        id: "certificate-form",
        label: "申请新的服务证明",
        button: "申请新证书",
        done: "新的服务证明已出具，可在上方下载。",
        focusId: "certificates-title",
      },
      [],
      () => run(context.token(), "MePageRequestCertificate"),
    ),
  );
}

function correctionItem(c: Correction) {
  return h(
    "li",
    { "data-status": c.status },
    h("span", { class: "title" }, c.activity?.title ?? "（活动）"),
    h("span", { class: `badge ${c.status.toLowerCase()}` }, label(CORRECTION_STATUS, c.status)),
    h(
      "span",
      { class: "comment" },
      `${formatTime(c.requestedAt)} 向${c.district?.name ?? "记录活动的区"}申请：` +
        `${c.recordedHours === null ? "补录" : `由 ${formatNumber(c.recordedHours)} 小时更正为`} ` +
        `${formatNumber(c.claimedHours)} 小时。理由：${c.reason}`,
    ),
    c.decidedAt
      ? h(
          "span",
          { class: "comment" },
          `${formatTime(c.decidedAt)} 处理意见：${c.decisionComment ?? "—"}`,
        )
      : null,
  );
}

function correctionForm(context: ViewContext, record: VolunteerRecord) {
  const open = new Set(
    record.recordCorrections.filter((c) => c.status === "OPEN").map((c) => c.activity?.id),
  );
  const activity = h(
    "select",
    { name: "activityId", required: true },
    h("option", { value: "" }, "请选择活动"),
    ...record.serviceRecord.map(({ activity: a }) =>
      h(
        "option",
        { value: a.id, disabled: open.has(a.id) },
        `${a.heldOn} ${a.title}${open.has(a.id) ? "（已有待处理申请）" : ""}`,
      ),
    ),
    h("option", { value: OTHER }, "漏记的活动（填写活动编号）"),
  );
  const other = h("input", {
    name: "otherActivityId",
    inputmode: "numeric",
    pattern: "[0-9]{1,9}",
  });
  const otherField = field("correction-other", "活动编号", other, "活动通知或签到表上的编号");
  const showOther = () => {
    otherField.hidden = activity.value !== OTHER;
    other.required = !otherField.hidden;
  };
  activity.addEventListener("change", showOther);
  showOther();
  const hours = h("input", {
    name: "claimedHours",
    type: "number",
    min: 0.5,
    max: 24,
    step: 0.5,
    required: true,
    inputmode: "decimal",
  });
  const reason = h("textarea", {
    name: "reason",
    rows: 3,
    minlength: 2,
    maxlength: 500,
    required: true,
  });
  return actionForm(
    context,
    {
      id: "correction-form",
      label: "申请更正服务记录",
      button: "提交更正申请",
      done: "更正申请已提交，等待记录活动的区审核。",
      focusId: "corrections-title",
    },
    [
      field("correction-activity", "活动", activity),
      otherField,
      field("correction-hours", "实际服务时长（小时）", hours, "0.5 至 24 小时"),
      field("correction-reason", "更正理由", reason, "2 至 500 字，例如签到记录有误"),
    ],
    (form) =>
      run(context.token(), "RequestRecordCorrection", {
        input: {
          activityId:
            valueOf(form, "activityId") === OTHER
              ? valueOf(form, "otherActivityId")
              : valueOf(form, "activityId"),
          claimedHours: Number(valueOf(form, "claimedHours")),
          reason: valueOf(form, "reason"),
        },
      }),
  );
}

function corrections(context: ViewContext, record: VolunteerRecord) {
  const items = record.recordCorrections.map(correctionItem);
  return section(
    "corrections",
    "记录更正",
    items.length
      ? h("ul", { class: "list", id: "correction-list" }, ...items)
      : h("p", { class: "empty" }, "暂无更正申请。"),
    h("h3", {}, "申请更正"),
    h(
      "p",
      { class: "note" },
      "服务时长记录有误时，可向记录该活动的区申请更正；每个活动同时只能有一条待处理的申请。",
    ),
    correctionForm(context, record),
  );
}

function access(record: VolunteerRecord) {
  const { totalCount, nodes } = record.personalDataAccess;
  const items = nodes.map((n) =>
    h(
      "li",
      {},
      h("span", {}, formatTime(n.at)),
      h("span", {}, `${label(ROLE, n.actorRole)} 查看了您的${label(PERSONAL_FIELD, n.field)}`),
    ),
  );
  return section(
    "access",
    `个人信息查看记录（${totalCount}）`,
    items.length
      ? h("ul", { class: "list" }, ...items)
      : h("p", { class: "empty" }, "没有人查看过您的手机号或身份证号。"),
  );
}

export async function volunteerView(context: ViewContext): Promise<Node[]> {
  const { myVolunteerRecord: record } = await run<{ myVolunteerRecord: VolunteerRecord | null }>(
    context.token(),
    "MePageVolunteer",
  );
  if (!record) throw new PageError("未找到您的志愿者记录：请联系服务团办公室。");
  return [
    summary(record),
    activities(record),
    certificates(context, record),
    corrections(context, record),
    access(record),
  ];
}
