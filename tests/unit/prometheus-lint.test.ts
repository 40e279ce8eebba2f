// The checker the /metrics tests use in place of promtool (tests/helpers/prometheus-lint.ts): it
// finds each kind of problem promtool reports, and more of the format's own rules; where promtool
// is installed, both agree on the naming rules.
import { lintMetrics, promtool } from "../helpers/prometheus-lint";

const family = (name: string, type: string, samples: string[], help = "Something counted") =>
  [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples, ""].join("\n");

const CLEAN = [
  family("hub_requests_total", "counter", ['hub_requests_total{operation="A",server="x"} 3']),
  family("hub_open", "gauge", ["hub_open 1"]),
  family("hub_duration_seconds", "histogram", [
    'hub_duration_seconds_bucket{le="0.1",op="a"} 1',
    'hub_duration_seconds_bucket{le="+Inf",op="a"} 2',
    'hub_duration_seconds_sum{op="a"} 0.3',
    'hub_duration_seconds_count{op="a"} 2',
  ]),
  family("hub_empty_total", "counter", []),
  family("hub_label_escapes", "gauge", ['hub_label_escapes{v="a \\"b\\" \\\\ c\\n"} NaN']),
].join("");

/** Texts promtool itself refuses, each for one naming rule. */
const PROMTOOL_RULES: Record<string, string> = {
  "a gauge named _total": family("hub_sql_statements_total", "gauge", [
    "hub_sql_statements_total 2",
  ]),
  "a counter without _total": family("hub_requests", "counter", ["hub_requests 1"]),
  "no HELP": "# TYPE hub_open gauge\nhub_open 1\n",
  "a gauge named _count": family("hub_rows_count", "gauge", ["hub_rows_count 1"]),
  "an le label on a gauge": family("hub_open", "gauge", ['hub_open{le="1"} 1']),
  camelCase: family("hub_openThings", "gauge", ["hub_openThings 1"]),
  "a colon": family("hub:open", "gauge", ["hub:open 1"]),
  "a type in the name": family("hub_open_gauge", "gauge", ["hub_open_gauge 1"]),
  "an abbreviated unit": family("hub_wait_ms", "gauge", ["hub_wait_ms 1"]),
  "a unit that is not a base unit": family("hub_wait_milliseconds", "gauge", [
    "hub_wait_milliseconds 1",
  ]),
};

/** Texts that break the format's rules (promtool's parser or our stricter reading). */
const FORMAT_RULES: Record<string, string> = {
  "no TYPE": "# HELP hub_open Open things\nhub_open 1\n",
  "an invalid label name": family("hub_open", "gauge", ['hub_open{0bad="1"} 1']),
  "an invalid value": family("hub_open", "gauge", ["hub_open one"]),
  "the same series twice": family("hub_open", "gauge", ['hub_open{a="1"} 1', 'hub_open{a="1"} 2']),
  "a histogram without +Inf": family("hub_wait_seconds", "histogram", [
    'hub_wait_seconds_bucket{le="1"} 1',
    "hub_wait_seconds_sum 1",
    "hub_wait_seconds_count 1",
  ]),
  "a histogram without _sum": family("hub_wait_seconds", "histogram", [
    'hub_wait_seconds_bucket{le="+Inf"} 1',
    "hub_wait_seconds_count 1",
  ]),
  "unterminated labels": family("hub_open", "gauge", ['hub_open{a="1" 1']),
};

describe("lintMetrics", () => {
  it("finds nothing in a clean text", () => {
    expect(lintMetrics(CLEAN)).toEqual([]);
  });

  it.each(Object.entries({ ...PROMTOOL_RULES, ...FORMAT_RULES }))("finds %s", (_, text) => {
    expect(lintMetrics(text)).not.toEqual([]);
  });
});

const installed = promtool(CLEAN) !== null;
if (!installed)
  console.warn("promtool is not installed: its agreement with lintMetrics is skipped");

(installed ? describe : describe.skip)("promtool, where installed", () => {
  it("agrees that the clean text is clean", () => {
    expect(promtool(CLEAN)).toEqual([]);
  });

  it.each(Object.entries(PROMTOOL_RULES))("agrees on %s", (_, text) => {
    expect(promtool(text)).not.toEqual([]);
  });
});
