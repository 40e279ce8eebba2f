// npm run compose: prints each subgraph's SDL and composes schema/supergraph.graphql with
// @apollo/composition (no external binary). The gateway serves the committed file.
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { parse } from "graphql";
import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { SUBGRAPH_DEFINITIONS } from "../subgraphs";
import { loadConfig, SUBGRAPHS, type SubgraphName } from "../runtime/config";

export interface Composed {
  subgraphs: Record<SubgraphName, string>;
  supergraph: string;
}

/** Composes with the default subgraph URLs so that the committed file does not depend on the machine. */
export async function compose(): Promise<Composed> {
  const config = loadConfig({});
  const subgraphs = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) {
    subgraphs[name] = printSubgraphSchema(await SUBGRAPH_DEFINITIONS[name].buildSchema());
  }
  const result = composeServices(
    SUBGRAPHS.map((name) => ({
      name,
      url: config.servers.subgraphUrls[name],
      typeDefs: parse(subgraphs[name]),
    })),
  );
  if (result.errors?.length) {
    throw new Error(
      `composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join("\n")}`,
    );
  }
  return { subgraphs, supergraph: result.supergraphSdl! };
}

export const SCHEMA_DIR = path.resolve(
  __dirname,
  "..",
  fs.existsSync(path.resolve(__dirname, "..", "schema")) ? "schema" : "../schema",
);

async function main() {
  const { subgraphs, supergraph } = await compose();
  fs.mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const name of SUBGRAPHS)
    fs.writeFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), subgraphs[name]);
  fs.writeFileSync(path.join(SCHEMA_DIR, "supergraph.graphql"), supergraph);
  console.log(`wrote ${SUBGRAPHS.length} subgraph schemas and supergraph.graphql to ${SCHEMA_DIR}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
