// The repository's copy of the clients' contract (contract/*.graphql): its operations by name,
// exactly as clients send them, and the operations that belong to issues not done yet.
import fs from "node:fs";
import path from "node:path";
import { Kind, parse, print, type OperationDefinitionNode } from "graphql";

export const CONTRACT_DIR = path.resolve(__dirname, "..", "..", "contract");

/**
 * Contract operations that do not validate against the supergraph yet, by name: the features they
 * need have not landed. tests/foundation/contract.test.ts fails when one of them starts to validate
 * (take it off this list) or vanishes from the contract.
 */
export const PENDING_OPERATIONS: readonly string[] = [];

export interface ContractOperation {
  file: string;
  name: string;
  definition: OperationDefinitionNode;
}

/** Every operation of the contract, in file order. */
export function contractOperations(): ContractOperation[] {
  return fs
    .readdirSync(CONTRACT_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .flatMap((file) =>
      parse(fs.readFileSync(path.join(CONTRACT_DIR, file), "utf8"))
        .definitions.filter(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
        )
        .map((definition) => ({ file, name: definition.name!.value, definition })),
    );
}

/** The named operation of contract/, exactly as clients send it. */
export function contractOperation(name: string): string {
  const op = contractOperations().find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name} in ${CONTRACT_DIR}`);
  return print(op.definition);
}
