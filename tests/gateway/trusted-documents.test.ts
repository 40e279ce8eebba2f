// Trusted documents (issue 31): the federation runs in TRUSTED_DOCUMENTS=anonymous, the production
// default; gateways in the other modes (off, log, all) run beside it in front of the same
// subgraphs. An anonymous document that is not a trusted one is refused with nothing sent to a
// subgraph; every client of the hub (the dashboard page, GraphiQL's examples, the routes, the
// subgraphs' reads through the gateway) gets its documents run by id.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { startGateway } from "../../gateway";
import { SUBGRAPHS, type TrustedDocumentsMode } from "../../runtime/config";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { operationId } from "../../runtime/trusted-documents/manifest";
import { contractOperation } from "../helpers/contract";
import { bootFederation, type Federation } from "../helpers/federation";
import { platformInput, stationIn } from "../platforms/fixtures";

let fed: Federation;
let viewer: string;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation({ env: { TRUSTED_DOCUMENTS: "anonymous" } });
  viewer = await fed.token("DASHBOARD_VIEWER");
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const CASE_STORIES = contractOperation("CaseStories");
const CASE_STORIES_ID = operationId(CASE_STORIES);
const OWN_QUERY = "{ caseStories(first: 1) { nodes { id title } } }";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** POSTs a body as it is given (documentId, extensions...) and answers status and JSON. */
async function post(url: string, body: object, token?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as any) };
}

/** One of a gateway's /metrics figures, summed over the lines whose labels include `labels`. */
async function metric(origin: string, name: string, labels = ""): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return text
    .split("\n")
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .filter((l) => l.includes(labels))
    .reduce((sum, l) => sum + Number(l.split(" ").at(-1)), 0);
}

const subgraphCalls = (origin: string) =>
  metric(origin, "hub_subgraph_request_duration_seconds_count");

/** A second gateway in front of the same subgraphs, in another mode, logging into memory. */
async function gatewayIn(mode: TrustedDocumentsMode) {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const config = { ...fed.config, trustedDocuments: { mode } };
  const server: RunningServer = await startGateway(config, {
    port: 0,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, fed.subgraphs[n].url])),
    log: createLogger("gateway", config.log, capture),
  });
  return { server, lines: () => lines.map((l) => JSON.parse(l)) };
}

