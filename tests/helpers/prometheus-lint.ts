// A checker of the Prometheus text format (0.0.4) with the naming rules `promtool check metrics`
// applies (client_golang's promlint: help text, _total only on counters, reserved suffixes and
// labels, camelCase, colons, types and abbreviated or non-base units in names), plus what the
// format itself requires: valid names, labels and values, HELP and TYPE for every family, each
// series once, and complete histograms (_bucket with le="+Inf", _sum and _count for every label
// set). Tests run it on every server's /metrics, and promtool as well where it is installed.
import { spawnSync } from "node:child_process";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Family {
  name: string;
  type?: string;
  help?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = ["counter", "gauge", "histogram", "summary", "untyped"];
const UNITS: Record<string, string> = {
  amperes: "amperes",
  bytes: "bytes",
  celsius: "celsius",
  grams: "grams",
  joules: "joules",
  kelvin: "kelvin",
  meters: "meters",
  metres: "metres",
  seconds: "seconds",
  volts: "volts",
  minutes: "seconds",
  hours: "seconds",
  days: "seconds",
  weeks: "seconds",
  kelvins: "kelvin",
  fahrenheit: "celsius",
  rankine: "celsius",
  inches: "meters",
  yards: "meters",
  miles: "meters",
  bits: "bytes",
  calories: "joules",
  pounds: "grams",
  ounces: "grams",
};
const UNIT_PREFIXES = "pico nano micro milli centi deci deca hecto kilo kibi mega mibi giga gibi"
  .concat(" tera tebi peta pebi")
  .split(" ");
const ABBREVIATIONS = "s ms us ns sec b kb mb gb tb pb m h d".split(" ");

/** `name{a="x",b="y"} 1.5 [timestamp]` → a sample, or a problem. */
function parseSample(line: string): Sample | string {
  const head = /^([^\s{]+)(\{)?/.exec(line);
  if (!head) return `unparsable line: ${line}`;
  const name = head[1];
  const labels: Record<string, string> = {};
  let rest = line.slice(head[0].length);
  if (head[2]) {
    const pair = /^\s*([^=\s]+)\s*=\s*"((?:[^"\\\n]|\\[\\"n])*)"\s*(,)?/;
    while (!rest.startsWith("}")) {
      const m = pair.exec(rest);
      if (!m) return `${name}: malformed labels in: ${line}`;
      if (!LABEL_NAME.test(m[1]) || m[1].startsWith("__"))
        return `${name}: invalid label name "${m[1]}"`;
      if (m[1] in labels) return `${name}: label "${m[1]}" given twice`;
      labels[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
      rest = rest.slice(m[0].length);
      if (!m[3] && !rest.startsWith("}")) return `${name}: malformed labels in: ${line}`;
    }
    rest = rest.slice(1);
  }
  const fields = rest.trim().split(/\s+/);
  if (!/^\s/.test(rest) || fields.length < 1 || fields.length > 2)
    return `${name}: malformed sample: ${line}`;
  const value = /^[+-]?Inf$/.test(fields[0]) ? Number(fields[0] + "inity") : Number(fields[0]);
  if (fields[0] !== "NaN" && Number.isNaN(value)) return `${name}: invalid value "${fields[0]}"`;
  if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1]))
    return `${name}: invalid timestamp "${fields[1]}"`;
  return { name, labels, value };
}

/** The family a sample belongs to: its own name, or a histogram's/summary's for the suffixes. */
function familyOf(families: Map<string, Family>, name: string): Family | undefined {
  const own = families.get(name);
  if (own) return own;
  const base = /^(.*)_(bucket|sum|count)$/.exec(name);
  const family = base ? families.get(base[1]) : undefined;
  if (!family || !base) return undefined;
  if (family.type === "histogram") return family;
  if (family.type === "summary" && base[2] !== "bucket") return family;
  return undefined;
}

function parse(text: string, problems: string[]): Map<string, Family> {
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  const declare = (name: string) => {
    if (!METRIC_NAME.test(name)) problems.push(`${name}: invalid metric name`);
    const family = families.get(name) ?? { name, samples: [] };
    families.set(name, family);
    return family;
  };
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const meta = /^#\s*(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
    if (meta) {
      const family = declare(meta[2]);
      const key = meta[1] === "HELP" ? "help" : "type";
      if (family[key] !== undefined) problems.push(`${meta[2]}: second ${meta[1]} line`);
      if (family.samples.length) problems.push(`${meta[2]}: ${meta[1]} after its samples`);
      family[key] = meta[3] ?? "";
      if (key === "type" && !TYPES.includes(family.type!))
        problems.push(`${meta[2]}: unknown type "${family.type}"`);
      continue;
    }
    if (line.startsWith("#")) continue;
    const sample = parseSample(line);
    if (typeof sample === "string") {
      problems.push(sample);
      continue;
    }
    if (!METRIC_NAME.test(sample.name)) problems.push(`${sample.name}: invalid metric name`);
    const series = JSON.stringify([sample.name, Object.entries(sample.labels).sort()]);
    if (seen.has(series)) problems.push(`${sample.name}: the same series twice`);
    seen.add(series);
    const family = familyOf(families, sample.name);
    if (family) family.samples.push(sample);
    else problems.push(`${sample.name}: a sample without a TYPE line of its family`);
  }
  return families;
}

