// The benchmark's scenarios: the contract's operations as clients send them, with the caller and
// variables each is timed with. Documents come from contract/ (the repository's copy of the
// clients' contract), one operation each, so every target parses only what it runs.
import fs from "node:fs";
import path from "node:path";
import { Kind, parse, print, type OperationDefinitionNode } from "graphql";
import type { Role } from "../runtime/auth";
import type { SubgraphName } from "../runtime/config";
import { addDays, today } from "../runtime/dates";

/** contract/ from the sources (tests) or from dist/bench (npm run bench). */
const CONTRACT = [
  path.join(__dirname, "..", "contract"),
  path.join(__dirname, "..", "..", "contract"),
].find((dir) => fs.existsSync(dir))!;

/** One named operation of a contract file, printed alone. */
export function contractOperation(file: string, name: string): string {
  const document = parse(fs.readFileSync(path.join(CONTRACT, `${file}.graphql`), "utf8"));
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!operation) throw new Error(`${file}.graphql has no operation ${name}`);
  return print(operation);
}

/** Ids the scenarios need, discovered from the data the run serves. */
export interface Fixture {
  volunteerId: string;
  /** The district with the most stations: the one the reads page through. */
  districtCode: string;
  /** The district with the fewest: the one publishing writes into, away from the reads. */
  publishDistrict: string;
}

export interface Scenario {
  name: string;
  query: string;
  /** Variables at the timed page size (and at a small one, for the statement counts). */
  variables(fixture: Fixture, pageSize?: number): Record<string, unknown>;
  /** The page sizes statements and fetches are counted at; none for a scenario without pages. */
  pageSizes?: [number, number];
  /** `district: "publish"`: the publishing district's operator. */
  caller: { role: Role; district?: "publish" } | null;
  /** The one subgraph that can answer it alone (then it is also timed straight there). */
  direct?: SubgraphName;
  /** Cross-subgraph reads that in-flight dedup and the response cache can serve. */
  shared?: boolean;
  /** Writes: each request sends new rows, so targets are compared by rows per second. */
  rowsPerRequest?: number;
  /** A body of its own for each request (writes). */
  body?: (sequence: number, fixture: Fixture) => Record<string, unknown>;
  connections?: number;
}

export function dashboardRange() {
  const to = today();
  return { from: addDays(to, -364), to };
}

export const SCENARIOS: Scenario[] = [
  {
    name: "CityDashboard",
    query: contractOperation("dashboard", "CityDashboard"),
    variables: () => dashboardRange(),
    caller: { role: "DASHBOARD_VIEWER" },
    shared: true,
  },
  {
    name: "CaseStories",
    query: contractOperation("publicity", "CaseStories"),
    variables: (_f, first = 50) => ({ first }),
    pageSizes: [5, 50],
    caller: null,
    shared: true,
  },
  {
    name: "DistrictStations",
    query: contractOperation("districts", "DistrictStations"),
    variables: (f, first = 100) => ({ districtCode: f.districtCode, first }),
    pageSizes: [10, 100],
    caller: { role: "CITY_ADMIN" },
    direct: "districts",
  },
  {
    name: "Volunteer",
    query: contractOperation("corps", "Volunteer"),
    variables: (f) => ({ id: f.volunteerId }),
    caller: { role: "CITY_ADMIN" },
  },
  {
    name: "Platforms",
    query: contractOperation("platforms", "Platforms"),
    variables: (_f, first = 40) => ({ first }),
    pageSizes: [5, 40],
    caller: { role: "CITY_ADMIN" },
  },
  {
    name: "PublishStations",
    query: contractOperation("districts", "PublishStations"),
    variables: (f) => ({
      districtCode: f.publishDistrict,
      stations: stationRows("check", 0, 1000),
    }),
    caller: { role: "DISTRICT_OPERATOR", district: "publish" },
    rowsPerRequest: 1000,
    connections: 4,
    body: (sequence, f) => ({
      districtCode: f.publishDistrict,
      stations: stationRows(`b${process.pid}-${sequence}`, 0, 1000),
    }),
  },
];

/** `count` new stations whose external ids start with `prefix`. */
export function stationRows(prefix: string, from: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    externalId: `BENCH-${prefix}-${from + i}`,
    name: `基准测试工作站 ${prefix} ${from + i}`,
    hostType: "INCUBATOR",
    address: "深圳市福田区基准测试路1号",
    categories: ["STARTUP", "FINANCING"],
    contactName: "测试员",
    contactPhone: "13800138000",
  }));
}
