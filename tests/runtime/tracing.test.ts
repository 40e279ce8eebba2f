// Traces from the gateway to the database (issue 31): the federation runs as five processes, as
// under npm start (tests/helpers/processes.ts), each exporting to a test OTLP receiver
// (tests/helpers/otlp-receiver.ts). A CaseStories request makes one trace: the gateway's
// request span (a child of the caller's traceparent when it sends one), one client span per
// subgraph fetch, each continued by that subgraph's request span, and SQL spans under those; a
// subgraph's read through the gateway stays in the trace; log lines and the audit event a
// reviewStation writes carry the trace id; nothing personal is in any span.
// In processes, not in Jest's: the OTLP exporter loads node:http with a dynamic import(), which
// Jest's module sandbox refuses (without --experimental-vm-modules), so in-process exports never
// leave. The processes run the hub's own entry points (tools/run-*.ts), as in production.
import type { DataSource } from "typeorm";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { openDataSource } from "../../subgraphs/shared/db";
import { bootProcesses, type ProcessFederation } from "../helpers/processes";
import { contractOperation } from "../helpers/contract";
import {
  SPAN_KIND,
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedSpan,
} from "../helpers/otlp-receiver";
import { platformInput } from "../platforms/fixtures";

let receiver: OtlpReceiver;
let fed: ProcessFederation;
let districts: DataSource;
let admin: string;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  fed = await bootProcesses(
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: "50",
      LOG_LEVEL: "info",
    },
    { gatewayProcess: true },
  );
  admin = await fed.token("CITY_ADMIN");
  districts = await openDataSource(SUBGRAPH_DEFINITIONS.districts, fed.config);
}, 300_000);
afterAll(async () => {
  await districts?.destroy();
  await fed?.stop();
  await receiver?.close();
});

/** The JSON log lines a process wrote. */
const logsOf = (name: "gateway" | "districts") =>
  fed
    .output(name)
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));

