// npm run import -- --district 440305 --token T [--gateway URL] [--kind stations|demands|activities] FILE
// Sends a district's CSV or JSON file to the gateway in batches of 1,000, shows progress, prints a
// summary and writes the rejected rows with their reasons next to the input (FILE.rejected.csv/json).
// Re-running the same file changes nothing: every row is an idempotent upsert.
import fs from "node:fs";
import path from "node:path";
import { readRows, toCsvLine, type Kind } from "./import-rows";
import { FocusGroup, ServiceCategory } from "../subgraphs/shared/vocabulary";
import { ActivityType, DemandStatus, StationHostType } from "../subgraphs/districts/vocabulary";

// GraphQL refuses a whole request over one unknown enum value, so rows carrying one are rejected
// here, with the allowed values, and the rest of the file still goes through.
const ENUMS: Record<string, Record<string, string>> = {
  hostType: StationHostType,
  type: ActivityType,
  category: ServiceCategory,
  categories: ServiceCategory,
  focusGroup: FocusGroup,
  status: DemandStatus,
};
function enumProblem(row: Record<string, unknown>): string | null {
  for (const [field, allowed] of Object.entries(ENUMS)) {
    const value = row[field];
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!Object.values(allowed).includes(String(v)))
        return `${field} ${String(v)} is not one of ${Object.values(allowed).join(", ")}`;
    }
  }
  return null;
}

const MUTATION: Record<Kind, string> = {
  stations:
    "mutation ($d: ID!, $rows: [StationInput!]!) { r: publishStations(districtCode: $d, stations: $rows) { created updated unchanged rejected { index externalId message } } }",
  demands:
    "mutation ($d: ID!, $rows: [DemandInput!]!) { r: publishDemands(districtCode: $d, demands: $rows) { created updated unchanged rejected { index externalId message } } }",
  activities:
    "mutation ($d: ID!, $rows: [ActivityInput!]!) { r: publishActivities(districtCode: $d, activities: $rows) { created updated unchanged rejected { index externalId message } } }",
};
export const BATCH = 1000;

export interface ImportOptions {
  file: string;
  district: string;
  token: string;
  gatewayUrl: string;
  kind?: Kind;
  progress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedFile: string | null;
}

export function kindOf(file: string): Kind {
  const match = /(stations|demands|activities)/i.exec(path.basename(file));
  if (!match)
    throw new Error(
      `cannot tell what ${file} holds: name it *stations*, *demands* or *activities*, or pass --kind`,
    );
  return match[1].toLowerCase() as Kind;
}

export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const kind = options.kind ?? kindOf(options.file);
  const { rows, records } = readRows(options.file, kind);
  const summary: ImportSummary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFile: null,
  };
  const rejected: Array<{ line: number; record: Record<string, unknown>; reason: string }> = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const chunk = rows.slice(start, start + BATCH);
    const sendable: number[] = [];
    chunk.forEach((row, i) => {
      const problem = enumProblem(row);
      if (problem) rejected.push({ line: start + i, record: records[start + i], reason: problem });
      else sendable.push(i);
    });
    const response = await fetch(options.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` },
      body: JSON.stringify({
        query: MUTATION[kind],
        variables: { d: options.district, rows: sendable.map((i) => chunk[i]) },
      }),
    });
    const body = (await response.json()) as any;
    if (body.errors?.length) {
      const e = body.errors[0];
      throw new Error(
        `the hub refused rows ${start + 1}-${Math.min(start + BATCH, rows.length)}: ${e.message} (${e.extensions?.code ?? response.status})`,
      );
    }
    const r = body.data.r;
    summary.created += r.created;
    summary.updated += r.updated;
    summary.unchanged += r.unchanged;
    for (const x of r.rejected) {
      const line = start + sendable[x.index];
      rejected.push({ line, record: records[line], reason: x.message });
    }
    options.progress?.(Math.min(start + BATCH, rows.length), rows.length);
  }
  summary.rejected = rejected.length;
  rejected.sort((a, b) => a.line - b.line);
  if (rejected.length) {
    const json = options.file.toLowerCase().endsWith(".json");
    const out =
      options.file.replace(/\.(csv|json)$/i, "") + (json ? ".rejected.json" : ".rejected.csv");
    if (json)
      fs.writeFileSync(
        out,
        JSON.stringify(
          rejected.map((x) => ({ row: x.line + 1, reason: x.reason, ...x.record })),
          null,
          2,
        ),
      );
    else {
      const header = ["row", "reason", ...Object.keys(rejected[0].record)];
      fs.writeFileSync(
        out,
        [
          toCsvLine(header),
          ...rejected.map((x) => toCsvLine([x.line + 2, x.reason, ...Object.values(x.record)])),
        ].join("\n") + "\n",
      );
    }
    summary.rejectedFile = out;
  }
  return summary;
}

function bar(done: number, total: number) {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(
    `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} rows`,
  );
  if (done >= total) process.stderr.write("\n");
}

async function main() {
  const { parseArgs, fail } = await import("./cli");
  const { flags, rest } = parseArgs(process.argv.slice(2));
  const file = rest[0];
  if (!file || !flags.district || !flags.token) {
    fail(
      "usage: npm run import -- --district CODE --token TOKEN [--gateway URL] [--kind stations|demands|activities] FILE.csv|FILE.json",
    );
  }
  const summary = await runImport({
    file: path.resolve(process.env.INIT_CWD ?? process.cwd(), file),
    district: flags.district,
    token: flags.token,
    gatewayUrl: flags.gateway ?? process.env.GATEWAY_URL ?? "http://localhost:4000/graphql",
    kind: flags.kind as Kind | undefined,
    progress: bar,
  });
  console.log(
    `created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}`,
  );
  if (summary.rejectedFile) console.log(`rejected rows and reasons: ${summary.rejectedFile}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
