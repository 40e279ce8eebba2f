// The documentation a newcomer reads: every relative link in README.md, docs/, bench/README.md and
// contract/README.md leads to a file of the repository (and a #heading to a heading of it), no
// link leaves the repository, the README stays short, and no page sends the reader to something a
// clone does not have ("the issue", a sibling folder).
import fs from "node:fs";
import path from "node:path";
import { headingAnchors, linkProblems, markdownLinks, slug } from "../helpers/doc-links";

const ROOT = path.join(__dirname, "..", "..");

function markdownUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownUnder(rel);
    return entry.name.endsWith(".md") ? [rel] : [];
  });
}

const PAGES = ["README.md", "bench/README.md", "contract/README.md", ...markdownUnder("docs")];
/** Upstream copies, kept as they were written. */
const UPSTREAM = ["contract/README.md", "docs/domain.md", "docs/seeds/README.md"];
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the link checker", () => {
  const check = (markdown: string, file = "docs/page.md") => linkProblems(ROOT, file, markdown);

  it("finds inline links, images and reference definitions, not code", () => {
    const text = [
      "See [the guide](guide.md#setup) and ![a figure](img/a.png 'x').",
      "`[not](a-link.md)` and",
      "```",
      "[nor](this.md)",
      "```",
      '[ref]: <other file.md> "title"',
    ].join("\n");
    expect(markdownLinks(text)).toEqual([
      { line: 1, target: "guide.md#setup" },
      { line: 1, target: "img/a.png" },
      { line: 6, target: "other file.md" },
    ]);
  });

  it("makes GitHub's anchors, numbering repeated headings", () => {
    expect(slug("Figures (2 CPUs, Node 20, the `large` data set)")).toBe(
      "figures-2-cpus-node-20-the-large-data-set",
    );
    expect(slug("Who owns what")).toBe("who-owns-what");
    expect([...headingAnchors("# A\n## Notes\n```\n# not a heading\n```\n## Notes")]).toEqual([
      "a",
      "notes",
      "notes-1",
    ]);
  });

  it("accepts links to files, folders and headings of the repository", () => {
    expect(
      check(
        [
          "[config](configuration.md), [health](operations.md#health), [here](#top)",
          "[env](../.env.example), [tests](../tests/unit/), [web](https://example.org/x)",
          "# Top",
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("refuses a missing file, a missing heading and a link out of the repository", () => {
    expect(check("[gone](no-such-page.md)")).toEqual([
      "docs/page.md:1: no-such-page.md: no such file docs/no-such-page.md",
    ]);
    expect(check("[x](operations.md#no-such-heading)")).toEqual([
      "docs/page.md:1: operations.md#no-such-heading: docs/operations.md has no heading #no-such-heading",
    ]);
    expect(check("[self](#nowhere)\n# Somewhere")).toEqual([
      "docs/page.md:1: #nowhere: docs/page.md has no heading #nowhere",
    ]);
    expect(check("[notes](../../elsewhere/notes.md)")).toEqual([
      "docs/page.md:1: ../../elsewhere/notes.md leaves the repository",
    ]);
    expect(check("[abs](/etc/hosts) [f](file:///etc/hosts)")).toEqual([
      "docs/page.md:1: /etc/hosts leaves the repository: link to its files by relative path",
      "docs/page.md:1: file:///etc/hosts leaves the repository: link to its files by relative path",
    ]);
  });
});

describe("the repository's documentation", () => {
  it("has pages to check", () => {
    expect(PAGES).toEqual(expect.arrayContaining(["README.md", "docs/configuration.md"]));
  });

  it.each(PAGES)("%s: every relative link resolves inside the repository", (file) => {
    expect(linkProblems(ROOT, file, read(file))).toEqual([]);
  });

  it("keeps the README under 200 lines", () => {
    expect(read("README.md").split("\n").length).toBeLessThan(200);
  });

  it("sends the reader to nothing outside the repository", () => {
    const outside = [
      /\.\.\/shared\b/,
      /\bissue #?\d+/i,
      /\bthe issue(?:'s)?\b(?!\s+(?:date|time))/i,
      /\bcontract README\b/i,
    ];
    const found = PAGES.filter((file) => !UPSTREAM.includes(file)).flatMap((file) =>
      read(file)
        .split("\n")
        .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
        .filter(({ line }) => outside.some((pattern) => pattern.test(line)))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
