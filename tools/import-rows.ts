// Reading district files for the bulk import: CSV (RFC 4180 quoting, header row) or JSON (an array),
// turned into the rows the publish mutations take, with the checks GraphQL would otherwise apply to
// the whole batch (enum values, dates, numbers) done here row by row.
import fs from "node:fs";
import { isIsoDate } from "../subgraphs/shared/scalars";
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

/** Records with the line each starts on; blank lines are skipped, quoted line breaks kept. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const src = text.replace(/^\uFEFF/, "");
  const finish = () => {
    fields.push(field);
    if (fields.some((f) => f !== "")) rows.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (c === "\n") line += 1;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') ((field += '"'), (i += 1));
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (fields.push(field), (field = ""));
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") ((i += 1), (line += 1));
      else if (c === "\r") line += 1;
      finish();
      start = line;
    } else field += c;
  }
  finish();
  return rows;
}

export const toCsvLine = (fields: unknown[]) =>
  fields
    .map((f) => {
      const s = f === null || f === undefined ? "" : String(f);
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
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
};
const bool = (s: string | undefined) => {
  const text = optional(s);
  if (text === undefined) return undefined;
  if (/^(true|1|yes|y|是)$/i.test(text)) return true;
  if (/^(false|0|no|n|否)$/i.test(text)) return false;
  return text;
};

/** CSV columns are the input's field names; lists are separated by | and participants are id:hours. */
function fromRecord(kind: Kind, r: Record<string, string>): Record<string, unknown> {
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

const ENUMS: Record<string, Record<string, string>> = {
  hostType: StationHostType,
  type: ActivityType,
  category: ServiceCategory,
  categories: ServiceCategory,
  focusGroup: FocusGroup,
  status: DemandStatus,
};
const REQUIRED_ENUMS: Record<Kind, string[]> = {
  stations: ["hostType"],
  demands: ["category"],
  activities: ["type", "category"],
};
const DATES = ["collectedOn", "heldOn"];
const NUMBERS = ["feeCharged", "enterprisesServed", "satisfaction"];

/**
 * What GraphQL would refuse for the whole batch (an unknown enum value, a date that is not a date,
 * a number that is not a number); the hub checks everything else and answers row by row.
 */
export function localProblem(kind: Kind, row: Record<string, unknown>): string | null {
  for (const field of REQUIRED_ENUMS[kind])
    if (row[field] === undefined) return `${field} is missing`;
  for (const [field, allowed] of Object.entries(ENUMS)) {
    const value = row[field];
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!Object.values(allowed).includes(String(v))) {
        return `${field} ${String(v)} is not one of ${Object.values(allowed).join(", ")}`;
      }
    }
  }
  for (const field of DATES) {
    const value = row[field];
    if (
      kind !== "stations" &&
      field === (kind === "demands" ? "collectedOn" : "heldOn") &&
      value === undefined
    ) {
      return `${field} is missing`;
    }
    if (value !== undefined && !(typeof value === "string" && isIsoDate(value))) {
      return `${field} ${String(value)} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-31`;
    }
  }
  for (const field of NUMBERS) {
    const value = row[field];
    if (value !== undefined && value !== null && typeof value !== "number") {
      return `${field} ${String(value)} is not a number`;
    }
  }
  if (row.specialised !== undefined && typeof row.specialised !== "boolean") {
    return `specialised ${String(row.specialised)} must be true or false`;
  }
  if (kind === "activities") {
    const participants = Array.isArray(row.participants) ? row.participants : [];
    for (const p of participants as Array<{ volunteerId?: unknown; hours?: unknown }>) {
      if (typeof p?.volunteerId !== "string" || !/^\d+$/.test(p.volunteerId)) {
        return `participant ${String(p?.volunteerId)} is not a volunteer id; write participants as id:hours|id:hours`;
      }
      if (typeof p.hours !== "number")
        return `participant ${p.volunteerId}: hours ${String(p.hours)} is not a number`;
    }
  }
  return null;
}

export function readRows(file: string, kind: Kind): SourceRow[] {
  const text = fs.readFileSync(file, "utf8");
  if (file.toLowerCase().endsWith(".json")) {
    const parsed = JSON.parse(text);
    if (!Array.isArray(parsed))
      throw new Error(`${file}: a JSON import file holds an array of ${kind}`);
    return parsed.map((row, i) => ({
      line: i + 1,
      row,
      record: row,
      problem: row && typeof row === "object" ? localProblem(kind, row) : "not an object",
    }));
  }
  const [header, ...lines] = parseCsv(text);
  if (!header) throw new Error(`${file} is empty`);
  return lines.map(({ line, fields }) => {
    const record = Object.fromEntries(header.fields.map((h, i) => [h.trim(), fields[i] ?? ""]));
    const row = fromRecord(kind, record);
    return { line, row, record, problem: localProblem(kind, row) };
  });
}
