// The contract's operations as named examples per client, with sample variables from the demo
// data (dates on Shenzhen's calendar). The operation texts are bundled from the repository's copy
// of the contract (contract/*.graphql).
import { addDays, previousMonth, today } from "../../runtime/dates";
import corps from "../../contract/corps.graphql";
import dashboard from "../../contract/dashboard.graphql";
import districts from "../../contract/districts.graphql";
import platforms from "../../contract/platforms.graphql";
import publicity from "../../contract/publicity.graphql";
import reports from "../../contract/reports.graphql";
import selfService from "../../contract/self-service.graphql";

export interface Example {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface ExampleGroup {
  client: string;
  label: string;
  examples: Example[];
}

/** Sample variables per operation: ids and codes that exist in the demo data. */
function sampleVariables(): Record<string, Record<string, unknown>> {
  const now = today();
  // Last month on Shenzhen's calendar: the latest a report can have been closed for.
  const lastMonth = previousMonth(now);
  return {
    CloseReportingMonth: { month: lastMonth },
    StationMonthlyReports: { month: lastMonth, districtCode: "440305", first: 20 },
    RequestRecordCorrection: {
      input: { activityId: "1", claimedHours: 2, reason: "签到表记录为2小时，系统漏记" },
    },
    DecideRecordCorrection: { id: "1", accept: true, comment: "已核对签到表" },
    RegisterVolunteer: {
      input: {
        name: "林晓梅",
        expertType: "FINANCE",
        categories: ["FINANCING", "POLICY"],
        employer: "深圳某银行",
        retired: false,
        contactPhone: "13912345678",
        idNumber: "11010119900307123X",
        branchId: "3",
      },
    },
    AppointVolunteer: {
      id: "1",
      agreement: {
        form: "BOTH",
        committedHoursPerYear: 48,
        validFrom: now,
        validTo: addDays(now, 365),
      },
    },
    TransferVolunteer: { id: "2", toBranchId: "5", reason: "工作调动" },
    Volunteer: { id: "2" },
    IssueCertificate: { volunteerId: "2" },
    Branches: { districtCode: "440305" },
    VerifyCertificate: { number: "SZZYFWZM-2026-000001" },
    CityDashboard: { from: `${now.slice(0, 4)}-01-01`, to: now },
    PublishStations: {
      districtCode: "440305",
      stations: [
        {
          externalId: "NS-DEMO-001",
          name: "蛇口网谷中小企业志愿服务工作站",
          hostType: "SME_PARK",
          address: "深圳市南山区粤海街道科技南路18号",
          categories: ["POLICY", "FINANCING"],
          contactName: "陈思远",
          contactPhone: "13800138000",
        },
      ],
    },
    ReviewStation: { id: "1", decision: "ACCEPT", comment: "材料齐全" },
    PublishDemands: {
      districtCode: "440305",
      demands: [
        {
          externalId: "NS-DM-DEMO-1",
          stationExternalId: "NS-DEMO-001",
          enterpriseName: "深圳市示例科技有限公司",
          creditCode: "91440300MA5F3K0017",
          category: "FINANCING",
          focusGroup: "WOMEN",
          specialised: true,
          description: "需要对接银行贷款",
          collectedOn: now,
        },
      ],
    },
    PublishActivities: {
      districtCode: "440305",
      activities: [
        {
          externalId: "NS-AC-DEMO-1",
          stationExternalId: "NS-DEMO-001",
          type: "SALON",
          category: "FINANCING",
          title: "融资对接沙龙",
          heldOn: now,
          feeCharged: 0,
          enterprisesServed: 12,
          participants: [{ volunteerId: "2", hours: 2.5 }],
        },
      ],
    },
    DistrictStations: { districtCode: "440305", status: "FILED", first: 10 },
    ApplyPlatform: {
      input: {
        name: "南山区创业创新示范基地",
        kind: "COMPREHENSIVE_BASE",
        operatorName: "深圳市南山区示例运营有限公司",
        districtCode: "440305",
      },
    },
    CertifyPlatform: { id: "1", level: "MUNICIPAL" },
    SetMentors: { platformId: "1", volunteerIds: ["2", "3", "4"] },
    Platforms: { districtCode: "440305", first: 10 },
    CaseStories: { first: 10 },
    DraftStory: {
      input: {
        title: "专家志愿者助企纾困",
        summary: "融资对接沙龙服务企业12家。",
        body: "市中小企业志愿服务总队专家走进工作站……",
        categories: ["FINANCING"],
        districtCode: "440305",
        volunteerIds: ["2"],
        stationIds: [],
        platformIds: [],
        activityIds: [],
      },
    },
    MyDemands: { first: 10 },
    RateDemand: { id: "1", satisfaction: 5, comment: "专家很专业，问题已解决" },
    OverdueDemands: { districtCode: "440305", first: 10 },
    SubmitStory: { id: "25" },
    PublishStory: { id: "25" },
    RecordCoverage: {
      storyId: "1",
      coverage: {
        outlet: "SHENZHEN_SPECIAL_ZONE_DAILY",
        url: "https://www.sznews.com/",
        publishedOn: now,
      },
    },
  };
}

/** The named operations of a document, each with its own text. */
function split(document: string): Array<{ name: string; query: string }> {
  const parts = document.split(/\n(?=(?:query|mutation)\s)/);
  return parts
    .map((part) => part.replace(/^(\s*#[^\n]*\n)+/, "").trim())
    .filter((part) => /^(query|mutation)\s+\w+/.test(part))
    .map((query) => ({ name: /^(?:query|mutation)\s+(\w+)/.exec(query)![1], query: `${query}\n` }));
}

/** The enterprises' operations of contract/self-service.graphql (ENTERPRISE, and 督办 for staff). */
const ENTERPRISE_OPERATIONS = ["MyDemands", "RateDemand", "OverdueDemands"];
/** The volunteers' operations of contract/self-service.graphql (VOLUNTEER, corrections for staff). */
const VOLUNTEER_OPERATIONS = [
  "MyVolunteerRecord",
  "RequestRecordCorrection",
  "DecideRecordCorrection",
];

export function exampleGroups(): ExampleGroup[] {
  const variables = sampleVariables();
  const group = (
    client: string,
    label: string,
    document: string,
    only?: readonly string[],
  ): ExampleGroup => ({
    client,
    label,
    examples: split(document)
      .filter(({ name }) => !only || only.includes(name))
      .map(({ name, query }) => ({ name, query, variables: variables[name] ?? {} })),
  });
  return [
    group("districts", "区企业服务机构 District agency", districts),
    group("corps", "志愿服务总队 Corps office", corps),
    group("platforms", "示范平台 Platforms", platforms),
    group("publicity", "宣传部门 Publicity office", publicity),
    group("dashboard", "市级看板 Dashboard", dashboard),
    group("reports", "信息报送 Reports", reports),
    // self-service.graphql holds the volunteers' operations too; each group takes its own.
    group("enterprises", "企业 Enterprises", selfService, ENTERPRISE_OPERATIONS),
    group("volunteers", "志愿者本人 Volunteers", selfService, VOLUNTEER_OPERATIONS),
  ];
}
