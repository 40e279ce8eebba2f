// Per-request DataLoaders of the corps subgraph: each batch is one IN (...) or GROUP BY query.
import DataLoader from "dataloader";
import { In, type DataSource, type EntityTarget, type FindOptionsOrder } from "typeorm";
import { num } from "../shared/db";
import { Branch } from "./entities/branch.entity";
import { Certificate } from "./entities/certificate.entity";
import { Commendation } from "./entities/commendation.entity";
import { Evaluation } from "./entities/evaluation.entity";
import { Training } from "./entities/training.entity";
import { Transfer } from "./entities/transfer.entity";
import { Volunteer } from "./entities/volunteer.entity";
import { VolunteerEvent } from "./entities/volunteer-event.entity";
import { VolunteerStatus } from "./vocabulary";

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K) {
  const map = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => map.get(key) ?? null);
}

/** Each volunteer's rows of one table: one `volunteerId IN (...)` query per batch, in key order. */
function perVolunteer<T extends { volunteerId: number }>(
  db: DataSource,
  target: EntityTarget<T>,
  order: FindOptionsOrder<T>,
) {
  return new DataLoader<number, T[]>(async (ids) => {
    const rows = await db
      .getRepository(target)
      .find({ where: { volunteerId: In([...ids]) } as never, order });
    const map = new Map<number, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) map.get(row.volunteerId)?.push(row);
    return ids.map((id) => map.get(id) ?? []);
  });
}

export function createLoaders(db: DataSource) {
  const countServing = (column: "v.branchId" | "b.districtCode") =>
    new DataLoader<number | string, number>(async (keys) => {
      const rows: Array<{ k: unknown; n: unknown }> = await db
        .createQueryBuilder()
        .select(column, "k")
        .addSelect("COUNT(*)", "n")
        .from("volunteer", "v")
        .innerJoin("branch", "b", "b.id = v.branchId")
        .where(`${column} IN (:...keys) AND v.status = :status`, {
          keys,
          status: VolunteerStatus.APPOINTED,
        })
        .groupBy(column)
        .getRawMany();
      return byKey(keys, rows, (r) =>
        typeof keys[0] === "number" ? Number(r.k) : String(r.k),
      ).map((r) => num(r?.n));
    });
  return {
    branch: new DataLoader<number, Branch | null>(async (ids) =>
      byKey(ids, await db.getRepository(Branch).findBy({ id: In([...ids]) }), (b) => b.id),
    ),
    volunteer: new DataLoader<number, Volunteer | null>(async (ids) =>
      byKey(ids, await db.getRepository(Volunteer).findBy({ id: In([...ids]) }), (v) => v.id),
    ),
    /** Appointed volunteers per branch. */
    branchVolunteerCount: countServing("v.branchId") as DataLoader<number, number>,
    /** Appointed volunteers in the regional branches of each district. */
    districtVolunteerCount: countServing("b.districtCode") as DataLoader<string, number>,
    transfers: new DataLoader<number, Transfer[]>(async (ids) => {
      const rows = await db.getRepository(Transfer).find({
        where: { volunteerId: In([...ids]) },
        order: { on: "ASC", id: "ASC" },
      });
      return ids.map((id) => rows.filter((t) => t.volunteerId === id));
    }),
    /** Status changes, oldest first. */
    history: perVolunteer(db, VolunteerEvent, { id: "ASC" }),
    trainings: perVolunteer(db, Training, { completedOn: "DESC", id: "DESC" }),
    evaluations: perVolunteer(db, Evaluation, { period: "DESC", id: "DESC" }),
    commendations: perVolunteer(db, Commendation, { awardedOn: "DESC", id: "DESC" }),
    certificates: perVolunteer(db, Certificate, { id: "DESC" }),
  };
}

export type CorpsLoaders = ReturnType<typeof createLoaders>;
