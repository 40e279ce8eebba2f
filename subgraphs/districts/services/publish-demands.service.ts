// Districts publish SME demands collected at their stations: idempotent upsert keyed by
// (district, externalId), credit codes checked (GB 32100), the station must be the district's own.
import type { DataSource } from "typeorm";
import { today } from "../../../runtime/dates";
import { creditCodeProblem } from "../../shared/validation/credit-code";
import { Demand } from "../entities/demand.entity";
import type { DemandInput } from "../inputs/demand.input";
import { DemandStatus } from "../vocabulary";
import { Batch, checkStations, externalKey, findByExternalIds, sameValues } from "./batch";

/** OPEN → MATCHED → IN_SERVICE → RESOLVED, or CLOSED from any open state; never backwards. */
const STAGE: Record<DemandStatus, number> = {
  [DemandStatus.OPEN]: 0,
  [DemandStatus.MATCHED]: 1,
  [DemandStatus.IN_SERVICE]: 2,
  [DemandStatus.RESOLVED]: 3,
  [DemandStatus.CLOSED]: 3,
};

export function demandTransitionProblem(from: DemandStatus, to: DemandStatus): string | null {
  if (from === to || STAGE[to] > STAGE[from]) return null;
  return `the demand is ${from}; it cannot go back to ${to}`;
}

export async function publishDemands(db: DataSource, districtCode: string, rows: DemandInput[]) {
  const batch = new Batch(districtCode, rows, "demands");
  const now = today();
  batch.check(({ input }) => creditCodeProblem(input.creditCode.trim().toUpperCase()));
  batch.check(({ input }) =>
    input.collectedOn > now ? `collectedOn ${input.collectedOn} is in the future` : null,
  );
  batch.check(({ input }) =>
    input.satisfaction != null && (input.status ?? DemandStatus.OPEN) !== DemandStatus.RESOLVED
      ? `satisfaction is given only for a RESOLVED demand; this one is ${input.status ?? DemandStatus.OPEN}`
      : null,
  );
  if (!batch.rows.length) return batch.finish();
  await db.transaction(async (tx) => {
    const repo = tx.getRepository(Demand);
    const byExternalId = await findByExternalIds(
      repo,
      districtCode,
      batch.rows.map((r) => r.input.externalId),
    );
    const stationId = await checkStations(
      tx,
      batch,
      districtCode,
      (input) => input.stationExternalId,
      byExternalId,
      "demands are collected",
    );
    batch.check(({ input }) => {
      const existing = byExternalId.get(externalKey(input.externalId));
      return existing
        ? demandTransitionProblem(existing.status, input.status ?? DemandStatus.OPEN)
        : null;
    });
    const created: Demand[] = [];
    for (const { input } of batch.rows) {
      const next = {
        stationId: stationId(input)!,
        enterpriseName: input.enterpriseName.trim(),
        creditCode: input.creditCode.trim().toUpperCase(),
        category: input.category,
        focusGroup: input.focusGroup ?? null,
        specialised: input.specialised ?? false,
        description: input.description.trim(),
        status: input.status ?? DemandStatus.OPEN,
        collectedOn: input.collectedOn,
        satisfaction: input.satisfaction ?? null,
      };
      const existing = byExternalId.get(externalKey(input.externalId));
      if (!existing)
        created.push(repo.create({ ...next, districtCode, externalId: input.externalId }));
      else if (sameValues(next, existing as never)) batch.result.unchanged += 1;
      else {
        await repo.update({ id: existing.id }, next);
        batch.result.updated += 1;
      }
    }
    if (created.length) batch.result.created = (await repo.save(created, { chunk: 200 })).length;
  });
  return batch.finish();
}
