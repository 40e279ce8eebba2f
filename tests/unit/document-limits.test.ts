// The token scan that bounds a document before graphql-js parses and validates it
// (runtime/http/document-limits.ts): its counts agree with graphql-js's own tree on every
// document the hub's clients send and on GraphiQL's introspection, and each limit is refused at
// one past its value.
import fs from "node:fs";
import path from "node:path";
import {
  getIntrospectionQuery,
  Kind,
  parse,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type SelectionSetNode,
} from "graphql";
import {
  documentProblem,
  type DocumentLimit,
  type DocumentLimits,
} from "../../runtime/http/document-limits";

const ROOT = path.join(__dirname, "..", "..");

/**
 * The same measures, from graphql-js's parsed document. A field's repeats are weighted as the
 * scan weighs them: inside k nested inline fragments, k + 1 times its parent field's weight.
 */
function measured(document: DocumentNode) {
  let widest = 0;
  const repeats = new Map<string, number>();
  const withArguments = new Map<string, number>();
  const add = (m: Map<string, number>, name: string, weight: number) =>
    m.set(name, (m.get(name) ?? 0) + weight);
  const weigh = (set: SelectionSetNode, base: number, inline: number) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) weigh(selection.selectionSet, base, inline + 1);
      if (selection.kind !== Kind.FIELD) continue;
      const name = (selection.alias ?? selection.name).value;
      const weight = base * (inline + 1);
      add(repeats, name, weight);
      if (selection.arguments?.length) add(withArguments, name, weight);
      if (selection.selectionSet) weigh(selection.selectionSet, weight, 0);
    }
  };
  const own = new Map<DefinitionNode, number>();
  const spreads = new Map<DefinitionNode, string[]>();
  for (const definition of document.definitions) {
    let count = 0;
    const spread: string[] = [];
    visit(definition, {
      SelectionSet(set) {
        widest = Math.max(widest, set.selections.length);
        count += set.selections.length;
      },
      FragmentSpread(node) {
        spread.push(node.name.value);
      },
    });
    own.set(definition, count);
    spreads.set(definition, spread);
    if ("selectionSet" in definition && definition.selectionSet)
      weigh(definition.selectionSet, 1, 0);
  }
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  let fields = 0;
  const reached = new Set<DefinitionNode>();
  for (const op of document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
    fields += own.get(op)!;
    const queue = [...spreads.get(op)!];
    const seen = new Set<string>();
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      if (seen.has(name) || !fragments.has(name)) continue;
      seen.add(name);
      const fragment = fragments.get(name)!;
      reached.add(fragment);
      fields += own.get(fragment)!;
      queue.push(...spreads.get(fragment)!);
    }
  }
  for (const fragment of fragments.values())
    if (!reached.has(fragment)) fields += own.get(fragment)!;
  const most = (m: Map<string, number>) => Math.max(0, ...m.values());
  return {
    selectionFields: widest,
    fields,
    fieldRepeats: most(repeats),
    argumentRepeats: most(withArguments),
  };
}

const KEYS: Record<Exclude<DocumentLimit, "nesting">, keyof DocumentLimits> = {
  selectionFields: "maxSelectionFields",
  fields: "maxFields",
  fieldRepeats: "maxFieldRepeats",
  argumentRepeats: "maxArgumentRepeats",
};

/** Passes at its measure and is refused for that limit at one less. */
function expectMeasured(source: string) {
  const measures = measured(parse(source));
  for (const [limit, key] of Object.entries(KEYS) as Array<[DocumentLimit, keyof DocumentLimits]>) {
    const at = measures[limit as keyof typeof measures];
    expect({ limit, at, problem: documentProblem(source, { maxNesting: 128, [key]: at }) }).toEqual(
      { limit, at, problem: null },
    );
    if (at > 0)
      expect(documentProblem(source, { maxNesting: 128, [key]: at - 1 })?.limit).toBe(limit);
  }
}

const documents = [
  ...fs
    .readdirSync(path.join(ROOT, "contract"))
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => path.join(ROOT, "contract", f)),
  path.join(ROOT, "dashboard", "operations", "dashboard-page.graphql"),
  ...["certificate-print", "certificate-verify", "story-feed"].map((name) =>
    path.join(ROOT, "gateway", "operations", `${name}.graphql`),
  ),
];

