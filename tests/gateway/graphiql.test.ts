// The offline GraphQL IDE: its routes and switches, its examples (the contract's operations, with
// sample variables that fit the schema and the demo data), and the page in real Chromium with
// every request to a host other than the hub refused: it loads (its icon too, without a console
// error), builds a query in the schema explorer, shows the schema, runs CaseStories anonymously and
// DistrictStations with a pasted token, and shows the hub's UNAUTHENTICATED message for a bad
// token. A screenshot goes to test-output/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  buildASTSchema,
  getVariableValues,
  Kind,
  parse,
  type FieldNode,
  type OperationDefinitionNode,
  type TypeNode,
} from "graphql";
import type { Browser, Page } from "playwright-core";
import { describeInBrowser, launchChromium, offlineContext } from "../helpers/chromium";
import { exampleGroups } from "../../ide/src/examples";
import { loadConfigWith, ConfigError } from "../../runtime/config";
import { buildIde } from "../../tools/build-ide";
import { bootFederation, type Federation } from "../helpers/federation";
import { send } from "../helpers/graphql";
import { firstLoad } from "../helpers/page-icon";
import { contractOperations, PENDING_OPERATIONS } from "../helpers/contract";

const ROOT = path.join(__dirname, "..", "..");
const OUTPUT = path.join(ROOT, "test-output");

const namedType = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);

describe("the IDE's examples", () => {
  it("list every operation of the contract that validates today once, grouped by client", () => {
    const names = exampleGroups().flatMap((g) => g.examples.map((e) => e.name));
    const contract = contractOperations()
      .map((o) => o.name)
      .filter((name) => !PENDING_OPERATIONS.includes(name));
    expect([...names].sort()).toEqual([...contract].sort());
    expect(exampleGroups().map((g) => g.client)).toEqual([
      "districts",
      "corps",
      "platforms",
      "publicity",
      "dashboard",
      "reports",
      "enterprises",
      "volunteers",
    ]);
  });

  it("carry sample variables that fit each operation's declared types", () => {
    const schema = buildASTSchema(
      parse(fs.readFileSync(path.join(ROOT, "schema", "supergraph.graphql"), "utf8")),
      { assumeValid: true },
    );
    for (const example of exampleGroups().flatMap((g) => g.examples)) {
      const operation = parse(example.query).definitions[0] as OperationDefinitionNode;
      const result = getVariableValues(
        schema,
        operation.variableDefinitions ?? [],
        example.variables,
      );
      // An input type the supergraph does not have yet is the contract check's business.
      const missing = (operation.variableDefinitions ?? []).some(
        (v) => !schema.getType(namedType(v.type)),
      );
      if (missing) continue;
      const problems = result.errors ?? [];
      expect({ example: example.name, problems: problems.map((e) => e.message) }).toEqual({
        example: example.name,
        problems: [],
      });
    }
  });
});

describe("the IDE's switches", () => {
  it("is on in development and off in production unless asked for", () => {
    const secret = { JWT_SECRET: "x".repeat(40) };
    expect(loadConfigWith({ NODE_ENV: "", GRAPHIQL: "", INTROSPECTION: "" }).ide).toEqual({
      graphiql: true,
      introspection: true,
    });
    expect(
      loadConfigWith({ ...secret, NODE_ENV: "production", GRAPHIQL: "", INTROSPECTION: "" }).ide,
    ).toEqual({ graphiql: false, introspection: false });
    expect(
      loadConfigWith({
        ...secret,
        NODE_ENV: "production",
        GRAPHIQL: "1",
        INTROSPECTION: "1",
      }).ide,
    ).toEqual({ graphiql: true, introspection: true });
  });

  it("refuses GraphiQL without introspection, saying why", () => {
    expect(() => loadConfigWith({ NODE_ENV: "", GRAPHIQL: "1", INTROSPECTION: "0" })).toThrow(
      ConfigError,
    );
    expect(() => loadConfigWith({ NODE_ENV: "", GRAPHIQL: "1", INTROSPECTION: "0" })).toThrow(
      /GRAPHIQL=1 needs INTROSPECTION=1/,
    );
  });
});

