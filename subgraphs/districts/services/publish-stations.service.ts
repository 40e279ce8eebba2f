// Districts publish their workstations: idempotent upsert keyed by (district, externalId). A new
// station starts SUBMITTED; re-publishing updates its details but never its review state.
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { StationEvent } from "../entities/station-event.entity";
import { Station } from "../entities/station.entity";
import type { StationInput } from "../inputs/station.input";
import { StationStatus } from "../vocabulary";
import { Batch, externalKey, findByExternalIds, sameValues } from "./batch";

const values = (s: StationInput) => ({
  name: s.name.trim(),
  hostType: s.hostType,
  address: s.address.trim(),
  categories: [...s.categories],
  contactName: s.contactName ?? null,
  contactPhone: s.contactPhone ?? null,
  venue: s.venue ?? null,
  equipment: s.equipment ?? null,
});

export async function publishStations(
  db: DataSource,
  caller: Caller,
  districtCode: string,
  rows: StationInput[],
) {
  const batch = new Batch(districtCode, rows, "stations");
  if (!batch.rows.length) return batch.finish();
  await db.transaction(async (tx) => {
    const repo = tx.getRepository(Station);
    const byExternalId = await findByExternalIds(
      repo,
      districtCode,
      batch.rows.map((r) => r.input.externalId),
    );
    const created: Station[] = [];
    for (const { input } of batch.rows) {
      const next = values(input);
      const existing = byExternalId.get(externalKey(input.externalId));
      if (!existing) {
        created.push(
          repo.create({
            ...next,
            districtCode,
            externalId: input.externalId,
            status: StationStatus.SUBMITTED,
          }),
        );
      } else if (sameValues(next, existing as never)) {
        batch.result.unchanged += 1;
      } else {
        await repo.update({ id: existing.id }, next);
        batch.result.updated += 1;
      }
    }
    if (created.length) {
      const saved = await repo.save(created, { chunk: 200 });
      await tx.getRepository(StationEvent).save(
        saved.map((s) => ({
          stationId: s.id,
          at: new Date(),
          actor: caller.sub,
          fromStatus: null,
          toStatus: StationStatus.SUBMITTED,
          comment: "published",
        })),
        { chunk: 200 },
      );
      batch.result.created = saved.length;
    }
  });
  return batch.finish();
}
