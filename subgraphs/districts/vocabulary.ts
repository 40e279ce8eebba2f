// The districts subgraph's lifecycles and kinds (docs/domain.md, "districts").
import { registerEnumType } from "type-graphql";

export enum StationStatus {
  SUBMITTED = "SUBMITTED",
  UNDER_REVIEW = "UNDER_REVIEW",
  FILED = "FILED",
  REJECTED = "REJECTED",
  SUSPENDED = "SUSPENDED",
  REVOKED = "REVOKED",
}
registerEnumType(StationStatus, {
  name: "StationStatus",
  description:
    "A workstation's filing lifecycle: SUBMITTED → UNDER_REVIEW → FILED (备案) | REJECTED; FILED → SUSPENDED | REVOKED.",
});

export enum StationHostType {
  SME_PARK = "SME_PARK",
  INDUSTRIAL_CLUSTER = "INDUSTRIAL_CLUSTER",
  STARTUP_BASE = "STARTUP_BASE",
  LEADING_ENTERPRISE_STATION = "LEADING_ENTERPRISE_STATION",
  INCUBATOR = "INCUBATOR",
}
registerEnumType(StationHostType, {
  name: "StationHostType",
  description:
    "Who hosts a workstation: 中小企业园区, 特色产业集群, 小微企业创业创新基地, 龙头企业创业辅导站, 孵化器.",
});

export enum ReviewDecision {
  ACCEPT = "ACCEPT",
  FILE = "FILE",
  SUSPEND = "SUSPEND",
  REVOKE = "REVOKE",
  REJECT = "REJECT",
}
registerEnumType(ReviewDecision, {
  name: "ReviewDecision",
  description: "A reviewer's decision on a workstation.",
});

export enum StationAction {
  PUBLISH = "PUBLISH",
  ACCEPT = "ACCEPT",
  FILE = "FILE",
  SUSPEND = "SUSPEND",
  REVOKE = "REVOKE",
  REJECT = "REJECT",
}
registerEnumType(StationAction, {
  name: "StationAction",
  description: "What a station event did: PUBLISH (first published), or a review decision.",
});

export enum DemandAction {
  PUBLISH = "PUBLISH",
  UPDATE = "UPDATE",
  MATCH = "MATCH",
  REOPEN = "REOPEN",
  SERVE = "SERVE",
  RATE = "RATE",
  SUBMIT = "SUBMIT",
  ROUTE = "ROUTE",
  ESCALATE = "ESCALATE",
}
registerEnumType(DemandAction, {
  name: "DemandAction",
  description:
    "What moved a demand: PUBLISH (first published), UPDATE (its district published a new status), MATCH (a booking was accepted), REOPEN (its only accepted booking was cancelled), SERVE (a booked session was held), RATE (the enterprise's satisfaction: with a later copy of the session's activity, or its own rating), SUBMIT (the enterprise submitted it online, 线上诉求), ROUTE (its district sent it to a station), ESCALATE (督办: first seen past its deadline).",
});

export enum DemandChannel {
  STATION = "STATION",
  ONLINE = "ONLINE",
}
registerEnumType(DemandChannel, {
  name: "DemandChannel",
  description:
    "How a demand came in: STATION (collected at a workstation and published by its district) or ONLINE (线上诉求: submitted by the enterprise itself, signed in).",
});

export enum ActivityAction {
  PUBLISH = "PUBLISH",
  UPDATE = "UPDATE",
}
registerEnumType(ActivityAction, {
  name: "ActivityAction",
  description:
    "What an activity event did: PUBLISH (first published), UPDATE (published again with changes).",
});

export enum ActivityType {
  CONSULTATION = "CONSULTATION",
  SALON = "SALON",
  SEMINAR = "SEMINAR",
  THEMED_SESSION = "THEMED_SESSION",
  ONLINE_CLINIC = "ONLINE_CLINIC",
  VIDEO_CONFERENCE = "VIDEO_CONFERENCE",
  MICRO_COURSE = "MICRO_COURSE",
  FREE_COURSE = "FREE_COURSE",
}
registerEnumType(ActivityType, {
  name: "ActivityType",
  description:
    "一对一咨询, 沙龙讲座, 企业研讨会, 主题或行业专场, 线上义诊, 视频会议, 微视频课程, 免费课程.",
});