describe("TRUSTED_DOCUMENTS=anonymous", () => {
  it("refuses an anonymous document that is not a trusted one, asking no subgraph", async () => {
    const before = await subgraphCalls(fed.gatewayOrigin);
    const refusedBefore = await metric(
      fed.gatewayOrigin,
      "hub_untrusted_documents_total",
      'caller="anonymous",outcome="refused"',
    );
    const answer = await post(fed.gatewayUrl, { query: OWN_QUERY });
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0].extensions.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
    expect(answer.errors[0].message).toMatch(/documentId .*trusted-documents\.json.*sign in/);
    expect(await subgraphCalls(fed.gatewayOrigin)).toBe(before);
    expect(
      await metric(
        fed.gatewayOrigin,
        "hub_untrusted_documents_total",
        'caller="anonymous",outcome="refused"',
      ),
    ).toBe(refusedBefore + 1);
  });

  it("refuses it before parsing: no parse error, no schema hints, variables ignored", async () => {
    for (const query of ["{ caseStories(", "{ secretFieldName }"]) {
      const answer = await post(fed.gatewayUrl, { query, variables: { x: 1 } });
      expect(answer.status).toBe(400);
      expect(answer.errors.map((e: any) => e.extensions.code)).toEqual([
        "TRUSTED_DOCUMENT_REQUIRED",
      ]);
      expect(JSON.stringify(answer)).not.toMatch(/Did you mean|Syntax Error|secretFieldName/);
    }
  });

  it("lets a signed-in caller send a document of its own", async () => {
    const answer = await post(fed.gatewayUrl, { query: OWN_QUERY }, viewer);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.caseStories.nodes.length).toBe(1);
  });

  it.each([
    ["Apollo's persisted query hash", { extensions: { persistedQuery: { version: 1 } } }],
    ["a documentId", { documentId: CASE_STORIES_ID }],
    ["a sha256:-prefixed documentId", { documentId: `sha256:${CASE_STORIES_ID}` }],
  ])("runs a trusted document an anonymous caller sends by %s", async (_how, form: any) => {
    if (form.extensions) form.extensions.persistedQuery.sha256Hash = CASE_STORIES_ID;
    const answer = await post(fed.gatewayUrl, { ...form, variables: { first: 2 } });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.caseStories.nodes).toHaveLength(2);
  });

  it("runs a trusted document sent by id in a GET", async () => {
    const search = new URLSearchParams({
      documentId: CASE_STORIES_ID,
      variables: JSON.stringify({ first: 1 }),
    });
    const response = await fetch(`${fed.gatewayUrl}?${search.toString()}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    const answer = (await response.json()) as any;
    expect(answer.errors).toBeUndefined();
    expect(answer.data.caseStories.nodes).toHaveLength(1);
  });

  it("answers an id the manifest does not know PERSISTED_DOCUMENT_NOT_FOUND", async () => {
    const before = await subgraphCalls(fed.gatewayOrigin);
    const answer = await post(fed.gatewayUrl, { documentId: sha256("query Gone { __typename }") });
    expect(answer.status).toBe(400);
    expect(answer.errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_NOT_FOUND");
    expect(answer.errors[0].message).toMatch(/not one of the hub's trusted documents/);
    expect(await subgraphCalls(fed.gatewayOrigin)).toBe(before);
  });

  it("lets no anonymous caller register a document (APQ); signed-in callers still may", async () => {
    const query = "{ caseStories(first: 3) { nodes { id } } }";
    const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } };
    const register = await post(fed.gatewayUrl, { query, ...apq });
    expect(register.errors[0].extensions.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
    // Nothing was registered: the hash alone is unknown, even to a signed-in caller.
    const lookup = await post(fed.gatewayUrl, apq, viewer);
    expect(lookup.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(lookup.errors[0].message).toBe(
      "the hub does not know this query's hash (yet): send the full query with its hash, or reload the page",
    );
    expect((await post(fed.gatewayUrl, { query, ...apq }, viewer)).errors).toBeUndefined();
    const registered = await post(fed.gatewayUrl, apq, viewer);
    expect(registered.data.caseStories.nodes).toHaveLength(3);
    // What a signed-in caller registered is still no trusted document for anonymous callers.
    const anonymous = await post(fed.gatewayUrl, apq);
    expect(anonymous.errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_NOT_FOUND");
  });

  it("runs introspection for anyone while INTROSPECTION is on (GraphiQL reads the schema)", async () => {
    expect(fed.config.ide.introspection).toBe(true);
    const answer = await post(fed.gatewayUrl, {
      query: "query IntrospectionQuery { __schema { queryType { name } } }",
    });
    expect(answer.data.__schema.queryType.name).toBe("Query");
    const mixed = await post(fed.gatewayUrl, {
      query: "{ __schema { queryType { name } } caseStories(first: 1) { nodes { id } } }",
    });
    expect(mixed.errors[0].extensions.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
  });
});

describe("the hub's own clients, in TRUSTED_DOCUMENTS=anonymous", () => {
  it("the dashboard page: DashboardPage by its id", async () => {
    const file = path.join(
      __dirname,
      "..",
      "..",
      "dashboard",
      "operations",
      "dashboard-page.graphql",
    );
    const page = await post(
      fed.gatewayUrl,
      {
        documentId: operationId(fs.readFileSync(file, "utf8")),
        operationName: "DashboardPage",
        variables: { from: "2025-01-01", to: "2025-12-31" },
      },
      viewer,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data.districts).toHaveLength(11);
  });

  it("GraphiQL's examples: an unchanged example's text with its id runs without a token", async () => {
    const answer = await post(fed.gatewayUrl, {
      query: CASE_STORIES,
      documentId: CASE_STORIES_ID,
      variables: { first: 1 },
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.caseStories.nodes).toHaveLength(1);
    // Edited, the same text is a document of the caller's own.
    const edited = await post(fed.gatewayUrl, {
      query: CASE_STORIES.replace("totalCount", "totalCount __typename"),
      documentId: operationId(CASE_STORIES.replace("totalCount", "totalCount __typename")),
    });
    expect(edited.errors[0].extensions.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
  });

  it("the routes: the feed, the certificate check and the certificate print run by id", async () => {
    const feed = await fetch(`${fed.gatewayOrigin}/feeds/stories.xml`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("<feed");
    const verify = await fetch(`${fed.gatewayOrigin}/certificates/verify/SZZYFWZM-2000-999999`);
    expect(verify.status).toBe(404);
    const print = await fetch(`${fed.gatewayOrigin}/certificates/SZZYFWZM-2000-999999.pdf`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(print.status).toBe(404);
  });
});

describe("TRUSTED_DOCUMENTS=all", () => {
  let all: Awaited<ReturnType<typeof gatewayIn>>;
  beforeAll(async () => {
    all = await gatewayIn("all");
  });
  afterAll(() => all?.server.stop());

  it("refuses a signed-in caller's own document and runs trusted ones by id", async () => {
    const own = await post(all.server.url, { query: OWN_QUERY }, viewer);
    expect(own.status).toBe(400);
    expect(own.errors[0].extensions.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
    expect(own.errors[0].message).toMatch(/TRUSTED_DOCUMENTS=all/);
    const trusted = await post(all.server.url, { documentId: CASE_STORIES_ID }, viewer);
    expect(trusted.data.caseStories.nodes.length).toBeGreaterThan(0);
    const feed = await fetch(`${all.server.origin}/feeds/stories.xml`);
    expect(feed.status).toBe(200);
  });

  it("the subgraphs' reads through the gateway go by id (platforms asks districts)", async () => {
    const stationId = await stationIn(fed, "440307", "FILED");
    const before = fed.config.servers.gatewayUrl;
    fed.config.servers.gatewayUrl = all.server.url;
    try {
      const answer = await post(
        fed.gatewayUrl,
        {
          query: contractOperation("ApplyPlatform"),
          variables: {
            input: platformInput({ districtCode: "440307", sourceStationId: stationId }),
          },
        },
        admin,
      );
      expect(answer.errors).toBeUndefined();
    } finally {
      fed.config.servers.gatewayUrl = before;
    }
    const asked = all
      .lines()
      .filter(
        (l) => l.msg === "graphql" && l.role === "SERVICE" && l.operation === "SourceStations",
      );
    expect(asked).toHaveLength(1);
    expect(asked[0].errors).toEqual([]);
  });
});

describe("TRUSTED_DOCUMENTS=log and off", () => {
  let log: Awaited<ReturnType<typeof gatewayIn>>;
  let off: Awaited<ReturnType<typeof gatewayIn>>;
  beforeAll(async () => {
    [log, off] = await Promise.all([gatewayIn("log"), gatewayIn("off")]);
  });
  afterAll(() => Promise.all([log?.server.stop(), off?.server.stop()]));

  const logged = (origin: string, caller: string) =>
    metric(origin, "hub_untrusted_documents_total", `caller="${caller}",outcome="logged"`);

  it("log: runs an unknown anonymous document, logs it once (not its text) and counts each", async () => {
    const query = "{ caseStories(first: 1) { nodes { id summary } } }";
    for (let i = 0; i < 2; i++) {
      const answer = await post(log.server.url, { query });
      expect(answer.data.caseStories.nodes).toHaveLength(1);
    }
    await post(log.server.url, { query }, viewer);
    expect(await logged(log.server.origin, "anonymous")).toBe(2);
    expect(await logged(log.server.origin, "signed-in")).toBe(1);
    const lines = log.lines().filter((l) => l.msg.startsWith("untrusted document ran"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ caller: "anonymous", textHash: sha256(query) });
    expect(JSON.stringify(lines)).not.toContain("summary");
  });

  it("log: a trusted document sent as text, however it is laid out, is not counted", async () => {
    const before = await logged(log.server.origin, "anonymous");
    const answer = await post(log.server.url, {
      query: `# the contract's own\n${CASE_STORIES.replace(/\n\s*/g, " ")}`,
      variables: { first: 1 },
    });
    expect(answer.errors).toBeUndefined();
    expect(await logged(log.server.origin, "anonymous")).toBe(before);
  });

  it("off: runs anything, counts nothing, and still resolves ids", async () => {
    expect((await post(off.server.url, { query: OWN_QUERY })).data.caseStories).toBeDefined();
    expect(await logged(off.server.origin, "anonymous")).toBe(0);
    const byId = await post(off.server.url, { documentId: CASE_STORIES_ID });
    expect(byId.data.caseStories.nodes.length).toBeGreaterThan(0);
  });
});
