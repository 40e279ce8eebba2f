// What districts knows of experts through their bookings, for matching and the directory: open
// bookings (the load: REQUESTED and not expired, or ACCEPTED) and the enterprises' satisfaction
// with the demands their completed bookings served. One GROUP BY per batch of experts.
import type { DataSource } from "typeorm";
import { num } from "../../shared/db";
import { BookingStatus } from "../vocabulary";
import type { CandidateRecord } from "./matching";

const CHUNK = 1000;

export async function bookingRecords(
  db: DataSource,
  volunteerIds: readonly number[],
  day: string,
): Promise<Map<number, CandidateRecord>> {
  const records = new Map<number, CandidateRecord>();
  for (let i = 0; i < volunteerIds.length; i += CHUNK) {
    const ids = volunteerIds.slice(i, i + CHUNK);
    const rows: Array<{ v: unknown; open: unknown; rated: unknown; total: unknown }> = await db
      .createQueryBuilder()
      .select("b.volunteerId", "v")
      .addSelect(
        "SUM(CASE WHEN b.status = :accepted OR (b.status = :requested AND b.answerBy >= :day) THEN 1 ELSE 0 END)",
        "open",
      )
      .addSelect(
        "SUM(CASE WHEN b.status = :completed AND d.satisfaction IS NOT NULL THEN 1 ELSE 0 END)",
        "rated",
      )
      .addSelect(
        "SUM(CASE WHEN b.status = :completed AND d.satisfaction IS NOT NULL THEN d.satisfaction ELSE 0 END)",
        "total",
      )
      .from("booking", "b")
      .innerJoin("demand", "d", "d.id = b.demandId")
      .where("b.volunteerId IN (:...ids)", {
        ids,
        accepted: BookingStatus.ACCEPTED,
        requested: BookingStatus.REQUESTED,
        completed: BookingStatus.COMPLETED,
        day,
      })
      .groupBy("b.volunteerId")
      .getRawMany();
    for (const row of rows) {
      const rated = num(row.rated);
      records.set(Number(row.v), {
        openBookings: num(row.open),
        rated,
        meanSatisfaction: rated ? Math.round((num(row.total) / rated) * 100) / 100 : null,
      });
    }
  }
  return records;
}