export enum DemandStatus {
  OPEN = "OPEN",
  MATCHED = "MATCHED",
  IN_SERVICE = "IN_SERVICE",
  RESOLVED = "RESOLVED",
  CLOSED = "CLOSED",
}
registerEnumType(DemandStatus, {
  name: "DemandStatus",
  description: "An SME demand's lifecycle: OPEN → MATCHED → IN_SERVICE → RESOLVED | CLOSED.",
});

/** A filed station with no new demand for this many days is idle (docs/domain.md rule 6). */
export const IDLE_AFTER_DAYS = 90;

export enum BookingStatus {
  REQUESTED = "REQUESTED",
  ACCEPTED = "ACCEPTED",
  DECLINED = "DECLINED",
  EXPIRED = "EXPIRED",
  CANCELLED = "CANCELLED",
  COMPLETED = "COMPLETED",
}
registerEnumType(BookingStatus, {
  name: "BookingStatus",
  description:
    "A booking's lifecycle (预约): REQUESTED → ACCEPTED | DECLINED | EXPIRED (unanswered) | CANCELLED; ACCEPTED → COMPLETED (an activity names it) | CANCELLED.",
});

export enum BookingAction {
  REQUEST = "REQUEST",
  ACCEPT = "ACCEPT",
  DECLINE = "DECLINE",
  EXPIRE = "EXPIRE",
  CANCEL = "CANCEL",
  COMPLETE = "COMPLETE",
  RATE = "RATE",
}
registerEnumType(BookingAction, {
  name: "BookingAction",
  description:
    "What a booking event did; RATE records the enterprise's satisfaction sent with a later copy of the session's activity.",
});

export enum BookingChannel {
  ENTERPRISE = "ENTERPRISE",
  STATION = "STATION",
}
registerEnumType(BookingChannel, {
  name: "BookingChannel",
  description:
    "Who made the booking: the enterprise itself (no token, with its credit code) or its station's DISTRICT_OPERATOR (or CITY_ADMIN).",
});

export enum SuggestionFactor {
  CATEGORY = "CATEGORY",
  DISTRICT = "DISTRICT",
  FORM = "FORM",
  LOAD = "LOAD",
  SATISFACTION = "SATISFACTION",
}
registerEnumType(SuggestionFactor, {
  name: "SuggestionFactor",
  description:
    "What a suggestion's reason weighs: category fit, the same district, the form, current load (open bookings), past satisfaction.",
});

/** What happened to a reporting month (docs/reports.md): its first close, or a later revision. */
export enum ReportingAction {
  CLOSE = "CLOSE",
  REVISE = "REVISE",
}
registerEnumType(ReportingAction, {
  name: "ReportingAction",
  description: "CLOSE: a month's first revision; REVISE: a later revision after its data changed.",
});

/** The figures of a station's monthly report, as named in a revision's changes. */
export enum ReportFigure {
  activities = "activities",
  enterprisesServed = "enterprisesServed",
  serviceHours = "serviceHours",
  demandsCollected = "demandsCollected",
  demandsResolved = "demandsResolved",
  meanSatisfaction = "meanSatisfaction",
  idle = "idle",
  filed = "filed",
  idleStations = "idleStations",
}
registerEnumType(ReportFigure, {
  name: "ReportFigure",
  description:
    "A figure of a monthly report; `filed`: a station joined or left the month's report; `idleStations`: a district's count.",
});

export enum RecordCorrectionStatus {
  OPEN = "OPEN",
  ACCEPTED = "ACCEPTED",
  REJECTED = "REJECTED",
}
registerEnumType(RecordCorrectionStatus, {
  name: "RecordCorrectionStatus",
  description:
    "A volunteer's request to correct its hours at an activity: OPEN → ACCEPTED | REJECTED (decided once, never edited).",
});

export enum RecordCorrectionAction {
  REQUEST = "REQUEST",
  ACCEPT = "ACCEPT",
  REJECT = "REJECT",
}
registerEnumType(RecordCorrectionAction, {
  name: "RecordCorrectionAction",
  description: "What a record correction event did: the volunteer's request, or its decision.",
});
