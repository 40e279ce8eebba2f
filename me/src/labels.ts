// Chinese names of the statuses and steps the page shows (categories: the dashboard's table).
export { CATEGORY, EXPERT_TYPE } from "../../dashboard/src/labels";

export const ROLE: Record<string, string> = {
  VOLUNTEER: "志愿者",
  ENTERPRISE: "企业",
  APPLICANT: "申请人",
  CITY_ADMIN: "市级管理员",
  DISTRICT_OPERATOR: "区运营员",
  PLATFORM_OPERATOR: "平台运营员",
  PUBLICITY_EDITOR: "宣传编辑",
  DASHBOARD_VIEWER: "看板查看员",
};

export const PERSONAL_FIELD: Record<string, string> = {
  CONTACT_PHONE: "手机号",
  ID_NUMBER: "身份证号",
};

export const VOLUNTEER_STATUS: Record<string, string> = {
  APPLIED: "已申请，待审核",
  APPOINTED: "已聘任",
  SUSPENDED: "已暂停",
  WITHDRAWN: "已退出",
};

export const CORRECTION_STATUS: Record<string, string> = {
  OPEN: "待处理",
  PENDING: "待处理",
  ACCEPTED: "已采纳",
  REJECTED: "未采纳",
};

export const DEMAND_STATUS: Record<string, string> = {
  OPEN: "待对接",
  MATCHED: "已匹配",
  IN_SERVICE: "服务中",
  RESOLVED: "已解决",
  CLOSED: "已关闭",
};

export const DEMAND_ACTION: Record<string, string> = {
  PUBLISH: "登记",
  SUBMIT: "线上提交",
  ROUTE: "分派工作站",
  UPDATE: "状态更新",
  MATCH: "匹配志愿者",
  REOPEN: "重新开放",
  SERVE: "开展服务",
  RATE: "评价",
  ESCALATE: "超期督办",
  REQUEST: "预约申请",
  ACCEPT: "预约接受",
  DECLINE: "预约婉拒",
  EXPIRE: "预约过期",
  CANCEL: "预约取消",
  COMPLETE: "服务完成",
};

export const BOOKING_STATUS: Record<string, string> = {
  REQUESTED: "已预约",
  ACCEPTED: "已接受",
  DECLINED: "已婉拒",
  EXPIRED: "已过期",
  CANCELLED: "已取消",
  COMPLETED: "已完成",
};

export const label = (table: Record<string, string>, key: string | null | undefined) =>
  key ? (table[key] ?? key) : "—";
