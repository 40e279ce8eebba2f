// Reading district files for the bulk import: CSV (RFC 4180 quoting, header row) or JSON (an array),
// turned into the rows the publish mutations take.
import fs from "node:fs";

export type Kind = "stations" | "demands" | "activities";

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') ((field += '"'), (i += 1));
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (row.push(field), (field = ""));
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i += 1;
      row.push(field);
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
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
const number = (s: string | undefined) => (optional(s) === undefined ? undefined : Number(s));
const bool = (s: string | undefined) =>
  optional(s) === undefined ? undefined : /^(true|1|yes|是)$/i.test(s!.trim());

/** CSV columns are the input's field names; lists are separated by | and participants are id:hours. */
function fromRecord(kind: Kind, r: Record<string, string>): Record<string, unknown> {
  const common = { externalId: r.externalId?.trim() ?? "" };
  if (kind === "stations") {
    return {
      ...common,
      name: r.name,
      hostType: r.hostType,
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
      category: r.category,
      focusGroup: optional(r.focusGroup),
      specialised: bool(r.specialised),
      description: r.description,
      status: optional(r.status),
      collectedOn: r.collectedOn,
      satisfaction: number(r.satisfaction),
    };
  }
  return {
    ...common,
    stationExternalId: optional(r.stationExternalId),
    type: r.type,
    category: r.category,
    title: r.title,
    heldOn: r.heldOn,
    feeCharged: number(r.feeCharged),
    enterprisesServed: number(r.enterprisesServed) ?? 0,
    participants: list(r.participants ?? "").map((p) => {
      const [volunteerId, hours] = p.split(":");
      return { volunteerId, hours: Number(hours) };
    }),
  };
}

export function readRows(
  file: string,
  kind: Kind,
): { rows: Record<string, unknown>[]; records: Record<string, unknown>[] } {
  const text = fs.readFileSync(file, "utf8");
  if (file.toLowerCase().endsWith(".json")) {
    const parsed = JSON.parse(text);
    if (!Array.isArray(parsed))
      throw new Error(`${file}: a JSON import file holds an array of ${kind}`);
    return { rows: parsed, records: parsed };
  }
  const [header, ...lines] = parseCsv(text);
  if (!header) throw new Error(`${file} is empty`);
  const records = lines.map((line) =>
    Object.fromEntries(header.map((h, i) => [h.trim(), line[i] ?? ""])),
  );
  return { rows: records.map((r) => fromRecord(kind, r)), records };
}
