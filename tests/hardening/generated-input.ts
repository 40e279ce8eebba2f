// Inputs generated from a GraphQL input type (fast-check): mostly of the right type with hostile
// content (empty, huge, control characters and NUL, SQL and script fragments, emoji, Chinese,
// boundary numbers, impossible dates, unknown enum values, duplicates and oversized lists), and
// sometimes of the wrong type or shape altogether (missing or unknown fields, deep nesting).
import fc from "fast-check";
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from "graphql";

const HOSTILE_TEXT = [
  "",
  " ",
  "探针\u0000测试",
  "\u0007\u001b[2J",
  "a\u0000b",
  "'; DROP TABLE station; --",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}",
  "../../../etc/passwd",
  "😀👩‍👩‍👧‍👦🇨🇳",
  "深圳市南山区粤海街道科技园中小企业志愿服务工作站",
  "\u202Eevil\u202C",
  "%s%n%x",
  "\\u0000",
  "null",
];
const BOUNDARY_INTS = [0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 101, 1000, 1001];
const BOUNDARY_FLOATS = [0, -0.01, 0.001, 1e-9, 1e308, -1e308, 2.345, 24.01, 8760.5];
const DATES = [
  "2026-01-01",
  "0100-01-01",
  "1000-06-15",
  "1948-12-31",
  "2026-02-30",
  "9999-12-31",
  "2030-01-01",
  "20260101",
  "2026-13-01",
  "yesterday",
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  // Longer than any field allows (a story body: 10,000), yet a request of such rows stays under
  // the body limit: oversized bodies are client-mistakes.test.ts's, and a client still sending
  // one when the 413 comes may see its connection reset instead, which would fail this test.
  { weight: 1, arbitrary: fc.nat({ max: 12_000 }).map((n) => "长".repeat(n)) },
);
const idLike = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map(String),
  fc.constantFrom("0", "-1", "1.5", "abc", "", "99999999999999999999", "1e3", " 7"),
  hostileString,
);
/** A value of the wrong type for anything. */
const wrongType = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant({ nested: { deeper: [1, 2, 3] } }),
  fc.nat({ max: 200 }).map((depth) => {
    let value: unknown = "x";
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }),
);

function scalar(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case "String":
      return hostileString;
    case "ID":
      return idLike;
    case "Int":
      return fc.oneof(fc.constantFrom(...BOUNDARY_INTS), fc.integer({ min: -5, max: 120 }));
    case "Float":
      return fc.oneof(
        fc.constantFrom(...BOUNDARY_FLOATS),
        fc.double({ min: -10, max: 10_000, noNaN: true, noDefaultInfinity: true }),
      );
    case "Boolean":
      return fc.boolean();
    case "Date":
      return fc.oneof(fc.constantFrom(...DATES), hostileString);
    case "DateTime":
      return fc.oneof(
        fc.constantFrom("2026-01-01T00:00:00Z", "0100-01-01T00:00:00Z", "not a time"),
        hostileString,
      );
    default:
      return hostileString;
  }
}

/** An arbitrary value for a GraphQL input type; `depth` stops recursive input types. */
export function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const required = isNonNullType(type);
  const inner: GraphQLInputType = getNullableType(type);
  let right: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    const item = valueFor(inner.ofType, depth + 1);
    right = fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      // The same item several times: duplicates within a batch.
      { weight: 2, arbitrary: item.map((one) => [one, one, one]) },
      // Over any batch limit.
      { weight: 1, arbitrary: item.map((one) => Array.from({ length: 1001 }, () => one)) },
    );
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    right =
      depth > 3
        ? fc.constant({})
        : fc
            .tuple(
              fc.record(
                Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth + 1)])),
                { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) },
              ),
              fc.boolean(),
            )
            .map(([record, extra]) => (extra ? { ...record, notAField: "x" } : record));
  } else if (isEnumType(inner)) {
    right = fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...inner.getValues().map((v) => v.name)) },
      { weight: 1, arbitrary: hostileString },
    );
  } else if (isScalarType(inner)) {
    right = scalar(inner.name);
  } else {
    right = hostileString;
  }
  // A wrong type anywhere fails the whole request at the gateway; mostly the request should
  // reach the subgraph's own checks, so wrong types are rare below the top level.
  return fc.oneof(
    { weight: depth === 0 ? 8 : 40, arbitrary: right },
    { weight: 1, arbitrary: wrongType },
    ...(required ? [] : [{ weight: 2, arbitrary: fc.constant(null) }]),
  );
}
