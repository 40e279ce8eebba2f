// What the platforms tests share: their own workstations (published and reviewed into a status),
// their own volunteers (registered, appointed), their own platforms (applied through the contract's
// ApplyPlatform), and direct reads of the platforms tables to prove a refused request wrote nothing.
import { Writable } from "node:stream";
import { startGateway } from "../../gateway";
import type { SubgraphName } from "../../runtime/config";
import { createLogger } from "../../runtime/log";
import type { Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";
import { appoint, register } from "../corps/fixtures";

/** A platform as PLATFORM_QUERY reads it (the fields the tests look at). */
export type Platform = {
  name: string;
  level: string | null;
  history: Array<{ action: string; toStatus: string; at: string; [field: string]: unknown }>;
};
type Page = {
  district: {
    stations: {
      nodes: Array<{ id: string; externalId: string }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
};

export const PLATFORM = `
  id name kind operatorName status level appliedOn certifiedOn recommendation
  district { code } sourceStation { id }
  history { actor action fromStatus toStatus comment at }`;
export const PLATFORM_QUERY = `query ($id: ID!) { platform(id: $id) { ${PLATFORM} } }`;

let serial = 0;
const next = () => {
  serial += 1;
  return `${process.pid % 1000}-${serial}`;
};

export function platformInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试示范平台${next()}`,
    kind: "COMPREHENSIVE_BASE",
    operatorName: "深圳市测试园区运营有限公司",
    districtCode: "440305",
    ...overrides,
  };
}

/** A new application by CITY_ADMIN through the contract's ApplyPlatform; returns its id. */
export async function applied(fed: Federation, overrides: Record<string, unknown> = {}) {
  const data = await execute<{ applyPlatform: { id: string } }>(fed.gatewayUrl, {
    query: contractOperation("ApplyPlatform"),
    variables: { input: platformInput(overrides) },
    token: await fed.token("CITY_ADMIN"),
  });
  return data.applyPlatform.id;
}

/** A new platform taken to `status` by the city's decisions; returns its id. */
export async function platformIn(
  fed: Federation,
  status: "APPLIED" | "CERTIFIED" | "REJECTED" | "REVOKED",
  overrides: Record<string, unknown> = {},
) {
  const id = await applied(fed, overrides);
  const admin = await fed.token("CITY_ADMIN");
  const run = (query: string, variables: Record<string, unknown>) =>
    execute(fed.gatewayUrl, { query, variables: { id, ...variables }, token: admin });
  if (status === "CERTIFIED" || status === "REVOKED")
    await run(contractOperation("CertifyPlatform"), { level: "MUNICIPAL" });
  if (status === "REVOKED")
    await run(`mutation ($id: ID!) { revokePlatform(id: $id, reason: "测试撤销") { id } }`, {});
  if (status === "REJECTED")
    await run(`mutation ($id: ID!) { rejectPlatform(id: $id, reason: "测试驳回") { id } }`, {});
  return id;
}

export async function platform(fed: Federation, id: string) {
  const data = await execute<{ platform: Platform }>(fed.gatewayUrl, {
    query: PLATFORM_QUERY,
    variables: { id },
    token: await fed.token("CITY_ADMIN"),
  });
  return data.platform;
}

/** An APPOINTED volunteer of the tests' own; returns its id. */
export async function appointedVolunteer(fed: Federation) {
  const { id } = await register(fed);
  await appoint(fed, id);
  return id;
}

/** Row counts of every platforms table, and a digest of the mentor groups. */
export async function platformsState(fed: Federation) {
  const db = fed.subgraphs.platforms.db;
  const state: Record<string, unknown> = {};
  for (const table of [
    "platform",
    "platform_event",
    "service_plan",
    "plan_event",
    "performance_review",
  ]) {
    const [row] = await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
    state[table] = Number(row.n);
  }
  const mentors: Array<{ platformId: unknown; volunteerId: unknown }> = await db.query(
    "SELECT platformId, volunteerId FROM mentor ORDER BY platformId, volunteerId",
  );
  state.mentors = mentors.map((m) => `${String(m.platformId)}:${String(m.volunteerId)}`).join(",");
  const versions: Array<{ v: unknown }> = await db.query("SELECT SUM(version) AS v FROM platform");
  state.versions = Number(versions[0].v);
  return state;
}

const STATIONS = contractOperation("DistrictStations");
const PUBLISH = contractOperation("PublishStations");
const REVIEW = contractOperation("ReviewStation");
/** The review decisions that take a newly published station to each status. */
const ROUTE: Record<string, string[]> = {
  SUBMITTED: [],
  UNDER_REVIEW: ["ACCEPT"],
  FILED: ["ACCEPT", "FILE"],
  SUSPENDED: ["ACCEPT", "FILE", "SUSPEND"],
};

/** A workstation of the tests' own in `district`, reviewed into `status`; returns its id. */
export async function stationIn(fed: Federation, district: string, status: keyof typeof ROUTE) {
  const admin = await fed.token("CITY_ADMIN");
  const externalId = `PF-TEST-${next()}`;
  const result = await execute<{ publishStations: unknown }>(fed.gatewayUrl, {
    query: PUBLISH,
    token: admin,
    variables: {
      districtCode: district,
      stations: [
        {
          externalId,
          name: `平台测试工作站${externalId}`,
          hostType: "STARTUP_BASE",
          address: `深圳市测试路${serial}号`,
          categories: ["STARTUP"],
          contactName: "林晓东",
          contactPhone: "13800138000",
        },
      ],
    },
  });
  expect(result.publishStations).toMatchObject({ created: 1, rejected: [] });
  let id: string | null = null;
  let after: string | null = null;
  while (!id) {
    const data: Page = await execute<Page>(fed.gatewayUrl, {
      query: STATIONS,
      token: admin,
      variables: { districtCode: district, status: "SUBMITTED", first: 100, after },
    });
    const { nodes, pageInfo } = data.district.stations;
    id = nodes.find((n: { externalId: string }) => n.externalId === externalId)?.id ?? null;
    if (!id && !pageInfo.hasNextPage) throw new Error(`station ${externalId} was not published`);
    after = pageInfo.endCursor;
  }
  for (const decision of ROUTE[status]) {
    await execute(fed.gatewayUrl, { query: REVIEW, token: admin, variables: { id, decision } });
  }
  return id;
}

/** Gateway requests the hub's own services sent (role SERVICE), by operation name, so far. */
export function serviceRequests(fed: Federation, operation: string) {
  return fed
    .logs()
    .map((line) => JSON.parse(line))
    .filter((l) => l.msg === "graphql" && l.role === "SERVICE" && l.operation === operation).length;
}

/**
 * Runs `work` while the subgraphs' own service requests go to a second gateway that cannot reach
 * `down` (clients still use the real one); the second gateway logs nowhere.
 */
export async function whileUnreachable(
  fed: Federation,
  down: SubgraphName,
  work: () => Promise<void>,
) {
  const urls = Object.fromEntries(Object.entries(fed.subgraphs).map(([n, s]) => [n, s.url]));
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const broken = await startGateway(fed.config, {
    port: 0,
    subgraphUrls: { ...urls, [down]: "http://127.0.0.1:9/graphql" },
    log: createLogger("gateway", fed.config.log, quiet),
  });
  const gatewayUrl = fed.config.servers.gatewayUrl;
  fed.config.servers.gatewayUrl = broken.url; // read by the service client at every request
  try {
    await work();
  } finally {
    fed.config.servers.gatewayUrl = gatewayUrl;
    await broken.stop();
  }
}
