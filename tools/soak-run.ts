// The soak: many concurrent clients sending a mix of the hub's real traffic for a while —
// anonymous story reads, district station pages, dashboard reads and small station publishes —
// and what it found: requests, errors, acknowledged writes that are missing afterwards, and the
// gateway's memory over time (from its /metrics). npm run soak runs it against a running hub;
// tests/hardening/soak.test.ts runs 30 s of it in CI.
import { signToken } from "../runtime/auth";
import type { AuthConfig } from "../runtime/config";
import { today } from "../runtime/dates";

export interface SoakOptions {
  gatewayUrl: string;
  auth: AuthConfig;
  /** The hub's METRICS_TOKEN, for reading the gateway's memory (production needs it). */
  metricsToken?: string | null;
  clients: number;
  seconds: number;
  /** How often the gateway's memory is sampled (default 5 s). */
  sampleSeconds?: number;
  /** Called every few seconds with a line of progress. */
  progress?: (line: string) => void;
}

export interface SoakResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  publishes: number;
  rowsAcknowledged: number;
  rowsMissing: number;
  /** Gateway resident memory in MB, sampled every sampleSeconds. */
  memoryMb: number[];
  requestsPerSecond: number;
}

const DISTRICTS = ["440303", "440304", "440305", "440306", "440307"];

const STORIES = `query SoakStories { caseStories(first: 10) { totalCount nodes { id title district { name } stations { id name } volunteers { id name } } } }`;
const STATIONS = `query SoakStations($d: ID!) { district(code: $d) { stations(first: 20) { totalCount nodes { id name status idle } } } }`;
const DASHBOARD = `query SoakDashboard($from: Date!, $to: Date!) { districts { code stationCount(status: FILED) activityCount(from: $from, to: $to) serviceHours(from: $from, to: $to) volunteerCount } demandStats(from: $from, to: $to) { total resolved } }`;
const PUBLISH = `mutation SoakPublish($d: ID!, $s: [StationInput!]!) { publishStations(districtCode: $d, stations: $s) { created updated unchanged rejected { index message } } }`;
const COUNT = `query SoakCount($d: ID!) { district(code: $d) { stationCount } }`;

/** The parts of the answers read here (SoakCount, SoakPublish); the others are only counted. */
interface SoakData {
  district?: { stationCount?: number } | null;
  publishStations?: { created: number };
}

async function post(url: string, body: object, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as {
    data?: SoakData | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  } | null;
  return { status: response.status, json };
}

async function gatewayMemoryMb(gatewayUrl: string, token?: string | null): Promise<number | null> {
  try {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const text = await (
      await fetch(gatewayUrl.replace(/\/graphql$/, "/metrics"), { headers })
    ).text();
    const line = text.split("\n").find((l) => l.startsWith("hub_process_resident_memory_bytes"));
    return line ? Math.round(Number(line.split(" ").at(-1)) / 1048576) : null;
  } catch {
    return null;
  }
}

export async function soak(options: SoakOptions): Promise<SoakResult> {
  const { gatewayUrl, auth } = options;
  const viewer = await signToken({ sub: "soak-viewer", role: "DASHBOARD_VIEWER" }, auth);
  const admin = await signToken({ sub: "soak-admin", role: "CITY_ADMIN" }, auth);
  const stationCounts = async () => {
    const counts: Record<string, number> = {};
    for (const d of DISTRICTS) {
      const { json } = await post(
        gatewayUrl,
        { query: COUNT, variables: { d } },
        {
          authorization: `Bearer ${admin}`,
        },
      );
      counts[d] = json?.data?.district?.stationCount ?? NaN;
    }
    return counts;
  };
  const before = await stationCounts();
  const result: SoakResult = {
    requests: 0,
    errors: 0,
    errorSamples: [],
    publishes: 0,
    rowsAcknowledged: 0,
    rowsMissing: 0,
    memoryMb: [],
    requestsPerSecond: 0,
  };
  const created: Record<string, number> = Object.fromEntries(DISTRICTS.map((d) => [d, 0]));
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const run = `${started.toString(36)}`;
  const to = today();
  const range = { from: `${to.slice(0, 4)}-01-01`, to };

  async function client(i: number) {
    const district = DISTRICTS[i % DISTRICTS.length];
    const operator = await signToken(
      { sub: `soak-operator-${i}`, role: "DISTRICT_OPERATOR", district },
      auth,
    );
    const anonymous = { "x-forwarded-for": `10.77.${i >> 8}.${i & 255}` };
    let n = 0;
    while (Date.now() < deadline) {
      n += 1;
      const pick = (i * 7 + n * 13) % 20;
      let request: { body: object; headers: Record<string, string> };
      if (pick < 11) request = { body: { query: STORIES }, headers: anonymous };
      else if (pick < 14)
        request = {
          body: { query: STATIONS, variables: { d: district } },
          headers: { authorization: `Bearer ${operator}` },
        };
      else if (pick < 17)
        request = {
          body: { query: DASHBOARD, variables: range },
          headers: { authorization: `Bearer ${viewer}` },
        };
      else {
        const stations = Array.from({ length: 5 }, (_, k) => ({
          externalId: `SOAK-${run}-${i}-${n}-${k}`,
          name: `压力测试工作站 ${i}-${n}-${k}`,
          hostType: "INCUBATOR",
          address: "深圳市福田区压力测试路1号",
          categories: ["STARTUP"],
          contactName: "测试员",
          contactPhone: "13800138000",
        }));
        request = {
          body: { query: PUBLISH, variables: { d: district, s: stations } },
          headers: { authorization: `Bearer ${operator}` },
        };
      }
      let outcome;
      try {
        outcome = await post(gatewayUrl, request.body, request.headers);
      } catch (error) {
        outcome = { status: 0, json: { errors: [{ message: (error as Error).message }] } };
      }
      result.requests += 1;
      const failed = outcome.status !== 200 || !outcome.json?.data || outcome.json.errors?.length;
      if (failed) {
        result.errors += 1;
        if (result.errorSamples.length < 5)
          result.errorSamples.push(
            `HTTP ${outcome.status} ${JSON.stringify(outcome.json?.errors ?? null).slice(0, 300)}`,
          );
      } else if ((request.body as { query: string }).query === PUBLISH) {
        const published = outcome.json!.data!.publishStations!;
        result.publishes += 1;
        result.rowsAcknowledged += published.created;
        created[district] += published.created;
      }
    }
  }

  const sample = async () => {
    const mb = await gatewayMemoryMb(gatewayUrl, options.metricsToken);
    if (mb !== null) result.memoryMb.push(mb);
    options.progress?.(
      `${Math.round((Date.now() - started) / 1000)} s: ${result.requests} requests, ${result.errors} errors, gateway ${mb ?? "?"} MB`,
    );
  };
  // gatewayMemoryMb answers null rather than throw, so a sample cannot reject.
  const sampler = setInterval(() => void sample(), (options.sampleSeconds ?? 5) * 1000);
  try {
    await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  } finally {
    clearInterval(sampler);
  }
  result.requestsPerSecond = Math.round(result.requests / ((Date.now() - started) / 1000));
  const after = await stationCounts();
  for (const d of DISTRICTS) result.rowsMissing += Math.max(0, before[d] + created[d] - after[d]);
  return result;
}
