// The manifest of trusted documents (schema/trusted-documents.json, issue 31): it is what the
// sources make today, every operation each of the hub's own clients sends is in it, the pages send
// only ids, and the ids are the sha256 of the normalised document (fragments included).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { exampleGroups } from "../../ide/src/examples";
import { operationFiles } from "../../runtime/operations";
import {
  clientDocumentId,
  documentId,
  manifestText,
  TrustedDocuments,
  type Manifest,
} from "../../runtime/trusted-documents/manifest";
import { normaliseOperation, normaliseOperations } from "../../runtime/trusted-documents/normalise";
import { buildDashboard } from "../../tools/build-dashboard";
import { buildMe } from "../../tools/build-me";
import {
  clientOperationFiles,
  MANIFEST_FILE,
  trustedDocumentsManifest,
} from "../../tools/trusted-documents";
import { contractOperations } from "../helpers/contract";

const ROOT = path.resolve(__dirname, "..", "..");
const committed = (): Manifest =>
  JSON.parse(fs.readFileSync(path.join(ROOT, MANIFEST_FILE), "utf8")) as Manifest;
const ids = () => new Set(committed().operations.map((o) => o.id));
const idsOfFile = (file: string) =>
  normaliseOperations(fs.readFileSync(path.join(ROOT, file), "utf8")).map((o) => ({
    name: o.name,
    id: documentId(o.body),
  }));

describe("the committed manifest", () => {
  it(`${MANIFEST_FILE} is fresh (run npm run build and commit it when this fails)`, () => {
    expect(fs.readFileSync(path.join(ROOT, MANIFEST_FILE), "utf8")).toBe(
      manifestText(trustedDocumentsManifest(ROOT)),
    );
  });

  it("is an Apollo persisted query manifest whose ids are the sha256 of each body", () => {
    const manifest = committed();
    expect(manifest).toMatchObject({ format: "apollo-persisted-query-manifest", version: 1 });
    for (const op of manifest.operations) {
      expect(op.id).toBe(createHash("sha256").update(op.body).digest("hex"));
      expect(normaliseOperation(op.body).name).toBe(op.name);
    }
  });

  it("is made of the contract and every part's operations/ folder, tests excluded", () => {
    const files = clientOperationFiles(ROOT);
    expect(files).toEqual(
      expect.arrayContaining([
        "contract/corps.graphql",
        "contract/self-service.graphql",
        "dashboard/operations/dashboard-page.graphql",
        "gateway/operations/story-feed.graphql",
        "subgraphs/districts/operations/volunteer-standings.graphql",
      ]),
    );
    expect(files.filter((f) => f.startsWith("tests/") || f.startsWith("dist/"))).toEqual([]);
  });
});

describe("every client's operations are in the manifest", () => {
  it.each(contractOperations().map((op) => [`${op.file} ${op.name}`, op]))(
    "the contract's %s",
    (_name, op) => {
      const body = normaliseOperations(
        fs.readFileSync(path.join(ROOT, "contract", op.file), "utf8"),
      )
        .filter((o) => o.name === op.name)
        .map((o) => o.body);
      expect(body).toHaveLength(1);
      expect(ids()).toContain(documentId(body[0]));
    },
  );

  it.each(
    exampleGroups().flatMap((g) => g.examples.map((e) => [`${g.client} ${e.name}`, e.query])),
  )("GraphiQL's example %s", (_name, query) => {
    expect(ids()).toContain(documentId(normaliseOperation(query).body));
  });

  // The dashboard page, the routes (feed, certificate, verification), the subgraphs' reads
  // through the gateway: every operations/ folder of the project.
  const own = ["dashboard", "me", "gateway", "subgraphs"].flatMap((dir) =>
    operationFiles(path.join(ROOT, dir)).map((file) => path.relative(ROOT, file)),
  );
  it.each(own)("%s", (file) => {
    for (const { id } of idsOfFile(file)) expect(ids()).toContain(id);
  });

  it("a document the manifest lacks is unknown to it (the check above can fail)", () => {
    const documents = new TrustedDocuments(committed());
    expect(documents.body(documentId("query Missing { __typename }"))).toBeUndefined();
    expect(documents.hasText("query Missing { __typename }")).toBe(false);
    const [first] = committed().operations;
    expect(documents.hasText(`# a comment\n${first.body.replace(/\n\s*/g, " ")}`)).toBe(true);
  });
});

describe("the dashboard page sends only its document's id", () => {
  it("has the manifest id of DashboardPage in its bundle and not the query text", async () => {
    const dir = await buildDashboard(fs.mkdtempSync(path.join(os.tmpdir(), "hub-dashboard-")));
    try {
      const bundle = fs.readFileSync(path.join(dir, "app.js"), "utf8");
      const [page] = idsOfFile("dashboard/operations/dashboard-page.graphql");
      expect(page.name).toBe("DashboardPage");
      expect(ids()).toContain(page.id);
      expect(bundle).toContain(page.id);
      expect(bundle).not.toMatch(/query DashboardPage|idleStationCount\(asOf/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the /me page sends only its documents' ids", () => {
  it("has the manifest ids of its operations and the contract's it sends, and no query text", async () => {
    const dir = await buildMe(fs.mkdtempSync(path.join(os.tmpdir(), "hub-me-")));
    try {
      const bundle = fs.readFileSync(path.join(dir, "app.js"), "utf8");
      const own = idsOfFile("me/operations/me-page.graphql");
      const contract = idsOfFile("contract/self-service.graphql").filter((o) =>
        ["RequestRecordCorrection", "RateDemand"].includes(o.name),
      );
      expect(own.map((o) => o.name)).toEqual(
        expect.arrayContaining(["MePageVolunteer", "MePageDemands", "MePageApplyToCorps"]),
      );
      for (const { id } of [...own, ...contract]) {
        expect(ids()).toContain(id);
        expect(bundle).toContain(id);
      }
      expect(bundle).not.toMatch(
        /query MePage|mutation MePage|mutation RequestRecordCorrection|\{\s+myVolunteerRecord/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("normalisation and ids", () => {
  const text = `
    # two operations sharing a fragment, one using a second fragment through the first
    fragment Station on Station { id name ...Where }
    query A { stations(first: 1) { nodes { ...Station } } }
    fragment Where on Station { address }
    query B { __typename }
  `;

  it("gives each operation its own document with the fragments it uses, transitively", () => {
    const [a, b] = normaliseOperations(text);
    expect(a.name).toBe("A");
    expect(a.body).toBe(
      "query A {\n  stations(first: 1) {\n    nodes {\n      ...Station\n    }\n  }\n}\n\n" +
        "fragment Station on Station {\n  id\n  name\n  ...Where\n}\n\n" +
        "fragment Where on Station {\n  address\n}",
    );
    expect(b).toEqual({ name: "B", type: "query", body: "query B {\n  __typename\n}" });
  });

  it("takes hex ids and the sha256: prefix; anything else is kept and found nowhere", () => {
    const id = documentId("query B {\n  __typename\n}");
    expect(clientDocumentId(id)).toBe(id);
    expect(clientDocumentId(`sha256:${id}`)).toBe(id);
    expect(clientDocumentId("not-an-id")).toBe("not-an-id");
    expect(clientDocumentId("")).toBeNull();
    expect(clientDocumentId(42)).toBeNull();
  });
});
