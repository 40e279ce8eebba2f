// The committed schema files are what the code composes today, the contract's operations validate
// against them, and each database's schema is exactly what its entities describe.
import fs from "node:fs";
import path from "node:path";
import { Kind, parse, validate, type GraphQLSchema } from "graphql";
import { Supergraph } from "@apollo/federation-internals";
import { compose } from "../../tools/compose";
import { SUBGRAPHS } from "../../runtime/config";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { bootFederation, usingMysql, type Federation } from "../helpers/federation";
import { contractOperations, PENDING_OPERATIONS } from "../helpers/contract";
import { operationFiles } from "../../runtime/operations";

const SCHEMA_DIR = path.resolve(__dirname, "..", "..", "schema");

describe("committed schema", () => {
  it("schema/*.graphql are fresh (run npm run compose and commit when this fails)", async () => {
    const composed = await compose();
    expect(fs.readFileSync(path.join(SCHEMA_DIR, "supergraph.graphql"), "utf8")).toBe(
      composed.supergraph,
    );
    for (const name of SUBGRAPHS) {
      expect(fs.readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), "utf8")).toBe(
        composed.subgraphs[name],
      );
    }
  });

  let built: GraphQLSchema | undefined;
  const api = () =>
    (built ??= Supergraph.build(
      fs.readFileSync(path.join(SCHEMA_DIR, "supergraph.graphql"), "utf8"),
    )
      .apiSchema()
      .toGraphQLJSSchema());

  // Every operation of the repository's contract copy validates, except those listed as pending
  // (their features have not landed); a pending one that validates, or a listed name the contract
  // no longer has, fails too, so the list cannot go stale.
  const operations = contractOperations();
  const errorsOf = (op: (typeof operations)[number]) =>
    validate(api(), { kind: Kind.DOCUMENT, definitions: [op.definition] }).map((e) => e.message);

  it.each(operations.filter((o) => !PENDING_OPERATIONS.includes(o.name)).map((o) => [o.name, o]))(
    "contract operation %s validates against the supergraph's API schema",
    (_name, op) => {
      expect(errorsOf(op)).toEqual([]);
    },
  );

  it.each(PENDING_OPERATIONS.map((name) => [name]))(
    "pending contract operation %s is in the contract and does not validate yet (take it off PENDING_OPERATIONS when it does)",
    (name) => {
      const op = operations.find((o) => o.name === name);
      expect(op).toBeDefined();
      expect(errorsOf(op!)).not.toEqual([]);
    },
  );

  // What one part of the hub sends to another through the gateway (subgraphs' and routes'
  // operations/ folders): renaming a field another part reads fails here, not in production.
  const ROOT = path.resolve(__dirname, "..", "..");
  const hubOperations = ["gateway", "subgraphs", "dashboard", "me"].flatMap((dir) =>
    operationFiles(path.join(ROOT, dir)).map((file) => path.relative(ROOT, file)),
  );

  it("finds the hub's own operations", () => {
    expect(hubOperations).toEqual(
      expect.arrayContaining([
        "subgraphs/corps/operations/certificate-service-record.graphql",
        "subgraphs/districts/operations/volunteer-standings.graphql",
        "dashboard/operations/dashboard-page.graphql",
      ]),
    );
  });

  it.each(hubOperations)("hub operation %s validates against the supergraph", (file) => {
    const document = parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
    expect(validate(api(), document).map((e) => e.message)).toEqual([]);
  });
});

describe("database schema", () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await bootFederation();
  });
  afterAll(() => fed?.stop());

  it.each(SUBGRAPHS)("%s: entities and the built schema agree (empty diff)", async (name) => {
    const db = fed.subgraphs[name].db;
    const diff = await db.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  (usingMysql() ? it.each(SUBGRAPHS) : it.skip.each(SUBGRAPHS))(
    "%s on MySQL is built by its migrations, never by synchronize",
    async (name) => {
      const db = fed.subgraphs[name].db;
      expect(db.options.synchronize).toBe(false);
      const applied: Array<{ name: string }> = await db.query(
        "SELECT name FROM migrations ORDER BY id",
      );
      expect(applied.map((m) => m.name)).toEqual(
        SUBGRAPH_DEFINITIONS[name].migrations.map((m) => m.name),
      );
      expect(await db.showMigrations()).toBe(false);
    },
  );
});
