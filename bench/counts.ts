// Work per request, read from the servers' own /metrics: SQL statements across the subgraphs and
// subgraph fetches by the gateway, for one request at each of two page sizes.
import type { SubgraphName } from "../runtime/config";
import type { BenchFederation } from "./federation";
import type { Fixture } from "./scenarios";

export async function post(url: string, headers: Record<string, string>, body: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as GraphQLAnswer };
  } catch {
    return { status: response.status, json: { errors: [{ message: text.slice(0, 300) }] } };
  }
}

/** The data set's district with most and fewest stations, and a volunteer named in a story. */
export async function discoverFixture(fed: BenchFederation): Promise<Fixture> {
  const headers = await fed.headers({ sub: "bench", role: "CITY_ADMIN" }, "hub");
  const answer = await post(fed.gateways.hub!.url, headers, {
    query: `{ districts { code stationCount(status: FILED) }
              caseStories(first: 20) { nodes { volunteers { id } } } }`,
  });
  const data = answer.json.data as {
    districts: Array<{ code: string; stationCount: number }>;
    caseStories: { nodes: Array<{ volunteers: Array<{ id: string } | null> }> };
  };
  if (!data) throw new Error(`cannot read the data set: ${JSON.stringify(answer.json.errors)}`);
  const byStations = [...data.districts].sort((a, b) => b.stationCount - a.stationCount);
  const volunteer = data.caseStories.nodes.flatMap((n) => n.volunteers).find((v) => v);
  if (!volunteer) throw new Error("the data set has no published story with a volunteer");
  return {
    districtCode: byStations[0].code,
    publishDistrict: byStations[byStations.length - 1].code,
    volunteerId: volunteer.id,
  };
}

export interface GraphQLAnswer {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The sum of every sample of a metric (all its label sets) in Prometheus text. */
export function metricSum(text: string, metric: string): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== " " && rest[0] !== "{") continue;
    sum += Number(line.slice(line.lastIndexOf(" ") + 1)) || 0;
  }
  return sum;
}

/** A server's /metrics, with the federation's METRICS_TOKEN (production serves none without). */
async function scrape(fed: BenchFederation, url: string) {
  const token = fed.env.METRICS_TOKEN;
  const response = await fetch(url.replace(/\/graphql$/, "/metrics"), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`${url}: /metrics answered ${response.status}`);
  return response.text();
}

export interface WorkCount {
  statements: number;
  fetches: number;
  /** Entity fetches (_entities) and the representations they carried, in all. */
  entityFetches: number;
  representations: number;
  bySubgraph: Partial<Record<SubgraphName, number>>;
}

/** The gateway's counters of fetches, entity fetches and representations so far. */
async function gatewayWork(fed: BenchFederation, url: string) {
  const text = await scrape(fed, url);
  return {
    fetches: metricSum(text, "hub_subgraph_request_duration_seconds_count"),
    entityFetches: metricSum(text, "hub_subgraph_representations_count"),
    representations: metricSum(text, "hub_subgraph_representations_sum"),
  };
}

/** Statements and fetches one request costs through our gateway (cache off). */
export async function countWork(
  fed: BenchFederation,
  headers: Record<string, string>,
  body: unknown,
): Promise<WorkCount> {
  const gateway = fed.gateways.hub!;
  const names = Object.keys(fed.subgraphs) as SubgraphName[];
  const statementsBefore = await Promise.all(
    names.map(async (n) =>
      metricSum(await scrape(fed, fed.subgraphs[n].url), "hub_sql_statements_total"),
    ),
  );
  const before = await gatewayWork(fed, gateway.url);
  const answer = await post(gateway.url, headers, body);
  if (answer.json.errors?.length)
    throw new Error(`counting: the request failed: ${JSON.stringify(answer.json.errors[0])}`);
  const bySubgraph: WorkCount["bySubgraph"] = {};
  let statements = 0;
  for (const [i, n] of names.entries()) {
    const delta =
      metricSum(await scrape(fed, fed.subgraphs[n].url), "hub_sql_statements_total") -
      statementsBefore[i];
    if (delta) bySubgraph[n] = delta;
    statements += delta;
  }
  const after = await gatewayWork(fed, gateway.url);
  return {
    statements,
    fetches: after.fetches - before.fetches,
    entityFetches: after.entityFetches - before.entityFetches,
    representations: after.representations - before.representations,
    bySubgraph,
  };
}
