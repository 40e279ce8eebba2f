// Text is trimmed before it is checked, everywhere (issue 25, item 9). The helper itself, then a
// walk over every String and ID field of every input and arguments class of the four subgraphs:
// wherever the field's own checks refuse an empty value, a value of white space that goes through
// the middleware every resolver with arguments runs first (textArgs) is refused as well.
import { validateSync } from "class-validator";
import { GraphQLID, GraphQLString } from "graphql";
import { getMetadataStorage, type ResolverData } from "type-graphql";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { textArgs } from "../../subgraphs/shared/validation/text";
import { trimStrings } from "../../subgraphs/shared/validation/trim";

describe("trimStrings", () => {
  it("trims every string at any depth, in place, and leaves other values alone", () => {
    const when = new Date("2026-01-01T00:00:00Z");
    const bare = Object.assign(Object.create(null), { name: " 林晓梅\u3000" });
    const value = {
      title: "  标题 ",
      count: 3,
      when,
      rows: [{ name: "\t甲\n", tags: [" a ", "b "] }, bare],
      none: null,
    };
    expect(trimStrings(value)).toBe(value);
    expect(value).toEqual({
      title: "标题",
      count: 3,
      when,
      rows: [{ name: "甲", tags: ["a", "b"] }, bare],
      none: null,
    });
    expect(bare.name).toBe("林晓梅");
    expect(trimStrings("  x  ")).toBe("x");
    expect(trimStrings(7)).toBe(7);
  });

  it("keeps white space inside the text", () => {
    expect(trimStrings({ body: " 第一行\r\n\t第二行 " })).toEqual({ body: "第一行\r\n\t第二行" });
  });
});

describe("every text field of every input", () => {
  beforeAll(async () => {
    // Building the schemas declares every class and gives every resolver its middlewares.
    for (const definition of Object.values(SUBGRAPH_DEFINITIONS)) await definition.buildSchema();
  });

  /** The problems the field's own checks find in `value`, after what resolvers do first. */
  async function problems(target: { prototype: object }, field: string, value: string | string[]) {
    const args: Record<string, unknown> = { input: { [field]: value } };
    await textArgs({ args } as unknown as ResolverData, async () => undefined);
    const instance = Object.assign(Object.create(target.prototype), args.input);
    return validateSync(instance, { skipMissingProperties: true, forbidUnknownValues: false })
      .filter((e) => e.property === field)
      .flatMap((e) => Object.values(e.constraints ?? {}));
  }

  it("refuses white space wherever it refuses an empty value, naming the field", async () => {
    const storage = getMetadataStorage();
    const classes = new Set([
      ...storage.inputTypes.map((t) => t.target),
      ...storage.argumentTypes.map((t) => t.target),
    ]);
    const fields = storage.fields.filter((f) => {
      const type = f.getType();
      return (
        classes.has(f.target) && (type === String || type === GraphQLString || type === GraphQLID)
      );
    });
    const checked: string[] = [];
    const accepted: string[] = [];
    for (const f of fields) {
      const name = `${f.target.name}.${f.name}`;
      // A list field ([ID!] of a story's references) gets a list of one such value.
      const list = Boolean(f.typeOptions.array);
      const of = (text: string) => (list ? [text] : text);
      if (!(await problems(f.target, f.name, of(""))).length) continue;
      checked.push(name);
      for (const blank of ["   ", "\u3000", " \t\n "]) {
        const found = await problems(f.target, f.name, of(blank));
        if (!found.length) accepted.push(`${name} = ${JSON.stringify(of(blank))}`);
        else if (!list) expect(found.join("; ")).toMatch(new RegExp(`\\b${f.name}\\b`));
      }
    }
    expect(accepted).toEqual([]);
    // The walk found the fields of the issue, and more than a handful.
    expect(checked).toEqual(
      expect.arrayContaining(["ServiceMenuItemInput.title", "CourseInput.title"]),
    );
    expect(checked.length).toBeGreaterThan(30);
  });
});
