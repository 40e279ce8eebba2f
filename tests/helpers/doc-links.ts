// Checks the links of the repository's Markdown: every relative link must lead to a file or folder
// of the repository, and a "#heading" to a heading of the Markdown file it names. A link that
// leaves the repository (../ above the root, an absolute path, file:) is a problem: a clone holds
// only the repository. Links with a web scheme (https:, mailto:) are not followed.
import fs from "node:fs";
import path from "node:path";

export interface MarkdownLink {
  line: number;
  target: string;
}

/** The text with fenced code blocks and inline code blanked out (line numbers kept). */
function withoutCode(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split("\n")
    .map((line) => {
      const opens = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (opens && opens[1][0] === fence[0] && opens[1].length >= fence.length) fence = null;
        return "";
      }
      if (opens) {
        fence = opens[1];
        return "";
      }
      return line.replace(/(`+)[^`]*?\1/g, (code) => " ".repeat(code.length));
    })
    .join("\n");
}

/** Inline links and images `[text](target "title")` and reference definitions `[x]: target`. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  withoutCode(markdown)
    .split("\n")
    .forEach((text, index) => {
      const line = index + 1;
      for (const m of text.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g))
        links.push({ line, target: m[1].replace(/^<|>$/g, "") });
      const definition = /^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(text);
      if (definition) links.push({ line, target: definition[1].replace(/^<|>$/g, "") });
    });
  return links;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a Markdown file's headings; a repeated heading gets -1, -2, ... as on GitHub. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutCode(markdown).split("\n")) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count ? `${base}-${count}` : base);
  }
  return anchors;
}

const WEB = /^(https?|mailto):/i;

/**
 * What is wrong with the links of `markdown`, which is the file `file` (relative to `root`): one
 * line per broken link, naming the file, the line and the target.
 */
export function linkProblems(root: string, file: string, markdown: string): string[] {
  const from = path.resolve(root, file);
  const problems: string[] = [];
  for (const { line, target } of markdownLinks(markdown)) {
    const where = `${file}:${line}: ${target}`;
    if (WEB.test(target) || target.startsWith("//")) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("/")) {
      problems.push(`${where} leaves the repository: link to its files by relative path`);
      continue;
    }
    const hash = target.indexOf("#");
    const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
    const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
    const resolved = pathPart ? path.resolve(path.dirname(from), pathPart) : from;
    const inside = path.relative(root, resolved);
    if (inside.startsWith("..") || path.isAbsolute(inside)) {
      problems.push(`${where} leaves the repository`);
      continue;
    }
    if (resolved !== from && !fs.existsSync(resolved)) {
      problems.push(`${where}: no such file ${inside}`);
      continue;
    }
    if (anchor === null || !/\.md$/i.test(resolved)) continue;
    const text = resolved === from ? markdown : fs.readFileSync(resolved, "utf8");
    if (!headingAnchors(text).has(anchor))
      problems.push(`${where}: ${inside || file} has no heading #${anchor}`);
  }
  return problems;
}
