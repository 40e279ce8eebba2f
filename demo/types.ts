// The shape of the demo data set: one interface per kind of row, then the whole set.
export interface DemoBranch {
  id: number;
  name: string;
  kind: "REGION" | "INDUSTRY";
  districtCode: string | null;
  industry: string | null;
}
export interface DemoVolunteer {
  id: number;
  name: string;
  expertType: string;
  categories: string[];
  employer: string;
  retired: boolean;
  status: "APPLIED" | "APPOINTED" | "SUSPENDED" | "WITHDRAWN";
  contactPhone: string;
  idNumber: string;
  branchId: number;
  letterNumber: string | null;
  appointedOn: string | null;
  agreement: {
    form: "ONLINE" | "OFFLINE" | "BOTH";
    committedHoursPerYear: number;
    validFrom: string;
    validTo: string;
  } | null;
}
export interface DemoStation {
  id: number;
  districtCode: string;
  externalId: string;
  name: string;
  hostType: string;
  status: string;
  categories: string[];
  address: string;
  contactName: string;
  contactPhone: string;
  venue: string;
  equipment: string;
  recommended: boolean;
  filedAt: string | null;
}
export interface DemoDemand {
  id: number;
  districtCode: string;
  externalId: string;
  stationId: number;
  enterpriseName: string;
  creditCode: string;
  category: string;
  focusGroup: string | null;
  specialised: boolean;
  description: string;
  status: string;
  collectedOn: string;
  satisfaction: number | null;
}
export interface DemoActivity {
  id: number;
  districtCode: string;
  externalId: string;
  stationId: number | null;
  type: string;
  category: string;
  title: string;
  heldOn: string;
  enterprisesServed: number;
  participants: Array<{ volunteerId: number; hours: number }>;
}
export interface DemoPlatform {
  id: number;
  name: string;
  kind: string;
  operatorName: string;
  districtCode: string;
  sourceStationId: number | null;
  status: string;
  level: string | null;
  appliedOn: string;
  certifiedOn: string | null;
  mentorIds: number[];
}
export interface DemoStory {
  id: number;
  title: string;
  summary: string;
  body: string;
  categories: string[];
  districtCode: string;
  status: string;
  publishedAt: string | null;
  volunteerIds: number[];
  stationIds: number[];
  platformIds: number[];
  activityIds: number[];
  coverage: Array<{ outlet: string; url: string; publishedOn: string }>;
}
export interface DemoData {
  anchor: string;
  branches: DemoBranch[];
  volunteers: DemoVolunteer[];
  stations: DemoStation[];
  demands: DemoDemand[];
  activities: DemoActivity[];
  platforms: DemoPlatform[];
  stories: DemoStory[];
}
