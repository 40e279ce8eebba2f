// The pure rules behind the input checks of every subgraph: control characters in text
// (subgraphs/shared/validation/text.ts) and the sane window of dates (validation/dates.ts).
import { dateProblem, EARLIEST_DATE } from "../../subgraphs/shared/validation/dates";
import { textProblem } from "../../subgraphs/shared/validation/text";

describe("textProblem", () => {
  it("refuses C0 control characters and DEL, naming the field, code point and position", () => {
    expect(textProblem("name", "探针\u0000测试")).toBe(
      "name contains a control character (U+0000 at character 3); remove it",
    );
    expect(textProblem("reason", "\u0007\u001b[2J")).toMatch(/U\+0007 at character 1/);
    expect(textProblem("x", "a\u007f")).toMatch(/U\+007F/);
    expect(textProblem("x", "😀\u0001")).toMatch(/at character 2/);
  });

  it("keeps newlines, tabs and CRLF in long text, refuses a lone CR", () => {
    expect(textProblem("comment", "一\n二\t三\r\n四")).toBeNull();
    expect(textProblem("comment", "一\r二")).toMatch(/U\+000D/);
    expect(textProblem("comment", "末尾\r")).toMatch(/U\+000D/);
  });

  it("refuses line breaks and tabs in single-line fields", () => {
    for (const value of ["林\n晓梅", "林\t晓梅", "林\r\n晓梅"])
      expect(textProblem("name", value, { singleLine: true })).toMatch(
        /name must be a single line/,
      );
    expect(textProblem("name", "林晓梅 Lin", { singleLine: true })).toBeNull();
  });

  it("refuses Unicode noncharacters and lone surrogates in any text, naming the field", () => {
    expect(textProblem("name", "非字符\ufffe测试工作站", { singleLine: true })).toBe(
      "name contains a Unicode noncharacter (U+FFFE at character 4); remove it",
    );
    for (const value of ["a\uffff", "a\ufdd0", "a\ufdef", "a\u{1fffe}", "a\u{10ffff}"])
      expect(textProblem("comment", value)).toMatch(/comment contains a Unicode noncharacter/);
    expect(textProblem("comment", "a\ud800b")).toMatch(/lone surrogate \(U\+D800/);
    expect(textProblem("comment", "a\udc00")).toMatch(/lone surrogate/);
    // Next to them, ordinary characters: U+FDCF, U+FDF0, U+FFFD, a pair making 😀.
    expect(textProblem("comment", "\ufdcf\ufdf0\ufffd\ud83d\ude00")).toBeNull();
  });

  it("refuses U+2028 and U+2029 in single-line fields only", () => {
    expect(textProblem("name", "林\u2028晓梅", { singleLine: true })).toMatch(
      /name must be a single line.*U\+2028/,
    );
    expect(textProblem("name", "林\u2029晓梅", { singleLine: true })).toMatch(/U\+2029/);
    expect(textProblem("comment", "一\u2028二")).toBeNull();
  });

  it("accepts ordinary text of every script, and the characters above U+009F", () => {
    expect(textProblem("title", "深圳市中小企业志愿服务 — “专精特新” №1 ❤️")).toBeNull();
  });
});

describe("dateProblem", () => {
  const now = "2026-06-15";

  it("refuses dates before 1949-10-01 for every field", () => {
    expect(dateProblem("heldOn", "0100-01-01", { yearsAhead: 0 }, now)).toBe(
      "heldOn 0100-01-01 is before 1949-10-01; check the year",
    );
    expect(dateProblem("validFrom", "1000-06-15", { yearsAhead: 10 }, now)).toMatch(/before/);
    expect(dateProblem("heldOn", EARLIEST_DATE, { yearsAhead: 0 }, now)).toBeNull();
  });

  it("refuses past events in the future, with the field's hint", () => {
    expect(dateProblem("completedOn", "2026-06-16", { yearsAhead: 0 }, now)).toBe(
      "completedOn 2026-06-16 is in the future; record it once it has happened",
    );
    expect(
      dateProblem(
        "heldOn",
        "2027-01-01",
        { yearsAhead: 0, futureHint: "publish it once held" },
        now,
      ),
    ).toBe("heldOn 2027-01-01 is in the future; publish it once held");
    expect(dateProblem("completedOn", now, { yearsAhead: 0 }, now)).toBeNull();
  });

  it("lets dates ahead through up to the bound", () => {
    expect(dateProblem("validTo", "2036-06-15", { yearsAhead: 10 }, now)).toBeNull();
    expect(dateProblem("validTo", "2036-06-16", { yearsAhead: 10 }, now)).toBe(
      "validTo 2036-06-16 is more than 10 years ahead (after 2036-06-15); check the year",
    );
  });
});
