// Reading district files for the bulk import: CSV (csv-parse, header row) or JSON (an array),
// turned into the rows the publish mutations take, with the checks GraphQL would otherwise apply to
// the whole batch (enum values, dates, numbers) done here row by row.
import fs from "node:fs";
import { parse, type InfoRecord } from "csv-parse/sync";
import { isIsoDate } from "../runtime/dates";
import { FocusGroup, ServiceCategory } from "../subgraphs/shared/vocabulary";
import { ActivityType, DemandStatus, StationHostType } from "../subgraphs/districts/vocabulary";

export type Kind = "stations" | "demands" | "activities";

export interface SourceRow {
  /** Where the row starts in the file: CSV line number, or JSON array position from 1. */
  line: number;
  /** What the publish mutation receives. */
  row: Record<string, unknown>;
  /** The row as it stands in the file, for the rejected-rows file. */
  record: Record<string, unknown>;
  /** Why the row cannot be sent, found before sending. */
  problem: string | null;
}

/**
 * Records with the line each starts on (from 1, the header's line); blank lines and records of
 * empty fields are skipped, quoted commas, quotes and line breaks kept, a UTF-8 BOM dropped. Lines
 * end in CRLF, LF or CR, mixed in one file if need be. A quote left open throws a CsvError.
 */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const bytes = Buffer.from(text, "utf8");
  const records = parse(bytes, {
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ["\r\n", "\n", "\r"],
  }) as unknown as Array<{ record: string[]; info: InfoRecord }>;
  // csv-parse reports where a record ends (in bytes); it starts where the one before ended.
  const rows: Array<{ line: number; fields: string[] }> = [];
  let line = 1;
  let offset = 0;
  for (const { record, info } of records) {
    if (record.some((field) => field !== "")) rows.push({ line, fields: record });
    line += lineBreaks(bytes, offset, info.bytes);
    offset = info.bytes;
  }
  return rows;
}

/** Line breaks (CRLF, LF or a lone CR) in bytes[from, to); UTF-8 never hides 0x0A or 0x0D. */
function lineBreaks(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) count += 1;
  }
  return count;
}

