// Loads the platforms' slice of the demo data: platforms and their mentor groups.
import type { DataSource } from "typeorm";
import type { DemoData } from "../../demo/generate";
import { insertChunked } from "../shared/seed";
import { Mentor } from "./entities/mentor.entity";
import { Platform } from "./entities/platform.entity";

export async function seedPlatforms(db: DataSource, demo: DemoData) {
  await db.transaction(async (tx) => {
    await insertChunked(
      tx,
      Platform,
      demo.platforms.map(({ mentorIds: _m, ...p }) => p) as never[],
    );
    await insertChunked(
      tx,
      Mentor,
      demo.platforms.flatMap((p) =>
        p.mentorIds.map((volunteerId) => ({
          platformId: p.id,
          volunteerId,
          since: p.certifiedOn ?? p.appliedOn,
        })),
      ),
    );
  });
}

export async function clearPlatforms(db: DataSource) {
  for (const entity of [Mentor, Platform]) await db.getRepository(entity).clear();
}
