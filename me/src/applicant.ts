// Someone signed in through the provider without a hub role yet (APPLICANT): the status of its
// application to join the corps (公开招募, MePageApplication), or the volunteer form to apply for
// itself (MePageApplyToCorps; the branches from the contract's Branches).
import { run } from "./api";
import type { ViewContext } from "./context";
import { h, section } from "./dom";
import { actionForm, field, valueOf } from "./forms";
import { CATEGORY, EXPERT_TYPE, label, VOLUNTEER_STATUS } from "./labels";

interface Application {
  id: string;
  name: string;
  status: string;
  expertType: string;
  categories: string[];
  appointedOn: string | null;
  branch: { name: string } | null;
}

interface Branch {
  id: string;
  name: string;
  kind: "REGION" | "INDUSTRY";
}

const NEXT_STEP: Record<string, string> = {
  APPLIED: "服务团办公室将审核您的申请；聘任后，您用同一账号登录即可查看服务记录。",
  APPOINTED: "您已被聘任为专家志愿者：请退出后重新登录，以志愿者身份查看服务记录。",
  SUSPENDED: "您的志愿者身份已暂停，如有疑问请联系服务团办公室。",
  WITHDRAWN: "您已退出服务团，如需重新加入请联系服务团办公室。",
};

function status(application: Application) {
  const rows: Array<[string, string]> = [
    ["姓名", application.name],
    ["专家类型", label(EXPERT_TYPE, application.expertType)],
    ["服务领域", application.categories.map((c) => label(CATEGORY, c)).join("、")],
    ["申请加入", application.branch?.name ?? "—"],
  ];
  if (application.appointedOn) rows.push(["聘任日期", application.appointedOn]);
  return section(
    "application",
    "我的入团申请",
    h(
      "p",
      { id: "application-status", class: "status-line" },
      `状态：${label(VOLUNTEER_STATUS, application.status)}`,
    ),
    h("dl", { class: "pairs" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    h("p", { class: "note" }, NEXT_STEP[application.status] ?? ""),
  );
}

const options = (table: Record<string, string>) =>
  Object.entries(table).map(([value, text]) => h("option", { value }, text));

function applyForm(context: ViewContext, branches: Branch[]) {
  const categories = h(
    "fieldset",
    { id: "apply-categories" },
    h("legend", {}, "服务领域（至少选一项）"),
    ...Object.entries(CATEGORY).map(([value, text]) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "checkbox", name: "categories", value }),
        text,
      ),
    ),
  );
  const branchSelect = h(
    "select",
    { name: "branchId", required: true },
    h("option", { value: "" }, "请选择支队"),
    ...branches.map((b) => h("option", { value: b.id }, b.name)),
  );
  const fields = [
    field(
      "apply-name",
      "姓名",
      h("input", { name: "name", required: true, maxlength: 60, autocomplete: "name" }),
    ),
    field(
      "apply-type",
      "专家类型",
      h(
        "select",
        { name: "expertType", required: true },
        h("option", { value: "" }, "请选择"),
        ...options(EXPERT_TYPE),
      ),
    ),
    categories,
    field(
      "apply-employer",
      "工作单位（选填）",
      h("input", { name: "employer", maxlength: 200, autocomplete: "organization" }),
    ),
    h(
      "label",
      { class: "choice" },
      h("input", { type: "checkbox", name: "retired", id: "apply-retired" }),
      "已退休",
    ),
    field(
      "apply-phone",
      "手机号",
      h("input", {
        name: "contactPhone",
        type: "tel",
        required: true,
        pattern: "1[3-9][0-9]{9}",
        autocomplete: "tel",
        inputmode: "numeric",
      }),
      "11 位中国大陆手机号",
    ),
    field(
      "apply-id",
      "公民身份号码",
      h("input", {
        name: "idNumber",
        required: true,
        pattern: "[0-9]{17}[0-9Xx]",
        autocomplete: "off",
      }),
      "18 位，仅用于服务团审核，对他人隐藏",
    ),
    field("apply-branch", "加入支队", branchSelect),
  ];
  return actionForm(
    context,
    {
      id: "apply-form",
      label: "申请加入专家志愿服务团",
      button: "提交申请",
      done: "申请已提交，请等待服务团办公室审核。",
      focusId: "application-title",
    },
    fields,
    (form) => {
      const chosen = [
        ...form.querySelectorAll<HTMLInputElement>("input[name=categories]:checked"),
      ].map((c) => c.value);
      const employer = valueOf(form, "employer");
      return run(context.token(), "MePageApplyToCorps", {
        input: {
          name: valueOf(form, "name"),
          expertType: valueOf(form, "expertType"),
          categories: chosen,
          employer: employer || null,
          retired: (form.elements.namedItem("retired") as HTMLInputElement).checked,
          contactPhone: valueOf(form, "contactPhone"),
          idNumber: valueOf(form, "idNumber").toUpperCase(),
          branchId: valueOf(form, "branchId"),
        },
      });
    },
  );
}

export async function applicantView(context: ViewContext): Promise<Node[]> {
  const { myApplication } = await run<{ myApplication: Application | null }>(
    context.token(),
    "MePageApplication",
  );
  if (myApplication) return [status(myApplication)];
  const { branches } = await run<{ branches: Branch[] }>(context.token(), "Branches");
  return [
    section(
      "application",
      "申请加入专家志愿服务团",
      h(
        "p",
        {},
        "您已通过统一身份认证登录，但尚未加入深圳市中小企业服务专家志愿服务团。填写下表提交申请，服务团办公室审核聘任后，您用同一账号登录即可查看服务记录。",
      ),
      applyForm(context, branches),
    ),
  ];
}
