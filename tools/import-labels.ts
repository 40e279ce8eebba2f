// The import columns as clerks read them: each input field's Chinese header, and the Chinese names
// of the enum values, which Excel files (and the template's drop-down lists) use; the codes
// (SME_PARK, POLICY, …) are accepted too.
import { SERVICE_CATEGORY_NAMES } from "../subgraphs/shared/vocabulary";
import type { Kind } from "./import-rows";

export const ENUM_LABELS: Record<string, Record<string, string>> = {
  hostType: {
    SME_PARK: "中小企业园区",
    INDUSTRIAL_CLUSTER: "特色产业集群",
    STARTUP_BASE: "小微企业创业创新基地",
    LEADING_ENTERPRISE_STATION: "龙头企业创业辅导站",
    INCUBATOR: "孵化器",
  },
  category: SERVICE_CATEGORY_NAMES,
  categories: SERVICE_CATEGORY_NAMES,
  focusGroup: {
    GRADUATE: "大学毕业生",
    VETERAN: "退役军人",
    WOMEN: "女性",
    DISABLED: "残疾人",
    OVERSEAS_RETURNEE: "留学生",
  },
  status: {
    OPEN: "待对接",
    MATCHED: "已对接",
    IN_SERVICE: "服务中",
    RESOLVED: "已解决",
    CLOSED: "已关闭",
  },
  type: {
    CONSULTATION: "一对一咨询",
    SALON: "沙龙讲座",
    SEMINAR: "企业研讨会",
    THEMED_SESSION: "主题或行业专场",
    ONLINE_CLINIC: "线上义诊",
    VIDEO_CONFERENCE: "视频会议",
    MICRO_COURSE: "微视频课程",
    FREE_COURSE: "免费课程",
  },
  specialised: { true: "是", false: "否" },
};

export interface ImportColumn {
  field: string;
  header: string;
  /** Excel dates read as YYYY-MM-DD. */
  date?: boolean;
  /** A list of enum values (categories): 政策|融资. */
  many?: boolean;
  example: string | number;
}

export const IMPORT_COLUMNS: Record<Kind, ImportColumn[]> = {
  stations: [
    { field: "externalId", header: "工作站编号", example: "NS-001" },
    { field: "name", header: "工作站名称", example: "蛇口网谷中小企业志愿服务工作站" },
    { field: "hostType", header: "依托载体类型", example: "中小企业园区" },
    { field: "address", header: "地址", example: "深圳市南山区粤海街道科技南路18号" },
    { field: "categories", header: "服务类别", many: true, example: "政策|融资" },
    { field: "contactName", header: "联系人", example: "陈思远" },
    { field: "contactPhone", header: "联系电话", example: "13800138000" },
    { field: "venue", header: "场地", example: "多功能会议室，可容纳80人" },
    { field: "equipment", header: "设备", example: "投影仪、视频会议系统" },
  ],
  demands: [
    { field: "externalId", header: "需求编号", example: "NS-DM-0001" },
    { field: "stationExternalId", header: "工作站编号", example: "ST-440305-001" },
    { field: "enterpriseName", header: "企业名称", example: "深圳市南山精密科技有限公司" },
    { field: "creditCode", header: "统一社会信用代码", example: "91440300MA5G101K21" },
    { field: "category", header: "服务类别", example: "政策" },
    { field: "focusGroup", header: "重点群体", example: "" },
    { field: "specialised", header: "专精特新", example: "是" },
    { field: "description", header: "需求描述", example: "希望对接融资渠道并了解扶持政策" },
    { field: "status", header: "状态", example: "待对接" },
    { field: "collectedOn", header: "收集日期", date: true, example: "2026-10-11" },
    { field: "satisfaction", header: "满意度", example: "" },
  ],
  activities: [
    { field: "externalId", header: "活动编号", example: "NS-AC-0001" },
    { field: "stationExternalId", header: "工作站编号", example: "ST-440305-001" },
    { field: "type", header: "活动形式", example: "一对一咨询" },
    { field: "category", header: "服务类别", example: "政策" },
    { field: "title", header: "活动名称", example: "政策一对一咨询" },
    { field: "heldOn", header: "举办日期", date: true, example: "2026-10-11" },
    { field: "feeCharged", header: "收费金额", example: 0 },
    { field: "enterprisesServed", header: "服务企业数", example: 6 },
    { field: "participants", header: "参与志愿者（编号:小时）", example: "2:2.5|7:1.5" },
  ],
};

/** An enum cell's code: the code itself, or its Chinese name. */
export function enumCode(field: string, text: string): string {
  const labels = ENUM_LABELS[field];
  if (!labels) return text;
  const found = Object.entries(labels).find(([, label]) => label === text);
  return found ? found[0] : text;
}