describe("documentProblem", () => {
  it.each(documents.map((file) => [path.relative(ROOT, file), file]))(
    "counts %s as graphql-js does",
    (_name, file) => expectMeasured(fs.readFileSync(file, "utf8")),
  );

  it("counts GraphiQL's introspection as graphql-js does", () => {
    expectMeasured(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expectMeasured(getIntrospectionQuery());
  });

  it("counts aliases, arguments, directives, spreads and inline fragments", () => {
    expectMeasured(`query Q($a: [Int] = [1], $b: In = { x: { y: 1 } }) @dir(a: { b: 1 }) {
      a: district(code: "1") @include(if: true) { ...F ... on District { code } ... @skip(if: false) { name } }
      b: district(code: "2") { code name on: code }
      district(code: "3") { ...G }
    }
    fragment F on District { code name stations(first: 2) { nodes { id } } ...G }
    fragment G on District { code }
    fragment Unused on District { code code }`);
  });

  it("counts an operation once with each fragment it reaches, however often it spreads it", () => {
    const chain = Array.from(
      { length: 10 },
      (_, i) => `fragment F${i} on Query { __typename ...F${i + 1} ...F${i + 1} }`,
    ).join("\n");
    const source = `query A { ...F0 } query B { ...F0 } ${chain} fragment F10 on Query { __typename }`;
    expectMeasured(source);
    // Two operations, each with 1 spread and 11 fragments of 3 (the last of 1) selections.
    expect(measured(parse(source)).fields).toBe(2 * (1 + 10 * 3 + 1));
  });

  it("refuses the probe's 2,990 repeats of one field", () => {
    const source = `{ districts { ${Array.from({ length: 2990 }, (_, i) => `code # ${i}\n`).join("")} } }`;
    expect(documentProblem(source, { maxNesting: 128, maxFieldRepeats: 25 })).toEqual({
      limit: "fieldRepeats",
      message: expect.stringMatching(/selects "code" more than 25 times .*over the limit of 25/),
    });
    expect(documentProblem(source, { maxNesting: 128, maxSelectionFields: 50 })).toEqual({
      limit: "selectionFields",
      message: expect.stringMatching(/selection set of "districts" asks for more than 50 fields/),
    });
  });

  it("weighs a field inside nested inline fragments once for each selection set it merges into", () => {
    const source = `{ ... on Query { ... on Query { a: district(code: "1") { code ... on District { code } } } } district(code: "2") { code } }`;
    expectMeasured(source);
    // `a` is merged into three selection sets; its `code`s count three times, six in the fragment.
    expect(measured(parse(source))).toMatchObject({ fieldRepeats: 10, argumentRepeats: 3 });
    const long = `[${Array.from({ length: 1000 }, (_, i) => i).join(" ")}]`;
    const twice = `stationsByIds(ids: ${long}) { id } stationsByIds(ids: ${long}) { id }`;
    expect(
      documentProblem(`{ ${"... on Query { ".repeat(110)} ${twice} ${"} ".repeat(110)} }`, {
        maxNesting: 128,
        maxArgumentRepeats: 3,
      })?.limit,
    ).toBe("argumentRepeats");
  });

  it("measures nesting as the parser would recurse, literals included", () => {
    const deep = `{ a(x: ${"[".repeat(3000)}1${"]".repeat(3000)}) }`;
    expect(documentProblem(deep, { maxNesting: 128 })?.limit).toBe("nesting");
    expect(documentProblem("[".repeat(1_000_000), { maxNesting: 128 })?.limit).toBe("nesting");
    expect(documentProblem(`{ a(x: "[[[[[[") # [[[[[[\n }`, { maxNesting: 3 })).toBeNull();
  });

  it("leaves a document over maxTokens, or one that does not lex, to the parser", () => {
    const limits = { maxNesting: 128, maxTokens: 100, maxFieldRepeats: 2 };
    expect(documentProblem(`{ ${"a ".repeat(98)} }`, limits)?.limit).toBe("fieldRepeats");
    expect(documentProblem(`{ ${"a ".repeat(99)} }`, limits)).toBeNull();
    expect(documentProblem(`{ a a a \u0000 }`, limits)).toBeNull();
    // Nesting is refused at once: the parser would recurse into it before counting tokens.
    expect(documentProblem(`{ a(x: ${"[".repeat(200)}`, { ...limits, maxTokens: 150 })?.limit).toBe(
      "nesting",
    );
  });
});