export const toCsvLine = (fields: unknown[]) =>
  fields
    .map((f) => {
      // Numbers and booleans as JSON writes them; a JSON import's lists and objects too.
      const s = f === null || f === undefined ? "" : typeof f === "string" ? f : JSON.stringify(f);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");

const list = (s: string) =>
  s
    .split(/[|;]/)
    .map((x) => x.trim())
    .filter(Boolean);
const optional = (s: string | undefined) =>
  s === undefined || s.trim() === "" ? undefined : s.trim();
/** A number, or the text itself when it is not one (the check below then names it). */
const number = (s: string | undefined) => {
  const text = optional(s);
  if (text === undefined) return undefined;
  // Plain decimal notation only: "0x10" or "1e3" in a clerk's file is a typing slip, not a number.
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
};
const bool = (s: string | undefined) => {
  const text = optional(s);
  if (text === undefined) return undefined;
  if (/^(true|1|yes|y|是)$/i.test(text)) return true;
  if (/^(false|0|no|n|否)$/i.test(text)) return false;
  return text;
};

/** CSV columns are the input's field names; lists are separated by | and participants are id:hours. */
export function fromRecord(kind: Kind, r: Record<string, string>): Record<string, unknown> {
  const common = { externalId: r.externalId?.trim() ?? "" };
  if (kind === "stations") {
    return {
      ...common,
      name: r.name,
      hostType: optional(r.hostType),
      address: r.address,
      categories: list(r.categories ?? ""),
      contactName: optional(r.contactName),
      contactPhone: optional(r.contactPhone),
      venue: optional(r.venue),
      equipment: optional(r.equipment),
    };
  }
  if (kind === "demands") {
    return {
      ...common,
      stationExternalId: r.stationExternalId,
      enterpriseName: r.enterpriseName,
      creditCode: r.creditCode,
      category: optional(r.category),
      focusGroup: optional(r.focusGroup),
      specialised: bool(r.specialised),
      description: r.description,
      status: optional(r.status),
      collectedOn: optional(r.collectedOn),
      satisfaction: number(r.satisfaction),
    };
  }
  return {
    ...common,
    stationExternalId: optional(r.stationExternalId),
    type: optional(r.type),
    category: optional(r.category),
    title: r.title,
    heldOn: optional(r.heldOn),
    feeCharged: number(r.feeCharged),
    enterprisesServed: number(r.enterprisesServed) ?? 0,
    participants: list(r.participants ?? "").map((p) => {
      const [volunteerId, hours] = p.split(":");
      return { volunteerId: volunteerId?.trim(), hours: number(hours) ?? "(missing)" };
    }),
  };
}

type FieldKind = "string" | "int" | "float" | "bool" | "date" | "enum" | "enums" | "participants";
interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  values?: Record<string, string>;
}

/** The fields of each input as the hub declares them: what GraphQL checks for a whole batch. */
const SPECS: Record<Kind, Record<string, FieldSpec>> = {
  stations: {
    externalId: { kind: "string", required: true },
    name: { kind: "string", required: true },
    hostType: { kind: "enum", required: true, values: StationHostType },
    address: { kind: "string", required: true },
    categories: { kind: "enums", required: true, values: ServiceCategory },
    contactName: { kind: "string" },
    contactPhone: { kind: "string" },
    venue: { kind: "string" },
    equipment: { kind: "string" },
  },
  demands: {
    externalId: { kind: "string", required: true },
    stationExternalId: { kind: "string", required: true },
    enterpriseName: { kind: "string", required: true },
    creditCode: { kind: "string", required: true },
    category: { kind: "enum", required: true, values: ServiceCategory },
    focusGroup: { kind: "enum", values: FocusGroup },
    specialised: { kind: "bool" },
    description: { kind: "string", required: true },
    status: { kind: "enum", values: DemandStatus },
    collectedOn: { kind: "date", required: true },
    satisfaction: { kind: "int" },
  },
  activities: {
    externalId: { kind: "string", required: true },
    stationExternalId: { kind: "string" },
    type: { kind: "enum", required: true, values: ActivityType },
    category: { kind: "enum", required: true, values: ServiceCategory },
    title: { kind: "string", required: true },
    heldOn: { kind: "date", required: true },
    feeCharged: { kind: "float" },
    enterprisesServed: { kind: "int", required: true },
    participants: { kind: "participants", required: true },
  },
};

const INT_MAX = 2 ** 31 - 1;

function valueProblem(field: string, spec: FieldSpec, value: unknown): string | null {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  switch (spec.kind) {
    case "string":
      return typeof value === "string" ? null : `${field} must be text`;
    case "int":
      return typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= INT_MAX
        ? null
        : `${field} ${shown} is not a whole number`;
    case "float":
      return typeof value === "number" && Number.isFinite(value)
        ? null
        : `${field} ${shown} is not a number`;
    case "bool":
      return typeof value === "boolean" ? null : `${field} ${shown} must be true or false`;
    case "date":
      return typeof value === "string" && isIsoDate(value)
        ? null
        : `${field} ${shown} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-31`;
    case "enum":
    case "enums": {
      const allowed = Object.values(spec.values ?? {});
      const list = spec.kind === "enums" ? value : [value];
      if (!Array.isArray(list)) return `${field} must be a list`;
      const bad = (list as unknown[]).find((v) => !allowed.includes(String(v)));
      return bad === undefined
        ? null
        : `${field} ${typeof bad === "string" ? bad : JSON.stringify(bad)} is not one of ${allowed.join(", ")}`;
    }
    case "participants": {
      if (!Array.isArray(value)) return `${field} must be a list of {volunteerId, hours}`;
      for (const p of value as Array<{ volunteerId?: unknown; hours?: unknown }>) {
        if (typeof p?.volunteerId !== "string" || !/^\d+$/.test(p.volunteerId)) {
          return `participant ${String(p?.volunteerId)} is not a volunteer id; write participants as id:hours|id:hours`;
        }
        if (typeof p.hours !== "number" || !Number.isFinite(p.hours)) {
          return `participant ${p.volunteerId}: hours ${String(p.hours)} is not a number`;
        }
      }
      return null;
    }
  }
}

/**
 * What GraphQL would refuse for the whole batch (a missing field, an unknown enum value, a date that
 * is not a date, a number that is not one); the hub checks everything else and answers row by row.
 */
export function localProblem(kind: Kind, row: Record<string, unknown>): string | null {
  for (const [field, spec] of Object.entries(SPECS[kind])) {
    const value = row[field];
    if (value === undefined || value === null) {
      if (spec.required) return `${field} is missing`;
      continue;
    }
    const problem = valueProblem(field, spec, value);
    if (problem) return problem;
  }
  return null;
}

/** A JSON item keeps only the input's fields; ids written as numbers are taken as text. */
function fromJson(kind: Kind, item: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(SPECS[kind])) {
    let value = item[field];
    if (spec.kind === "string" && typeof value === "number") value = String(value);
    if (spec.kind === "participants" && Array.isArray(value)) {
      value = value.map((p: { volunteerId?: unknown; hours?: unknown }) => ({
        volunteerId: typeof p?.volunteerId === "number" ? String(p.volunteerId) : p?.volunteerId,
        hours: p?.hours,
      }));
    }
    if (value !== undefined) row[field] = value;
  }
  return row;
}

export function readRows(file: string, kind: Kind): SourceRow[] {
  const text = fs.readFileSync(file, "utf8");
  if (file.toLowerCase().endsWith(".json")) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed))
      throw new Error(`${file}: a JSON import file holds an array of ${kind}`);
    return (parsed as unknown[]).map((item, i) => {
      if (!item || typeof item !== "object" || Array.isArray(item)) {
        return { line: i + 1, row: {}, record: { item }, problem: "not an object" };
      }
      const record = item as Record<string, unknown>;
      const row = fromJson(kind, record);
      return { line: i + 1, row, record, problem: localProblem(kind, row) };
    });
  }
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    throw new Error(`${file} is not readable CSV: ${(error as Error).message}`);
  }
  const [header, ...lines] = records;
  if (!header) throw new Error(`${file} is empty`);
  return lines.map(({ line, fields }) => {
    const record = Object.fromEntries(header.fields.map((h, i) => [h.trim(), fields[i] ?? ""]));
    const row = fromRecord(kind, record);
    return { line, row, record, problem: localProblem(kind, row) };
  });
}
