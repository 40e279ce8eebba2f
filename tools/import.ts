// npm run import -- --district 440305 --token T [--gateway URL] [--kind stations|demands|activities]
//   [--sheet NAME] FILE; npm run import -- --template KIND [FILE.xlsx] writes an empty workbook.
// Sends a district's CSV, JSON or Excel file (docs/excel.md) to the gateway in batches of 1,000,
// shows progress, prints a summary and writes the rejected rows with their reasons next to the
// input (FILE.rejected.csv, .json or .xlsx).
// Re-running the same file changes nothing: every row is an idempotent upsert.
import fs from "node:fs";
import path from "node:path";
import { readRows, toCsvLine, type Kind, type SourceRow } from "./import-rows";
import { DEFAULT_IMPORT_MAX_ROWS } from "../runtime/config/import";
import { checkRowCount, readXlsxRows, writeRejectedXlsx, writeTemplate } from "./import-xlsx";

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
  /** An .xlsx file's sheet to read (default: the first). */
  sheet?: string;
  /** Data rows the file may hold (IMPORT_MAX_ROWS); more: refused before anything is sent. */
  maxRows?: number;
  progress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedFile: string | null;
}

interface Rejection {
  source: SourceRow;
  reason: string;
}

export function kindOf(file: string): Kind {
  const match = /(stations|demands|activities)/i.exec(path.basename(file));
  if (!match) {
    throw new Error(
      `cannot tell what ${file} holds: name it *stations*, *demands* or *activities*, or pass --kind`,
    );
  }
  return match[1].toLowerCase() as Kind;
}

type Result = {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ index: number; message: string }>;
};

/** Sends one batch; a refusal of the whole batch comes back as a message instead of a result. */
async function send(options: ImportOptions, kind: Kind, rows: unknown[]): Promise<Result | string> {
  try {
    const response = await fetch(options.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ query: MUTATION[kind], variables: { d: options.district, rows } }),
    });
    const body = (await response.json()) as {
      data?: { r: Result };
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    if (body.errors?.length || !body.data) {
      const e = body.errors?.[0];
      return `the hub refused this batch: ${e?.message ?? `HTTP ${response.status}`} (${e?.extensions?.code ?? response.status})`;
    }
    return body.data.r;
  } catch (error) {
    return `the hub could not be reached: ${(error as Error).message}`;
  }
}

export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const kind = options.kind ?? kindOf(options.file);
  const xlsx = /\.xlsx$/i.test(options.file);
  if (options.sheet && !xlsx) throw new Error("--sheet names a sheet of an .xlsx file");
  const maxRows = options.maxRows ?? DEFAULT_IMPORT_MAX_ROWS;
  const sources = xlsx
    ? await readXlsxRows(options.file, kind, options.sheet, maxRows)
    : readRows(options.file, kind);
  checkRowCount(sources.length, maxRows, options.file);
  const summary: ImportSummary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFile: null,
  };
  const rejected: Rejection[] = [];
  for (let start = 0; start < sources.length; start += BATCH) {
    const chunk = sources.slice(start, start + BATCH);
    for (const source of chunk)
      if (source.problem) rejected.push({ source, reason: source.problem });
    const sendable = chunk.filter((s) => !s.problem);
    if (sendable.length) {
      const result = await send(
        options,
        kind,
        sendable.map((s) => s.row),
      );
      if (typeof result === "string") {
        // The whole batch was refused (a bad token, the hub down): every row of it says why.
        for (const source of sendable) rejected.push({ source, reason: result });
      } else {
        summary.created += result.created;
        summary.updated += result.updated;
        summary.unchanged += result.unchanged;
        // The hub counts rows within the batch it received; the clerk needs the file's lines.
        const toLines = (message: string) =>
          message.replace(
            /\(rows (\d+) and (\d+)\)/,
            (_, a, b) => `(lines ${sendable[+a].line} and ${sendable[+b].line})`,
          );
        for (const r of result.rejected)
          rejected.push({ source: sendable[r.index], reason: toLines(r.message) });
      }
    }
    options.progress?.(Math.min(start + BATCH, sources.length), sources.length);
  }
  summary.rejected = rejected.length;
  rejected.sort((a, b) => a.source.line - b.source.line);
  const json = options.file.toLowerCase().endsWith(".json");
  const out =
    options.file.replace(/\.(csv|json|xlsx)$/i, "") +
    (xlsx ? ".rejected.xlsx" : json ? ".rejected.json" : ".rejected.csv");
  if (rejected.length) {
    if (xlsx) {
      await writeRejectedXlsx(out, rejected);
    } else if (json) {
      const items = rejected.map((x) => ({
        item: x.source.line,
        reason: x.reason,
        ...x.source.record,
      }));
      fs.writeFileSync(out, JSON.stringify(items, null, 2) + "\n");
    } else {
      const header = ["line", "reason", ...Object.keys(rejected[0].source.record)];
      const lines = rejected.map((x) =>
        toCsvLine([x.source.line, x.reason, ...Object.values(x.source.record)]),
      );
      fs.writeFileSync(out, [toCsvLine(header), ...lines].join("\n") + "\n");
    }
    summary.rejectedFile = out;
  } else if (fs.existsSync(out)) {
    fs.rmSync(out); // left from an earlier run; nothing is rejected now
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
  const { parseFlags, fail } = await import("./cli");
  const { loadClientConfig } = await import("../runtime/config");
  const usage =
    "usage: npm run import -- --district CODE --token TOKEN [--gateway URL] [--kind stations|demands|activities] [--sheet NAME] FILE.csv|FILE.json|FILE.xlsx\n" +
    "       npm run import -- --template stations|demands|activities [FILE.xlsx]";
  const { flags, rest } = parseFlags(
    process.argv.slice(2),
    ["district", "token", "gateway", "kind", "sheet", "template"],
    usage,
  );
  const file = rest[0];
  const client = loadClientConfig();
  if (flags.template !== undefined) {
    const kind = flags.template as Kind;
    if (!["stations", "demands", "activities"].includes(kind)) fail(usage);
    const out = path.resolve(client.workingDir, file ?? `${kind}-template.xlsx`);
    await writeTemplate(kind, out);
    return console.log(`template for ${kind}: ${out}`);
  }
  if (!file || !flags.district || !flags.token) fail(usage);
  const summary = await runImport({
    file: path.resolve(client.workingDir, file),
    district: flags.district!,
    token: flags.token!,
    gatewayUrl: flags.gateway ?? client.gatewayUrl,
    kind: flags.kind as Kind | undefined,
    sheet: flags.sheet,
    maxRows: client.importMaxRows,
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
