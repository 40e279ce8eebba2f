// What a GraphQL document asks for, read from its tokens before it is parsed or validated: how
// deep it nests braces, brackets and parentheses, how many fields one selection set and the whole
// document select, and how often one response name repeats. graphql-js parses recursively (a list
// literal nested a few thousand deep overflows the stack), and its validation compares every two
// fields that share a response name (OverlappingFieldsCanBeMergedRule; printing both arguments
// when they have some): `code` selected 2,990 times held the gateway's only thread for 2 s. One
// pass over graphql-js's own lexer, no recursion and no tree, stopping at the first limit passed,
// bounds both before either runs (Apollo Router's max_height and max_root_fields are the model).
import { Lexer, Source, TokenKind, type Token } from "graphql";

export interface DocumentLimits {
  /** Braces, brackets and parentheses nested at most this deep. */
  maxNesting: number;
  /** Tokens read at most: the parser refuses a longer document itself (parseOptions.maxTokens). */
  maxTokens?: number;
  /** Selections (fields, fragment spreads, inline fragments) in one selection set. */
  maxSelectionFields?: number;
  /** Selections in the document, each operation counted with the fragments it spreads. */
  maxFields?: number;
  /** Times one response name may be selected in the document (see weightOf). */
  maxFieldRepeats?: number;
  /** Times one response name may be selected with arguments (see weightOf). */
  maxArgumentRepeats?: number;
}

/**
 * How many times a field counts towards the repeats of its response name: once for every field
 * map graphql-js merges it into and compares it within. A field written inside k nested inline
 * fragments is merged into k + 1 selection sets (two nested ones cost a pair of long arguments
 * three printings), and every comparison of its parent field repeats its own: the weight is the
 * product over its levels. Without inline fragments (every client document), it is 1.
 */
const weightOf = (set: OpenSet) => Math.min(set.base * (set.inline + 1), MAX_WEIGHT);
const MAX_WEIGHT = 1e9;

/** A selection set being read: whose it is, its selections so far, how its fields count. */
interface OpenSet {
  of: string;
  width: number;
  /** The weight of the field whose selection set this is (1 for a definition's). */
  base: number;
  /** Inline fragments between this set and that field's. */
  inline: number;
}

export type DocumentLimit =
  | "nesting"
  | "selectionFields"
  | "fields"
  | "fieldRepeats"
  | "argumentRepeats";

export interface DocumentProblem {
  limit: DocumentLimit;
  message: string;
}

/**
 * The first limit the document passes, or null. Null too when the document does not lex or has
 * more than maxTokens tokens: the parser refuses it then, in its own words, before it recurses
 * past the point where this stopped reading.
 */
export function documentProblem(source: string, limits: DocumentLimits): DocumentProblem | null {
  const scan = new Scan(limits);
  const lexer = new Lexer(new Source(source));
  const maxTokens = limits.maxTokens ?? Infinity;
  let tokens = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > maxTokens) return null;
      const problem = scan.step(token);
      // Past a field limit, reading on only lets the token limit and syntax errors speak first.
      if (problem && (problem.limit === "nesting" || maxTokens === Infinity)) return problem;
    }
  } catch {
    return null;
  }
  return scan.step(null) ?? scan.totalProblem();
}

const OPEN: ReadonlySet<TokenKind> = new Set([
  TokenKind.BRACE_L,
  TokenKind.BRACKET_L,
  TokenKind.PAREN_L,
]);
const CLOSE: ReadonlySet<TokenKind> = new Set([
  TokenKind.BRACE_R,
  TokenKind.BRACKET_R,
  TokenKind.PAREN_R,
]);

/** An operation or a fragment: the selections it writes itself and the fragments it spreads. */
interface Definition {
  operation: boolean;
  fields: number;
  spreads: Set<string>;
}

/**
 * The scan's state between tokens. Inside parentheses (arguments, variable definitions) only the
 * nesting counts: braces there are input objects, not selection sets.
 */
class Scan {
  private nesting = 0;
  private parens = 0;
  private readonly sets: OpenSet[] = [];
  private definition: Definition | null = null;
  /** Between `fragment` and the fragment's name. */
  private fragmentName = false;
  /** The next name is no selection: a directive's, a type condition's, an alias's field. */
  private skipName = false;
  /** After `alias:`, the alias: the response name whose arguments may follow the field's name. */
  private aliasOf: string | null = null;
  private afterSpread = false;
  /** The response name just selected, while `(` would open its arguments. */
  private selected: string | null = null;
  /** The response name selected last and its weight: whose selection set a `{` opens. */
  private last: string | null = null;
  private lastWeight = 1;
  private written = 0;
  private readonly definitions: Definition[] = [];
  private readonly fragments = new Map<string, Definition>();
  private readonly repeats = new Map<string, number>();
  private readonly argumentRepeats = new Map<string, number>();
  private found: DocumentProblem | null = null;

  constructor(private readonly limits: DocumentLimits) {}

  /** Reads one more token; null reads none and answers the problem found so far. */
  step(token: Token | null): DocumentProblem | null {
    if (!token || this.found) return this.found;
    if (OPEN.has(token.kind) && ++this.nesting > this.limits.maxNesting) {
      return this.fail(
        "nesting",
        `the query nests braces, brackets or parentheses more than ${this.limits.maxNesting} levels deep; flatten it`,
      );
    }
    if (CLOSE.has(token.kind)) this.nesting = Math.max(0, this.nesting - 1);
    if (token.kind === TokenKind.PAREN_L) {
      if (this.parens === 0 && this.selected !== null) this.countArguments(this.selected);
      this.parens += 1;
      return this.found;
    }
    if (token.kind === TokenKind.PAREN_R) this.parens = Math.max(0, this.parens - 1);
    if (this.parens > 0 || token.kind === TokenKind.PAREN_R) return this.found;
    const selected = this.selected;
    this.selected = null;
    if (token.kind === TokenKind.NAME) return this.name(token.value);
    this.afterSpread = false;
    if (token.kind === TokenKind.COLON && selected !== null) {
      this.skipName = true; // `alias: field`: the alias is the response name
      this.aliasOf = selected;
    } else if (token.kind === TokenKind.BRACE_L) this.open();
    else if (token.kind === TokenKind.BRACE_R) this.close();
    else if (token.kind === TokenKind.AT) this.skipName = true;
    else if (token.kind === TokenKind.SPREAD) this.spread();
    return this.found;
  }

