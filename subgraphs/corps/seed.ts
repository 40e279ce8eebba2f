// Loads the corps' slice of the demo data: branches and volunteers with their agreements.
import type { DataSource } from "typeorm";
import { generateDemo } from "../../demo/generate";
import { demoAnchor, insertChunked } from "../shared/seed";
import { Branch } from "./entities/branch.entity";
import { Certificate } from "./entities/certificate.entity";
import { Commendation } from "./entities/commendation.entity";
import { Evaluation } from "./entities/evaluation.entity";
import { Training } from "./entities/training.entity";
import { VolunteerEvent } from "./entities/volunteer-event.entity";
import { Transfer } from "./entities/transfer.entity";
import { Volunteer } from "./entities/volunteer.entity";

export async function seedCorps(db: DataSource, demo = generateDemo(demoAnchor())) {
  await db.transaction(async (tx) => {
    await insertChunked(tx, Branch, demo.branches as never[]);
    await insertChunked(
      tx,
      Volunteer,
      demo.volunteers.map(({ agreement, ...v }) => ({
        ...v,
        agreementForm: agreement?.form ?? null,
        agreementHours: agreement?.committedHoursPerYear ?? null,
        agreementFrom: agreement?.validFrom ?? null,
        agreementTo: agreement?.validTo ?? null,
      })) as never[],
    );
  });
}

export async function clearCorps(db: DataSource) {
  for (const entity of [Certificate, Commendation, Evaluation, Training, VolunteerEvent, Transfer, Volunteer, Branch]) {
    await db.getRepository(entity).clear();
  }
}
