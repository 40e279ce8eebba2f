// What a query asks below the field being resolved, for resolvers that load ahead for their
// children (e.g. a page of stories loading what its stories' fields will read).
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";

/** Whether @skip/@include leave a selection in, as graphql-js decides it. */
function included(node: SelectionNode, variables: GraphQLResolveInfo["variableValues"]) {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/**
 * The names of the fields selected directly below the field being resolved, through inline
 * fragments and fragment spreads, without those @skip/@include leave out. Fragments on another
 * type count too: the set may hold more than gets resolved, never less.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const node of set?.selections ?? []) {
      if (!included(node, info.variableValues)) continue;
      if (node.kind === Kind.FIELD) names.add(node.name.value);
      else if (node.kind === Kind.INLINE_FRAGMENT) visit(node.selectionSet);
      else visit(info.fragments[node.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

/** selectedFields once per field resolved: `_entities` asks for each of its representations. */
const selectedOnce = new WeakMap<GraphQLResolveInfo, Set<string>>();

/**
 * Whether every field selected below the field being resolved is one of `fields` (or
 * `__typename`): e.g. an entity reference that can read fewer columns when only some fields are
 * asked. Computed once per field resolved (the same `info` for every representation).
 */
export function asksOnly(info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  let names = selectedOnce.get(info);
  if (!names) selectedOnce.set(info, (names = selectedFields(info)));
  for (const name of names) if (name !== "__typename" && !fields.has(name)) return false;
  return true;
}