  private name(value: string) {
    if (!this.sets.length) this.header(value);
    else if (this.afterSpread) {
      this.afterSpread = false;
      if (value === "on") this.skipName = true;
      else this.definition?.spreads.add(value);
    } else if (this.skipName) {
      this.skipName = false;
      this.selected = this.aliasOf;
      this.aliasOf = null;
    } else {
      this.select(value);
      this.selected = value;
    }
    return this.found;
  }

  /** A name between definitions: `query`, `fragment`, a definition's name, a type condition. */
  private header(value: string) {
    if (this.fragmentName) {
      this.fragmentName = false;
      if (this.definition) this.fragments.set(value, this.definition);
    } else if (!this.definition && ["query", "mutation", "subscription"].includes(value)) {
      this.definition = { operation: true, fields: 0, spreads: new Set() };
    } else if (!this.definition && value === "fragment") {
      this.definition = { operation: false, fields: 0, spreads: new Set() };
      this.fragmentName = true;
    }
  }

  private open() {
    const top = this.sets[this.sets.length - 1];
    if (!top) {
      // `{` between definitions starts an anonymous operation, or the named one's selections.
      this.definition ??= { operation: true, fields: 0, spreads: new Set() };
      this.definitions.push(this.definition);
    }
    // A field's selection set counts from the field's weight; an inline fragment's, one deeper.
    this.sets.push(
      this.last !== null
        ? { of: this.last, width: 0, base: this.lastWeight, inline: 0 }
        : top
          ? { of: top.of, width: 0, base: top.base, inline: top.inline + 1 }
          : { of: "the operation", width: 0, base: 1, inline: 0 },
    );
    this.skipName = false;
    this.aliasOf = null;
    this.last = null;
  }

  private close() {
    this.sets.pop();
    this.last = null;
    if (!this.sets.length) this.definition = null;
  }

  private spread() {
    this.select(null);
    this.afterSpread = true;
  }

  private select(responseName: string | null) {
    const set = this.sets[this.sets.length - 1];
    if (!set) return;
    set.width += 1;
    this.written += 1;
    if (this.definition) this.definition.fields += 1;
    this.last = responseName;
    this.lastWeight = weightOf(set);
    const { maxSelectionFields, maxFields, maxFieldRepeats } = this.limits;
    if (maxSelectionFields !== undefined && set.width > maxSelectionFields) {
      this.fail(
        "selectionFields",
        `the selection set of "${set.of}" asks for more than ${maxSelectionFields} fields, over the limit of ${maxSelectionFields} in one selection set; ask for fewer at once`,
      );
    } else if (maxFields !== undefined && this.written > maxFields) {
      this.fail("fields", this.fieldsMessage(`more than ${maxFields}`, maxFields));
    } else if (responseName !== null && maxFieldRepeats !== undefined) {
      this.count(this.repeats, responseName, maxFieldRepeats, "fieldRepeats", "");
    }
  }

  private countArguments(responseName: string) {
    const max = this.limits.maxArgumentRepeats;
    if (max !== undefined)
      this.count(this.argumentRepeats, responseName, max, "argumentRepeats", " with arguments");
  }

  /** Adds the last field's weight to its response name's repeats; past max, a problem. */
  private count(
    repeats: Map<string, number>,
    responseName: string,
    max: number,
    limit: DocumentLimit,
    what: string,
  ) {
    const times = (repeats.get(responseName) ?? 0) + this.lastWeight;
    repeats.set(responseName, times);
    if (times > max)
      this.fail(
        limit,
        `this document selects "${responseName}"${what} more than ${max} times (inside nested inline fragments, once for each selection set it merges into), over the limit of ${max}; select it once per object, or under aliases`,
      );
  }

  /**
   * The selections of the whole document, each operation counted with every fragment it reaches
   * (validation walks them once per operation), fragments no operation reaches once.
   */
  totalProblem(): DocumentProblem | null {
    const max = this.limits.maxFields;
    if (max === undefined) return null;
    let total = 0;
    const reached = new Set<Definition>();
    for (const operation of this.definitions.filter((d) => d.operation)) {
      total += operation.fields;
      const queue = [...operation.spreads];
      const seen = new Set<string>();
      for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
        const fragment = this.fragments.get(name);
        if (seen.has(name) || !fragment) continue;
        seen.add(name);
        reached.add(fragment);
        total += fragment.fields;
        if (total > max) return this.fail("fields", this.fieldsMessage(`${total}`, max));
        queue.push(...fragment.spreads);
      }
    }
    for (const fragment of this.fragments.values())
      if (!reached.has(fragment)) total += fragment.fields;
    return total > max ? this.fail("fields", this.fieldsMessage(`${total}`, max)) : null;
  }

  private fieldsMessage(count: string, max: number) {
    return `this document asks for ${count} fields (each operation counted with the fragments it spreads), over the limit of ${max}; split it into smaller requests`;
  }

  private fail(limit: DocumentLimit, message: string) {
    this.found ??= { limit, message };
    return this.found;
  }
}