describe("the IDE's routes", () => {
  let fed: Federation;
  let off: Federation;
  let ideDir: string;
  beforeAll(async () => {
    ideDir = await buildIde(fs.mkdtempSync(path.join(os.tmpdir(), "hub-ide-")));
    fed = await bootFederation({ ideDir });
    off = await bootFederation({ ideDir, env: { GRAPHIQL: "0" } });
  });
  afterAll(async () => {
    await fed?.stop();
    await off?.stop();
  });

  it("serves the page at /graphiql, loading only from the hub", async () => {
    const response = await fetch(`${fed.gatewayOrigin}/graphiql`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    const html = await response.text();
    expect(html).toContain('src="/graphiql/app.js"');
    expect(html).not.toMatch(/https?:\/\//);
    for (const file of ["app.js", "app.css"]) {
      const asset = await fetch(`${fed.gatewayOrigin}/graphiql/${file}`);
      expect(asset.status).toBe(200);
      // Fonts and icons are inlined; nothing is fetched from another host.
      expect(await asset.text()).not.toMatch(
        /@import\s+url\(|fonts\.googleapis|cdn\.jsdelivr|unpkg\.com/,
      );
    }
  });

  it("answers a browser's GET /graphql with the page, and GraphQL clients as before", async () => {
    const page = await fetch(fed.gatewayUrl, { headers: { accept: "text/html,*/*" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/graphiql/app.js");
    const get = await fetch(`${fed.gatewayUrl}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "1" },
    });
    expect(await get.json()).toEqual({ data: { __typename: "Query" } });
    const post = await send(fed.gatewayUrl, { query: "{ __typename }" });
    expect(post.data).toEqual({ __typename: "Query" });
  });

  it("runs every query example on the demo data without an error", async () => {
    const admin = await fed.token("CITY_ADMIN");
    const queries = exampleGroups()
      .flatMap((g) => g.examples)
      .filter((e) => e.query.startsWith("query"));
    expect(queries.length).toBeGreaterThanOrEqual(6);
    // An enterprise's own view is run as an enterprise with demands in the demo data.
    const enterprise = await fed.token("ENTERPRISE", {
      creditCode: fed.demo.demands[0].creditCode,
    });
    const tokenFor: Record<string, string> = { MyDemands: enterprise };
    // A month's report is read once it is closed: the reports group's own mutation closes it.
    const close = exampleGroups()
      .flatMap((g) => g.examples)
      .find((e) => e.name === "CloseReportingMonth")!;
    const closed = await send(fed.gatewayUrl, { ...close, token: admin });
    expect(closed.errors).toBeUndefined();
    for (const example of queries) {
      const response = await send(fed.gatewayUrl, {
        query: example.query,
        variables: example.variables,
        token: tokenFor[example.name] ?? admin,
      });
      expect({ example: example.name, errors: response.errors }).toEqual({
        example: example.name,
        errors: undefined,
      });
    }
  });

  it("is off when GRAPHIQL=0, saying how to turn it on", async () => {
    const response = await fetch(`${off.gatewayOrigin}/graphiql`);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toMatch(/GRAPHIQL=1/);
    const browser = await fetch(off.gatewayUrl, { headers: { accept: "text/html" } });
    expect(await browser.text()).not.toContain("/graphiql/app.js");
  });
});

describeInBrowser("GraphiQL page tests")("the IDE in a browser with no internet", () => {
  let fed: Federation;
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    const ideDir = await buildIde(fs.mkdtempSync(path.join(os.tmpdir(), "hub-ide-")));
    fed = await bootFederation({ ideDir });
    browser = await launchChromium();
    const context = await offlineContext(browser, [fed.gatewayOrigin], outside, {
      viewport: { width: 1400, height: 900 },
    });
    page = await context.newPage();
    await page.goto(`${fed.gatewayOrigin}/graphiql`);
  });
  afterAll(async () => {
    await browser?.close();
    await fed?.stop();
  });

  /** An editor pane's text (GraphiQL's editors are CodeMirror 5 instances). */
  const editorText = (pane: string) =>
    page.evaluate(
      (selector) =>
        (globalThis as any).document
          .querySelector(`${selector} .CodeMirror`)
          ?.CodeMirror?.getValue() ?? "",
      pane,
    );

  async function open(example: string) {
    await page.click(`button[data-example="${example}"]`);
    await page.waitForFunction(
      (name) =>
        (
          (globalThis as any).document
            .querySelector(".graphiql-query-editor .CodeMirror")
            ?.CodeMirror?.getValue() ?? ""
        ).includes(name),
      example,
    );
  }

  async function runOpen(expected: RegExp) {
    await page.click(".graphiql-execute-button");
    await page.waitForFunction(
      (pattern) =>
        new RegExp(pattern).test(
          (globalThis as any).document
            .querySelector(".graphiql-response .CodeMirror")
            ?.CodeMirror?.getValue() ?? "",
        ),
      expected.source,
      { timeout: 15000 },
    );
    return JSON.parse(await editorText(".graphiql-response"));
  }

  async function run(example: string, expected: RegExp) {
    await open(example);
    return runOpen(expected);
  }

  it("loads with the examples of every client", async () => {
    await page.waitForSelector("button[data-example]");
    for (const client of ["districts", "corps", "platforms", "publicity", "dashboard"]) {
      expect(await page.locator(`section[data-client="${client}"] button`).count()).toBeGreaterThan(
        0,
      );
    }
    expect(await page.textContent("#hub-token-state")).toContain("匿名");
  });

  it("has its icon and loads without a console error", async () => {
    expect(await firstLoad(browser, `${fed.gatewayOrigin}/graphiql`)).toEqual({
      link: "/favicon.ico",
      icon: { status: 200, mimeType: "image/x-icon" },
      consoleErrors: [],
    });
  });

  it("builds a query in the schema explorer (graphiql-explorer on React 18 and graphql 16)", async () => {
    await page.click('button[aria-label="Show GraphiQL Explorer"]');
    const field = '.graphiql-explorer-root [data-field-name="districts"]';
    await page.waitForSelector(field);
    await page.click(field);
    await page.waitForFunction(() =>
      /\bdistricts\b/.test(
        (globalThis as any).document
          .querySelector(".graphiql-query-editor .CodeMirror")
          ?.CodeMirror?.getValue() ?? "",
      ),
    );
    // The explorer wrote a document that parses, with districts beside what was there.
    const written = parse(await editorText(".graphiql-query-editor"));
    const operation = written.definitions[0] as OperationDefinitionNode;
    expect(operation.selectionSet.selections.map((f) => (f as FieldNode).name.value)).toEqual([
      "caseStories",
      "districts",
    ]);
    await page.click('button[aria-label="Show 示例 Examples"]');
  });

  it("shows the schema in the documentation explorer", async () => {
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector(".graphiql-doc-explorer-content >> text=Query");
    await page.click(
      ".graphiql-doc-explorer-content a.graphiql-doc-explorer-type-name >> text=Query",
    );
    await page.waitForSelector(".graphiql-doc-explorer-content >> text=caseStories");
    expect(await page.textContent(".graphiql-doc-explorer-content")).toContain("districts");
    await page.click('button[aria-label="Show 示例 Examples"]');
  });

  it("runs CaseStories anonymously", async () => {
    const body = await run("CaseStories", /"totalCount"/);
    expect(body.errors).toBeUndefined();
    expect(body.data.caseStories.nodes.length).toBeGreaterThan(0);
    expect(body.data.caseStories.nodes.every((s: any) => s.status === "PUBLISHED")).toBe(true);
  });

  it("runs DistrictStations with a pasted token", async () => {
    const token = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
    await page.fill("#hub-token", `Bearer ${token}`);
    await page.click(".hub-token button[type=submit]");
    expect(await page.textContent("#hub-token-state")).toContain("DISTRICT_OPERATOR · 440305");
    expect(
      await page.evaluate(() => (globalThis as any).sessionStorage.getItem("hub.graphiql.token")),
    ).toBe(token);
    await open("DistrictStations");
    const variables = JSON.parse(await editorText(".graphiql-editor-tool"));
    expect(variables).toMatchObject({ districtCode: "440305" });
    // Every status: anonymous callers would get the filed stations only, so the count shows that
    // the token went with the request.
    await page.evaluate(
      (text) =>
        (globalThis as any).document
          .querySelector(".graphiql-editor-tool .CodeMirror")
          .CodeMirror.setValue(text),
      JSON.stringify({ ...variables, status: null }),
    );
    const body = await runOpen(/"stations"/);
    expect(body.errors).toBeUndefined();
    const own = fed.demo.stations.filter((s) => s.districtCode === "440305");
    expect(own.some((s) => s.status !== "FILED")).toBe(true);
    expect(body.data.district.stations.totalCount).toBe(own.length);
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, "graphiql.png") });
  });

  it("shows the hub's UNAUTHENTICATED message for a bad token", async () => {
    await page.fill("#hub-token", "not-a-token");
    await page.click(".hub-token button[type=submit]");
    const body = await run("CaseStories", /UNAUTHENTICATED/);
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(body.errors[0].message).toMatch(/token is not valid/);
  });

  it("loaded nothing from any other host", () => {
    expect(outside).toEqual([]);
  });
});
