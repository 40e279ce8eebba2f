// What the corps tests share: valid applicants, agreements, and direct reads of the corps tables to
// prove that a refused request wrote nothing.
import { daysFromToday } from "../../runtime/dates";
import { idNumberCheckChar } from "../../subgraphs/shared/validation/id-number";
import type { Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";

let serial = 0;

/** A valid ID number no demo volunteer has (demo ones start with Shenzhen district codes). */
export function freshIdNumber(): string {
  serial += 1;
  const first17 = `110101198${serial % 10}0${(serial % 9) + 1}15${String(serial).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheckChar(id: string): string {
  const wrong = "10X98765432".split("").find((c) => c !== id[17])!;
  return id.slice(0, 17) + wrong;
}

export function applicant(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    name: "林晓梅",
    expertType: "FINANCE",
    categories: ["FINANCING", "POLICY"],
    employer: "深圳某银行",
    retired: false,
    contactPhone: `139${String(10_000_000 + serial).slice(-8)}`,
    idNumber: freshIdNumber(),
    branchId: "3",
    ...overrides,
  };
}

export function agreement(overrides: Record<string, unknown> = {}) {
  return {
    form: "BOTH",
    committedHoursPerYear: 48,
    validFrom: daysFromToday(-30),
    validTo: daysFromToday(335),
    ...overrides,
  };
}

export async function register(
  fed: Federation,
  input = applicant(),
): Promise<{ id: string; input: typeof input }> {
  const data = await execute<{ registerVolunteer: { id: string } }>(fed.gatewayUrl, {
    query: contractOperation("RegisterVolunteer"),
    variables: { input },
    token: await fed.token("CITY_ADMIN"),
  });
  return { id: data.registerVolunteer.id, input };
}

export async function appoint(fed: Federation, id: string, terms = agreement()) {
  const data = await execute<{ appointVolunteer: { status: string; letterNumber: string } }>(
    fed.gatewayUrl,
    {
      query: contractOperation("AppointVolunteer"),
      variables: { id, agreement: terms },
      token: await fed.token("CITY_ADMIN"),
    },
  );
  return data.appointVolunteer;
}

/** Row counts of every corps table, to show that a refused request changed nothing. */
export async function corpsCounts(fed: Federation) {
  const db = fed.subgraphs.corps.db;
  const counts: Record<string, number> = {};
  for (const table of [
    "volunteer",
    "volunteer_event",
    "transfer",
    "training",
    "evaluation",
    "commendation",
    "certificate",
  ]) {
    const [row] = await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The volunteer's row as stored (status, branch, letter), read straight from the corps database. */
export async function volunteerRow(fed: Federation, id: string) {
  const [row] = await fed.subgraphs.corps.db.query(
    "SELECT status, branchId, letterNumber, appointedOn, agreementHours FROM volunteer WHERE id = ?",
    [Number(id)],
  );
  return row
    ? {
        ...row,
        branchId: Number(row.branchId),
        appointedOn: row.appointedOn ? String(row.appointedOn).slice(0, 10) : null,
      }
    : null;
}
