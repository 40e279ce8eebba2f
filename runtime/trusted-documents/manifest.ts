// The manifest of trusted documents: every operation the hub's own clients send, each with its id
// (the sha256 of its normalised text, hex). Its shape is Apollo's persisted query manifest, so the
// same file can feed Apollo Router or GraphOS as well as the hub's gateway.
import { createHash } from "node:crypto";
import { normaliseOperation, normaliseOperations, type NormalisedOperation } from "./normalise";

export const MANIFEST_FORMAT = "apollo-persisted-query-manifest";

export interface ManifestOperation {
  /** sha256 of body, hex. */
  id: string;
  name: string;
  type: NormalisedOperation["type"];
  /** The normalised document: the operation and the fragments it uses. */
  body: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: ManifestOperation[];
}

/** A document's id: the sha256 of its text, hex (Apollo's APQ sha256Hash of that text). */
export const documentId = (body: string) => createHash("sha256").update(body).digest("hex");

/** The id of a text's one operation (or the one named): what a part of the hub sends for it. */
export const operationId = (text: string, name?: string) =>
  documentId(normaliseOperation(text, name).body);

/** The manifest of every operation in these texts: one entry per document, by name then id. */
export function manifestOf(sources: Array<{ file: string; text: string }>): Manifest {
  const byId = new Map<string, ManifestOperation>();
  for (const { file, text } of sources) {
    for (const operation of normaliseOperations(text)) {
      if (!operation.name)
        throw new Error(`${file}: every operation of a client must be named (one is anonymous)`);
      const id = documentId(operation.body);
      byId.set(id, { id, ...operation });
    }
  }
  const operations = [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  return { format: MANIFEST_FORMAT, version: 1, operations };
}

/** The manifest as committed: JSON with two-space indents and a final newline. */
export const manifestText = (manifest: Manifest) => `${JSON.stringify(manifest, null, 2)}\n`;

const HEX_ID = /^[0-9a-f]{64}$/;

/**
 * A document id as a client sent it, or null when it sent none: Apollo's hex sha256Hash, or the
 * GraphQL-over-HTTP persisted documents form "sha256:<hex>". Anything else is kept as given (and
 * found in no manifest).
 */
export function clientDocumentId(raw: unknown): string | null {
  if (typeof raw !== "string" || raw === "") return null;
  const id = raw.startsWith("sha256:") ? raw.slice("sha256:".length) : raw;
  return HEX_ID.test(id) ? id : raw;
}

/** The manifest's documents by id. */
export class TrustedDocuments {
  private readonly bodies: Map<string, string>;

  constructor(manifest: Manifest) {
    if (manifest.format !== MANIFEST_FORMAT || manifest.version !== 1)
      throw new Error(`the trusted documents manifest is not ${MANIFEST_FORMAT} version 1`);
    this.bodies = new Map(manifest.operations.map((o) => [o.id, o.body]));
  }

  /** The document of an id, or undefined when the id is not in the manifest. */
  body(id: string): string | undefined {
    return this.bodies.get(id);
  }

  /**
   * True when the operation a request runs (the one named, or the text's only one) is, once
   * normalised, one of the manifest's documents. A text that does not parse is not.
   */
  hasText(text: string, operationName?: string | null): boolean {
    try {
      const operations = normaliseOperations(text).filter(
        (o) => !operationName || o.name === operationName,
      );
      return operations.length === 1 && this.bodies.has(documentId(operations[0].body));
    } catch {
      return false;
    }
  }

  get size() {
    return this.bodies.size;
  }
}

/**
 * How a part of the hub asks the gateway for one of its own operations (the text's one operation,
 * or the one named): by id, as Apollo's persisted query extension, without the text.
 */
export const trustedRequest = (text: string, name?: string) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash: operationId(text, name) } },
});
