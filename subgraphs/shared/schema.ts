// The one helper that turns type-graphql classes into a Federation 2 subgraph schema. The schema is
// printed with its directives (plain printSchema would drop @key) and rebuilt by buildSubgraphSchema.
import gql from "graphql-tag";
import type { GraphQLSchema } from "graphql";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import type { Class } from "./class-type";
import { authChecker } from "./auth";
import { DateTimeScalar } from "./scalars";
import { validateArgument } from "./validation/arguments";
import { applyTextRules } from "./validation/text";

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires"])`;

/**
 * Resolvers set on the built schema as they are, by type and field: entity references
 * (`__resolveReference`), and hot fields served without type-graphql's wrapper (which builds a
 * resolver-data object, sorts and maps the parameters and copies the root into an instance of its
 * class on every call); type-graphql still declares those fields (type, description, nullability).
 */
type PlainResolvers = Record<string, Record<string, (...args: never[]) => unknown>>;

export async function buildFederatedSchema(
  resolvers: NonEmptyArray<Class>,
  plainResolvers: PlainResolvers = {},
  orphanedTypes: Class[] = [],
): Promise<GraphQLSchema> {
  // Every subgraph refuses control characters in free text, whatever its inputs and arguments declare.
  applyTextRules();
  const schema = await buildSchema({
    resolvers,
    orphanedTypes,
    authChecker,
    validate: { forbidUnknownValues: false },
    // The same checks, without type-graphql's import of class-validator on every argument.
    validateFn: validateArgument,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    skipCheck: true,
  });
  const map = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [type, resolvers] of Object.entries(plainResolvers)) {
    map[type] = { ...(map[type] ?? {}), ...resolvers };
  }
  return buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers: map as GraphQLResolverMap<unknown>,
  });
}