/** POSTs an operation through the gateway; answers the body and the request id. */
async function send(query: string, variables: object, headers: Record<string, string> = {}) {
  const response = await fetch(fed.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${admin}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { body, requestId: response.headers.get("x-request-id")! };
}

/** A new station of a district, SUBMITTED (its first audit event); answers its id. */
async function publishedStation(district: string) {
  const published = await send(contractOperation("PublishStations"), {
    districtCode: district,
    stations: [
      {
        externalId: `TRACE-${Date.now()}`,
        name: "追踪测试工作站",
        hostType: "SME_PARK",
        address: "深圳市追踪路1号",
        categories: ["POLICY"],
        contactName: "陈思远",
        contactPhone: "13800138000",
      },
    ],
  });
  expect(published.body.data.publishStations.created).toBe(1);
  const [station] = await districts.query(
    "SELECT id FROM station WHERE districtCode = ? ORDER BY id DESC LIMIT 1",
    [district],
  );
  return { id: String(station.id), requestId: published.requestId };
}

const review = (id: string, decision: string) =>
  send(contractOperation("ReviewStation"), { id, decision, comment: "材料齐全" });

/** Polls until `found` answers something, for at most 20 s (what other processes send). */
async function eventually<T>(found: () => T | undefined | false): Promise<T | undefined> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = found();
    if (value || Date.now() > deadline) return value || undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The trace id the gateway's log line of a request carries (its output comes through a pipe). */
async function traceIdOf(requestId: string): Promise<string> {
  const line = await eventually(() =>
    logsOf("gateway").find((l) => l.msg === "graphql" && l.requestId === requestId),
  );
  expect(line?.traceId).toMatch(/^[0-9a-f]{32}$/);
  return line.traceId;
}

/** The spans of a trace once `done` says all have arrived (the exporters batch every 50 ms). */
async function traceOf(traceId: string, done: (spans: ReceivedSpan[]) => boolean) {
  const spansOf = () => receiver.spans().filter((s) => s.traceId === traceId);
  return (await eventually(() => done(spansOf()) && spansOf())) ?? spansOf();
}

const CASE_STORIES = contractOperation("CaseStories");
const subgraphServers = (spans: ReceivedSpan[]) =>
  spans.filter((s) => s.kind === SPAN_KIND.SERVER && s.service !== "hub-gateway");
const fetches = (spans: ReceivedSpan[]) =>
  spans.filter((s) => s.kind === SPAN_KIND.CLIENT && s.attributes["hub.subgraph"]);
/** Every fetch has its subgraph's request span, and every subgraph request has its SQL. */
const complete = (spans: ReceivedSpan[]) =>
  fetches(spans).length > 0 &&
  spans.some((s) => s.service === "hub-gateway" && s.kind === SPAN_KIND.SERVER) &&
  fetches(spans).every((f) => spans.some((s) => s.parentSpanId === f.spanId)) &&
  subgraphServers(spans).every((server) =>
    spans.some((s) => s.parentSpanId === server.spanId && s.attributes["db.operation.name"]),
  );

describe("a CaseStories request", () => {
  let spans: ReceivedSpan[];
  let traceId: string;
  beforeAll(async () => {
    const { body, requestId } = await send(CASE_STORIES, { first: 5 });
    expect(body.data.caseStories.nodes).toHaveLength(5);
    traceId = await traceIdOf(requestId);
    // The first request of this text: parsed and validated (later ones reuse Apollo's cache).
    spans = await traceOf(
      traceId,
      (found) => complete(found) && found.some((s) => s.name === "graphql.validate"),
    );
  });

  it("is one trace whose root is the gateway's request span", () => {
    const roots = spans.filter((s) => s.parentSpanId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ service: "hub-gateway", kind: SPAN_KIND.SERVER });
    expect(roots[0].name).toBe("POST /graphql");
    expect(roots[0].attributes).toMatchObject({
      "graphql.operation.name": "CaseStories",
      "http.response.status_code": 200,
    });
    const ids = new Set(spans.map((s) => s.spanId));
    for (const span of spans) if (span.parentSpanId) expect(ids).toContain(span.parentSpanId);
  });

  it("has the gateway's parse, validate and plan under it", () => {
    const root = spans.find((s) => s.parentSpanId === null)!;
    for (const name of ["graphql.parse", "graphql.validate"])
      expect(spans.find((s) => s.name === name)?.parentSpanId).toBe(root.spanId);
    expect(spans.some((s) => s.name === "gateway.plan")).toBe(true);
  });

  it("has one span per subgraph call, each continued by that subgraph's request span", () => {
    const calls = fetches(spans);
    // Apollo's gateway makes one gateway.fetch span per fetch of its plan; the entity fetches of
    // one level to one subgraph go as one call (gateway/entity-batch.ts), under the first's span:
    // CaseStories' three to districts.
    const planned = spans.filter((s) => s.name === "gateway.fetch");
    expect(planned.length).toBe(6);
    expect(calls.length).toBe(4);
    expect(new Set(calls.map((c) => c.attributes["hub.subgraph"]))).toEqual(
      new Set(["publicity", "corps", "districts", "platforms"]),
    );
    for (const call of calls) {
      const parent = spans.find((s) => s.spanId === call.parentSpanId)!;
      expect(parent.name).toBe("gateway.fetch");
      expect(parent.attributes.service).toBe(call.attributes["hub.subgraph"]);
      expect(call.attributes["graphql.operation.name"]).toMatch(
        /^CaseStories__\w+__\d+(__batch)?$/,
      );
      const served = spans.filter((s) => s.parentSpanId === call.spanId);
      expect(served).toHaveLength(1);
      expect(served[0]).toMatchObject({
        service: `hub-${call.attributes["hub.subgraph"]}`,
        kind: SPAN_KIND.SERVER,
        name: "POST /graphql",
      });
    }
  });

  it("has the SQL statements under the subgraphs' request spans: kind and table only", () => {
    const sql = spans.filter((s) => s.attributes["db.operation.name"]);
    expect(sql.length).toBeGreaterThanOrEqual(subgraphServers(spans).length);
    const servers = new Map(subgraphServers(spans).map((s) => [s.spanId, s]));
    for (const statement of sql) {
      const server = servers.get(statement.parentSpanId!);
      expect(server).toBeDefined();
      expect(statement.service).toBe(server!.service);
      expect(statement.kind).toBe(SPAN_KIND.CLIENT);
      expect(Object.keys(statement.attributes).sort()).toEqual(
        ["db.collection.name", "db.operation.name", "db.system.name"].filter(
          (k) => k in statement.attributes,
        ),
      );
      const { "db.operation.name": kind, "db.collection.name": table } = statement.attributes;
      expect(statement.name).toBe(table ? `${kind} ${table}` : kind);
    }
    expect(sql.map((s) => s.attributes["db.collection.name"])).toContain("case_story");
  });
});

