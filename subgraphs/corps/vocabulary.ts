// The corps' kinds and lifecycles (docs/domain.md, "corps").
import { registerEnumType } from "type-graphql";

export enum ExpertType {
  POLICY = "POLICY",
  INDUSTRY = "INDUSTRY",
  TECH_INNOVATION = "TECH_INNOVATION",
  LEGAL = "LEGAL",
  FINANCE = "FINANCE",
  ENTREPRENEUR = "ENTREPRENEUR",
  EXECUTIVE = "EXECUTIVE",
  PARK_MANAGER = "PARK_MANAGER",
  SCHOLAR = "SCHOLAR",
}
registerEnumType(ExpertType, {
  name: "ExpertType",
  description:
    "政策专家, 行业专家, 科技创新专家, 法律专家, 金融专家, 企业家, 高管, 园区管理者, 学者.",
});

export enum BranchKind {
  REGION = "REGION",
  INDUSTRY = "INDUSTRY",
}
registerEnumType(BranchKind, {
  name: "BranchKind",
  description: "A regional branch (has a district) or an industry branch.",
});

export enum AgreementForm {
  ONLINE = "ONLINE",
  OFFLINE = "OFFLINE",
  BOTH = "BOTH",
}
registerEnumType(AgreementForm, {
  name: "AgreementForm",
  description: "How the volunteer serves under the agreement.",
});

export enum EvaluationGrade {
  EXCELLENT = "EXCELLENT",
  GOOD = "GOOD",
  PASS = "PASS",
  FAIL = "FAIL",
}
registerEnumType(EvaluationGrade, {
  name: "EvaluationGrade",
  description: "优秀 (90+), 良好 (75-89), 合格 (60-74), 不合格 (below 60).",
});

/** The issuer named on every service certificate. */
export const CERTIFICATE_ISSUER = "深圳市中小企业志愿服务总队";

export enum CourseStatus {
  ACTIVE = "ACTIVE",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(CourseStatus, {
  name: "CourseStatus",
  description: "A course is listed while ACTIVE; WITHDRAWN is final.",
});

export enum MeetingStatus {
  SCHEDULED = "SCHEDULED",
  CANCELLED = "CANCELLED",
}
registerEnumType(MeetingStatus, {
  name: "MeetingStatus",
  description: "A meeting takes sign-ups while SCHEDULED and not yet started; CANCELLED is final.",
});

export enum VolunteerAction {
  REGISTER = "REGISTER",
  APPOINT = "APPOINT",
  SUSPEND = "SUSPEND",
  WITHDRAW = "WITHDRAW",
  REINSTATE = "REINSTATE",
  LIST = "LIST",
  UNLIST = "UNLIST",
  UPDATE_PROFILE = "UPDATE_PROFILE",
  TRANSFER = "TRANSFER",
  ISSUE_CERTIFICATE = "ISSUE_CERTIFICATE",
}
registerEnumType(VolunteerAction, {
  name: "VolunteerAction",
  description:
    "What a volunteer event did: the lifecycle (REGISTER, APPOINT, SUSPEND, WITHDRAW, REINSTATE), the expert directory (LIST, UNLIST, UPDATE_PROFILE), a TRANSFER between branches, ISSUE_CERTIFICATE (a service certificate).",
});

export enum CourseAction {
  PUBLISH = "PUBLISH",
  WITHDRAW = "WITHDRAW",
}
registerEnumType(CourseAction, {
  name: "CourseAction",
  description: "What a course event did.",
});

export enum MeetingAction {
  SCHEDULE = "SCHEDULE",
  CANCEL = "CANCEL",
}
registerEnumType(MeetingAction, {
  name: "MeetingAction",
  description: "What a meeting event did.",
});

export enum PersonalDataField {
  CONTACT_PHONE = "CONTACT_PHONE",
  ID_NUMBER = "ID_NUMBER",
}
registerEnumType(PersonalDataField, {
  name: "PersonalDataField",
  description: "A volunteer's personal data shown unmasked: the phone or the ID number.",
});

export enum PersonalDataAccessKind {
  READ = "READ",
  EXPORT = "EXPORT",
}
registerEnumType(PersonalDataAccessKind, {
  name: "PersonalDataAccessKind",
  description: "How it was shown: read through the API, or in an export.",
});
