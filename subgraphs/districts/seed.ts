// Loads the districts' slice of the demo data: reference districts, stations, demands, activities.
import type { DataSource } from "typeorm";
import { generateDemo } from "../../demo/generate";
import { demoAnchor, insertChunked } from "../shared/seed";
import { DISTRICTS } from "../shared/vocabulary";
import { Activity } from "./entities/activity.entity";
import { Demand } from "./entities/demand.entity";
import { District } from "./entities/district.entity";
import { Participation } from "./entities/participation.entity";
import { Station } from "./entities/station.entity";
import { StationEvent } from "./entities/station-event.entity";

/** The districts are reference data: present in every database, demo or not. */
export async function ensureDistricts(db: DataSource) {
  await db.getRepository(District).upsert(DISTRICTS.map((d) => ({ ...d })), ["code"]);
}

export async function seedDistricts(db: DataSource, demo = generateDemo(demoAnchor())) {
  await db.transaction(async (tx) => {
    await insertChunked(tx, Station, demo.stations.map((s) => ({ ...s, filedAt: s.filedAt ? new Date(s.filedAt) : null })) as never[]);
    await insertChunked(tx, Demand, demo.demands as never[]);
    await insertChunked(
      tx,
      Activity,
      demo.activities.map(({ participants: _p, ...a }) => ({ ...a, feeCharged: 0 })) as never[],
    );
    await insertChunked(
      tx,
      Participation,
      demo.activities.flatMap((a) => a.participants.map((p) => ({ activityId: a.id, ...p, verified: true }))) as never[],
    );
  });
}

export async function clearDistricts(db: DataSource) {
  for (const entity of [Participation, Activity, Demand, StationEvent, Station]) await db.getRepository(entity).clear();
}