describe("trace context", () => {
  it("continues a caller's W3C traceparent", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const parent = "00f067aa0ba902b7";
    const { requestId } = await send(
      CASE_STORIES,
      { first: 1 },
      { traceparent: `00-${traceId}-${parent}-01` },
    );
    expect(await traceIdOf(requestId)).toBe(traceId);
    const spans = await traceOf(traceId, complete);
    const gateway = spans.filter((s) => s.service === "hub-gateway" && s.kind === SPAN_KIND.SERVER);
    expect(gateway).toHaveLength(1);
    expect(gateway[0].parentSpanId).toBe(parent);
  });

  it("keeps a subgraph's read through the gateway in the trace (platforms asks districts)", async () => {
    const { id: stationId } = await publishedStation("440307");
    await review(stationId, "ACCEPT");
    await review(stationId, "FILE");
    const { requestId } = await send(contractOperation("ApplyPlatform"), {
      input: platformInput({ districtCode: "440307", sourceStationId: stationId }),
    });
    const traceId = await traceIdOf(requestId);
    const gatewayRequests = (spans: ReceivedSpan[]) =>
      spans.filter((s) => s.service === "hub-gateway" && s.kind === SPAN_KIND.SERVER);
    const spans = await traceOf(
      traceId,
      (found) => gatewayRequests(found).length === 2 && complete(found),
    );
    const [outer, inner] = gatewayRequests(spans).sort(
      (a, b) => Number(a.parentSpanId !== null) - Number(b.parentSpanId !== null),
    );
    expect(outer.parentSpanId).toBeNull();
    expect(inner.attributes["graphql.operation.name"]).toBe("SourceStations");
    // The read's request span is a child of the platforms subgraph's request span.
    const caller = spans.find((s) => s.spanId === inner.parentSpanId)!;
    expect(caller).toMatchObject({ service: "hub-platforms", kind: SPAN_KIND.SERVER });
  });
});

describe("what carries the trace id", () => {
  it("every gateway log line of the request, and the audit events it writes", async () => {
    const station = await publishedStation("440305");
    const reviewed = await review(station.id, "ACCEPT");
    expect(reviewed.body.data.reviewStation.status).toBe("UNDER_REVIEW");
    const events = await districts.query(
      "SELECT toStatus, traceId FROM station_event WHERE stationId = ? ORDER BY id",
      [Number(station.id)],
    );
    expect(events).toEqual([
      { toStatus: "SUBMITTED", traceId: await traceIdOf(station.requestId) },
      { toStatus: "UNDER_REVIEW", traceId: await traceIdOf(reviewed.requestId) },
    ]);
    const reviewTrace = await traceIdOf(reviewed.requestId);
    const lines = logsOf("gateway").filter((l) => l.requestId === reviewed.requestId);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.traceId).toBe(reviewTrace);
    // The trace of the review has the districts subgraph's UPDATE and INSERT.
    const spans = await traceOf(reviewTrace, (found) =>
      found.some((s) => s.name === "INSERT station_event"),
    );
    expect(spans.map((s) => s.name)).toEqual(
      expect.arrayContaining(["UPDATE station", "INSERT station_event"]),
    );
  });

  it("no span has the variables or a document's text", async () => {
    const canary = "TRACE-CANARY-7731";
    const { requestId } = await send(CASE_STORIES, { first: 2, filter: { search: canary } });
    const spans = await traceOf(await traceIdOf(requestId), complete);
    expect(spans.length).toBeGreaterThan(3);
    const text = JSON.stringify(spans);
    expect(text).not.toContain(canary);
    expect(text).not.toMatch(/caseStories\(|SELECT .* FROM|WHERE/);
    expect(receiver.requests().unreadable).toBe(0);
  });
});