/** What promlint says about one family's name, type and labels. */
function lintNames(family: Family): string[] {
  const { name, type } = family;
  const found: string[] = [];
  const say = (problem: string) => found.push(`${name} ${problem}`);
  const lower = name.toLowerCase();
  const has = (word: string) => lower.includes(`_${word}_`) || lower.endsWith(`_${word}`);
  if (family.help === undefined) say("no help text");
  if (family.type === undefined) say("no TYPE line");
  if (type === "counter" && !name.endsWith("_total"))
    say('counter metrics should have "_total" suffix');
  if (type !== "counter" && type !== "untyped" && name.endsWith("_total"))
    say('non-counter metrics should not have "_total" suffix');
  if (type !== "untyped") {
    if (type !== "histogram" && name.endsWith("_bucket")) say('non-histogram with "_bucket"');
    if (type !== "histogram" && type !== "summary" && /_(count|sum)$/.test(name))
      say('non-histogram and non-summary metrics should not have "_count"/"_sum" suffix');
    const labels = new Set(family.samples.flatMap((s) => Object.keys(s.labels)));
    if (type !== "histogram" && labels.has("le")) say('non-histogram with an "le" label');
    if (type !== "summary" && labels.has("quantile")) say('non-summary with a "quantile" label');
  }
  for (const t of ["counter", "gauge", "histogram", "summary"])
    if (has(t)) say(`metric name should not include type '${t}'`);
  if (name.includes(":")) say("metric names should not contain ':'");
  if (/[a-z][A-Z]/.test(name)) say("metric names should be written in 'snake_case'");
  for (const label of new Set(family.samples.flatMap((s) => Object.keys(s.labels))))
    if (/[a-z][A-Z]/.test(label)) say(`label name "${label}" should be in 'snake_case'`);
  if (ABBREVIATIONS.some(has)) say("metric names should not contain abbreviated units");
  for (const part of name.split("_")) {
    const prefix = UNIT_PREFIXES.find((p) => part.startsWith(p) && UNITS[part.slice(p.length)]);
    const base = UNITS[part] ?? (prefix ? UNITS[part.slice(prefix.length)] : undefined);
    if (base === undefined) continue;
    if (base !== part) say(`use base unit "${base}" instead of "${part}"`);
    break;
  }
  return found;
}

/** A histogram has, for every label set, buckets rising to le="+Inf" (= _count), _sum, _count. */
function lintHistogram(family: Family): string[] {
  const found: string[] = [];
  const sets = new Map<
    string,
    { buckets: Array<[number, number]>; sum?: number; count?: number }
  >();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const set = sets.get(key) ?? { buckets: [] };
    sets.set(key, set);
    if (sample.name === `${family.name}_bucket`) {
      const bound = le === "+Inf" ? Infinity : Number(le);
      if (le === undefined || Number.isNaN(bound))
        found.push(`${family.name}: a bucket with le="${le}"`);
      else set.buckets.push([bound, sample.value]);
    } else if (sample.name === `${family.name}_sum`) set.sum = sample.value;
    else if (sample.name === `${family.name}_count`) set.count = sample.value;
    else found.push(`${family.name}: histogram sample ${sample.name} is not _bucket/_sum/_count`);
  }
  for (const [key, set] of sets) {
    const where = `${family.name}${key === "[]" ? "" : ` ${key}`}`;
    const sorted = [...set.buckets].sort((a, b) => a[0] - b[0]);
    if (sorted.at(-1)?.[0] !== Infinity) found.push(`${where}: no le="+Inf" bucket`);
    if (sorted.some(([, v], i) => i > 0 && v < sorted[i - 1][1]))
      found.push(`${where}: bucket counts fall as le rises`);
    if (set.sum === undefined) found.push(`${where}: no _sum`);
    if (set.count === undefined) found.push(`${where}: no _count`);
    else if (sorted.at(-1)?.[1] !== set.count) found.push(`${where}: +Inf bucket is not _count`);
  }
  return found;
}

/** Every problem of a /metrics text; [] when it is clean. */
export function lintMetrics(text: string): string[] {
  const problems: string[] = [];
  const families = parse(text, problems);
  for (const family of families.values()) {
    problems.push(...lintNames(family));
    if (family.type === "histogram") problems.push(...lintHistogram(family));
  }
  return problems;
}

/**
 * `promtool check metrics` on a /metrics text: its problems ([] when clean), or null when
 * promtool is not installed.
 */
export function promtool(text: string): string[] | null {
  const run = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") return null;
  if (run.error) throw run.error;
  const output = `${run.stdout}${run.stderr}`.trim();
  if (run.status === 0 && !output) return [];
  return output ? output.split("\n") : [`promtool exited with ${run.status}`];
}
