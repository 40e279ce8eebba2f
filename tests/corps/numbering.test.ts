// Letter and certificate numbers under concurrency (issue 17, item 3): numbers come from a
// per-series counter row updated in the writing transaction, so concurrent appointments and
// certificates never collide. On MySQL/MariaDB, MAX()+1 numbering refused a share of them as
// CONFLICT; SQLite serialises writes and hid it.
import { today } from "../../runtime/dates";
import { bootFederation, usingMysql, type Federation } from "../helpers/federation";
import { contractOperation, send } from "../helpers/graphql";
import { NumberCounters1796189319189 } from "../../subgraphs/corps/migrations/1796189319189-NumberCounters";
import { agreement, applicant, appoint, register } from "./fixtures";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

const CONCURRENCY = 50;

/** The sequence parts of numbers such as SZZYFW-2026-000123, sorted. */
const sequenceOf = (numbers: string[]) =>
  numbers.map((n) => Number(n.split("-")[2])).sort((a, b) => a - b);

/** Consecutive integers from the first: no gaps, no repeats. */
const consecutive = (values: number[]) => values.map((_, i) => values[0] + i);

describe(`numbering under ${CONCURRENCY} concurrent writes (${usingMysql() ? "MySQL" : "SQLite"})`, () => {
  it("gives concurrent appointments distinct, gap-free letter numbers, refusing none", async () => {
    const admin = await fed.token("CITY_ADMIN");
    const ids: string[] = [];
    for (let i = 0; i < CONCURRENCY; i += 1) ids.push((await register(fed, applicant())).id);
    const responses = await Promise.all(
      ids.map((id) =>
        send(fed.gatewayUrl, {
          query: contractOperation("AppointVolunteer"),
          variables: { id, agreement: agreement() },
          token: admin,
        }),
      ),
    );
    const refused = responses.filter((r) => r.errors?.length);
    expect(refused.map((r) => r.errors![0].extensions?.code)).toEqual([]);
    const rows: Array<{ letterNumber: string }> = await fed.subgraphs.corps.db.query(
      `SELECT letterNumber FROM volunteer WHERE id IN (${ids.map(Number).join(",")})`,
    );
    const numbers = rows.map((r) => r.letterNumber);
    expect(new Set(numbers).size).toBe(CONCURRENCY);
    const sequence = sequenceOf(numbers);
    expect(sequence).toEqual(consecutive(sequence));
    // Continuing where the numbers issued before (the demo's) left off.
    const [{ earlier }] = await fed.subgraphs.corps.db.query(
      `SELECT COUNT(*) AS earlier FROM volunteer WHERE letterNumber LIKE ? AND id NOT IN (${ids.map(Number).join(",")})`,
      [`${numbers[0].slice(0, 12)}%`],
    );
    expect(sequence[0]).toBe(Number(earlier) + 1);
  });

  it("gives concurrent certificates distinct, gap-free numbers, refusing none", async () => {
    const admin = await fed.token("CITY_ADMIN");
    // Appointed demo volunteers with verified hours, several certificates each.
    const withHours = new Set(
      fed.demo.activities.flatMap((a) => a.participants.map((p) => p.volunteerId)),
    );
    const volunteers = fed.demo.volunteers
      .filter((v) => v.status === "APPOINTED" && withHours.has(v.id))
      .slice(0, 10);
    const responses = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) =>
        send<{ issueCertificate: { number: string } }>(fed.gatewayUrl, {
          query: contractOperation("IssueCertificate"),
          variables: { volunteerId: String(volunteers[i % volunteers.length].id) },
          token: admin,
        }),
      ),
    );
    expect(responses.flatMap((r) => r.errors ?? [])).toEqual([]);
    const numbers = responses.map((r) => r.data!.issueCertificate.number);
    expect(new Set(numbers).size).toBe(CONCURRENCY);
    const sequence = sequenceOf(numbers);
    expect(sequence).toEqual(consecutive(sequence));
  });

  (usingMysql() ? it : it.skip)(
    "starts the counters of an existing MySQL database at the numbers already issued",
    async () => {
      const db = fed.subgraphs.corps.db;
      const largest = async (table: string, column: string) =>
        (
          await db.query(
            `SELECT SUBSTRING_INDEX(${column}, '-', 2) AS series, MAX(${column}) AS last FROM ${table} WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY 1`,
          )
        ).map((r: { series: string; last: string }) => ({
          series: r.series,
          value: Number(r.last.split("-")[2]),
        }));
      const expected = [
        ...(await largest("volunteer", "letterNumber")),
        ...(await largest("certificate", "number")),
      ].sort((a, b) => a.series.localeCompare(b.series));
      // Run the migration again on this database, as an upgrade of a running hub would.
      const runner = db.createQueryRunner();
      try {
        await new NumberCounters1796189319189().down(runner);
        await new NumberCounters1796189319189().up(runner);
      } finally {
        await runner.release();
      }
      const counters = await db.query("SELECT series, value FROM number_counter ORDER BY series");
      expect(counters.map((c: any) => ({ series: c.series, value: Number(c.value) }))).toEqual(
        expected,
      );
      // The next appointment continues the series.
      const letters = expected.find((c) => c.series === `SZZYFW-${today().slice(0, 4)}`)!;
      const { id } = await register(fed, applicant());
      await appoint(fed, id);
      const [row] = await db.query("SELECT letterNumber FROM volunteer WHERE id = ?", [Number(id)]);
      expect(row.letterNumber).toBe(
        `${letters.series}-${String(letters.value + 1).padStart(6, "0")}`,
      );
    },
  );
});
