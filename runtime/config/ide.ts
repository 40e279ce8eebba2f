// What the gateway offers developers in a browser: the bundled GraphiQL page and introspection.
// Both are on in development; in production each must be asked for.
import { flag, type Env, type Problems } from "./read";

export interface IdeConfig {
  /** GET /graphiql (and GET /graphql from a browser) serves the bundled GraphiQL page. */
  graphiql: boolean;
  /** The gateway and the subgraphs answer introspection queries. */
  introspection: boolean;
}

export function ideSection(env: Env, problems: Problems, production: boolean): IdeConfig {
  const graphiql = flag(env, problems, "GRAPHIQL", !production);
  const introspection = flag(env, problems, "INTROSPECTION", !production);
  if (graphiql && !introspection) {
    problems.add(
      "GRAPHIQL=1 needs INTROSPECTION=1: the GraphiQL page reads the schema by introspection",
    );
  }
  return { graphiql, introspection };
}
