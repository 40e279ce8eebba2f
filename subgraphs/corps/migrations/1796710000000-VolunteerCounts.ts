import type { MigrationInterface, QueryRunner } from "typeorm";
import { rebuildVolunteerCounts } from "../services/volunteer-counts";

/** The corps' figures kept as counts per branch × status × expert type, built from the volunteers. */
export class VolunteerCounts1796710000000 implements MigrationInterface {
  name = "VolunteerCounts1796710000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`volunteer_count\` (\`branchId\` int NOT NULL, \`status\` varchar(16) NOT NULL, \`expertType\` varchar(32) NOT NULL, \`n\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`branchId\`, \`status\`, \`expertType\`)) ENGINE=InnoDB`,
    );
    await rebuildVolunteerCounts(queryRunner.manager);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`volunteer_count\``);
  }
}
