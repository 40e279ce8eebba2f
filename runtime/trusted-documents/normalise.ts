// A trusted document is one operation as a document of its own: the operation and the fragments
// it uses, printed by graphql-js. Its id is the sha256 of that text (hex), as in Apollo's persisted
// query manifests and its APQ hashes, so a client that sends the printed text computes the same id.
// No Node modules here: the GraphiQL page normalises in the browser too.
import {
  Kind,
  parse,
  print,
  visit,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type OperationTypeNode,
} from "graphql";

export interface NormalisedOperation {
  /** The operation's name ("" for an anonymous one). */
  name: string;
  type: OperationTypeNode;
  /** The operation with the fragments it uses (in their order in the text), printed. */
  body: string;
}

/** The fragment names a definition spreads, directly. */
function spreadsOf(node: OperationDefinitionNode | FragmentDefinitionNode): string[] {
  const names: string[] = [];
  visit(node, {
    FragmentSpread(spread) {
      names.push(spread.name.value);
    },
  });
  return names;
}

/** Every operation of a GraphQL text, each as its own normalised document. */
export function normaliseOperations(text: string): NormalisedOperation[] {
  const document = parse(text, { noLocation: true });
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const byName = new Map(fragments.map((f) => [f.name.value, f]));
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const used = new Set<string>();
      const pending = spreadsOf(operation);
      while (pending.length) {
        const name = pending.pop()!;
        const fragment = byName.get(name);
        if (used.has(name) || !fragment) continue;
        used.add(name);
        pending.push(...spreadsOf(fragment));
      }
      const definitions = [operation, ...fragments.filter((f) => used.has(f.name.value))];
      return {
        name: operation.name?.value ?? "",
        type: operation.operation,
        body: print({ kind: Kind.DOCUMENT, definitions }),
      };
    });
}

/** The one operation of a text (or the one named), normalised; throws when there is none. */
export function normaliseOperation(text: string, name?: string): NormalisedOperation {
  const operations = normaliseOperations(text);
  const found = name ? operations.filter((o) => o.name === name) : operations;
  if (found.length !== 1)
    throw new Error(
      name
        ? `the text has no single operation named ${name}`
        : `the text has ${operations.length} operations; name the one wanted`,
    );
  return found[0];
}
